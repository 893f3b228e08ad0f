"""PDF writer: the document model set by Typst on A4 paper, as a tagged PDF (PDF/UA-1) with
its fonts embedded, following documents/typography.py.

The fonts come with the project (installed by `make setup`), not from the system, so a machine
with no Korean font prints Hangul rather than empty boxes. Typst breaks Hangul between any two
syllables; a Korean word is set in an unbreakable box so that lines break between words, as
Korean reports are set (a no-break joiner would do the same but lands in the text layer and
makes the PDF unsearchable).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import typst
from django.conf import settings

from . import typography as ty
from .model import (
    Block,
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Figure,
    Flag,
    Heading,
    PageBreak,
    Paragraph,
    Runs,
    Table,
)

FONTS = ("NanumGothic.ttf", "NanumGothicBold.ttf", "NotoSerifKR-Regular.otf")

# A word of Hangul kept whole; one longer than this may break, so that a long token in a narrow
# cell wraps rather than runs out of it.
KEEP_WHOLE = 14
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORDS = re.compile(r"(\s+)")

# Typst measures from one line's baseline to the next line's top: 160 % line spacing leaves 0.6 em.
LEADING = round(ty.LINE_SPACING - 1, 2)

PREAMBLE = f"""
#set text(lang: "ko", region: "kr", font: ("{ty.SERIF}", "{ty.GOTHIC}"), size: {ty.BODY_SIZE}pt)
#set par(leading: {LEADING}em, spacing: {LEADING}em)
#set strong(delta: 200)
#show strong: set text(font: "{ty.GOTHIC}")
#show heading: set text(font: "{ty.GOTHIC}", weight: 600)
#show heading: set block(above: 1.4em, below: 0.7em, sticky: true)
#show heading.where(level: 1): set text(size: {ty.HEADING_SIZES[1]}pt, fill: rgb("#1F3B63"))
#show heading.where(level: 2): set text(size: {ty.HEADING_SIZES[2]}pt)
#show heading.where(level: 3): set text(size: {ty.HEADING_SIZES[3]}pt)
#set table(stroke: 0.5pt + rgb("#333333"), inset: (x: 4pt, y: 3pt), align: horizon + center,
  fill: (x, y) => none)
#show table: set text(font: "{ty.GOTHIC}")
#show table: set par(leading: 0.45em)
"""


TEXT_WIDTH_MM = 170  # A4 less 20 mm margins left and right


def _page(cover: bool) -> str:
    # No number on a cover page; the body's pages are numbered "- 2 -" as reports are.
    shown = "counter(page).get().first() > 1" if cover else "true"
    return (
        '#set page(paper: "a4", margin: (top: 20mm, bottom: 22mm, x: 20mm), '
        f"footer: context if {shown} {{ align(center, text(font: "
        f'"{ty.GOTHIC}", size: 9pt)[#"- " #counter(page).display() #" -"]) }})\n'
    )


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _text(text: str) -> str:
    """Plain text as Typst markup: each Korean word boxed whole, the spaces kept between."""
    out: list[str] = []
    for piece in _WORDS.split(text):
        if not piece:
            continue
        if piece.isspace():
            out.append("#linebreak()" * piece.count("\n") or " ")
        elif _HANGUL.search(piece) and 1 < len(piece) <= KEEP_WHOLE:
            out.append(f"#box({_string(piece)})")
        else:
            out.append(f"#{_string(piece)}")
    return "".join(out)


def _inline(content: Runs) -> str:
    out: list[str] = []
    for run in content:
        if isinstance(run, str):
            out.append(_text(run))
        elif isinstance(run, Figure):
            out.append(_text(run.text))
        elif isinstance(run, Flag):
            out.append(f'#highlight(fill: rgb("{ty.FLAG_SHADE}"))[{_text(run.text)}]#" ⚠"')
        elif isinstance(run, Emphasis):
            out.append(f"#strong[{_inline(run.runs)}]")
    return "".join(out)


def _cell(cell: Cell, header: bool) -> str:
    options = []
    if cell.colspan > 1:
        options.append(f"colspan: {cell.colspan}")
    if cell.rowspan > 1:
        options.append(f"rowspan: {cell.rowspan}")
    if header:
        options.append(f'fill: rgb("{ty.HEADER_SHADE}")')
    elif (align := ty.cell_align(cell)) != "center":
        options.append(f"align: horizon + {align}")
    body = _inline(cell.content)
    if header:
        body = f"#text(weight: 600)[{body}]"
    return f"table.cell({', '.join(options)})[{body}]"


def _table(table: Table) -> str:
    parts: list[str] = []
    if table.caption:
        parts.append(f"#block(sticky: true)[#strong[{_inline(table.caption)}]]")
    if table.units:
        parts.append(
            f'#block(sticky: true, width: 100%)[#align(right, text(font: "{ty.GOTHIC}", '
            f"size: {ty.NOTE_SIZE}pt)[{_text(table.units)}])]"
        )
    size, weights = ty.table_layout(table.grid(), TEXT_WIDTH_MM)
    columns = ", ".join(f"{w}fr" for w in weights)
    cells: list[str] = []
    if table.header:
        heads = [_cell(c, header=True) for row in table.header for c in row]
        cells.append(f"table.header(repeat: true, {', '.join(heads)})")
    cells += [_cell(c, header=False) for row in table.rows for c in row]
    parts.append(f"#text(size: {size}pt)[#table(columns: ({columns},), {', '.join(cells)})]")
    for note in table.notes:
        parts.append(_note(note))
    return "\n".join(parts)


def _note(content: Runs) -> str:
    return f'#text(font: "{ty.GOTHIC}", size: {ty.NOTE_SIZE}pt)[{_inline(content)}]'


def _block(item: Block) -> str:
    if isinstance(item, Cover):
        title, date_size, office_size = ty.COVER_SIZES
        return (
            "#v(70mm)\n#align(center)["
            f'#text(font: "{ty.GOTHIC}", size: {title}pt, weight: 600)'
            f"[#title({_string(item.title)})]\n\n"
            f"#v(12mm)#text(size: {date_size}pt)[{_text(item.date_line)}]\n\n"
            f'#v(6mm)#text(font: "{ty.GOTHIC}", size: {office_size}pt, weight: 600)'
            f"[{_text(item.office)}]]\n#pagebreak(weak: true)"
        )
    if isinstance(item, Heading):
        out = f"#heading(level: {min(item.level, 6)})[{_text(item.label)} {_inline(item.content)}]"
        if item.summary:
            out += (
                '\n#block(width: 100%, stroke: 0.75pt + rgb("#555555"), inset: (x: 4mm, '
                f"y: 3mm), above: 0.6em, below: 1em)[{_inline(item.summary)}]"
            )
        return out
    if isinstance(item, Bullet):
        rung = ty.step(item.level)
        hang = ty.hanging(item.symbol)
        body = _note(item.content) if item.symbol.startswith("※") else _inline(item.content)
        return (
            f"#block(above: {rung.space_before}pt + {LEADING}em, below: {LEADING}em, "
            f"inset: (left: {rung.indent}pt))"
            f"[#set text(size: {rung.size}pt)\n#par(hanging-indent: {hang}em)"
            f"[#box(width: {hang}em, {_string(item.symbol)}){body}]]"
        )
    if isinstance(item, Paragraph):
        return f"#par[{_inline(item.content)}]"
    if isinstance(item, Table):
        return _table(item)
    if isinstance(item, PageBreak):
        return "#pagebreak(weak: true)"
    raise TypeError(f"unknown block {item!r}")


def _outline(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks with headings at the levels tagged PDF (PDF/UA) allows: the first at level
    1, none more than one below the one before it. A report may define its sections otherwise
    (a first section of level 2), and must print all the same."""
    previous = 0
    for block in blocks:
        if isinstance(block, Heading):
            level = max(1, min(block.level, previous + 1))
            previous = level
            block = dataclasses.replace(block, level=level)
        yield block


def source(document: Document) -> str:
    """The document as Typst markup."""
    cover = any(isinstance(b, Cover) for b in document.blocks[:2])
    head = f"#set document(title: {_string(document.title)})\n{PREAMBLE}{_page(cover)}"
    return head + "\n\n".join(_block(b) for b in _outline(document.blocks)) + "\n"


class FontMissingError(RuntimeError):
    """A Korean font is not installed; the message tells the person what to run."""


@functools.cache
def _compiler(folder: Path) -> typst.Compiler:
    # Reading the fonts' tables takes most of a cold start: once per process and folder.
    fonts = typst.Fonts(include_system_fonts=False, font_paths=[str(folder)])
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


def _check_fonts(folder: Path) -> None:
    found = {path.name for path in folder.rglob("*") if path.name in FONTS}
    missing = [name for name in FONTS if name not in found]
    if missing:
        raise FontMissingError(
            f"PDF에 쓸 한글 글꼴({', '.join(missing)})이 {folder}에 없습니다. "
            "`make setup`을 실행해 글꼴을 설치하세요."
        )


# A fixed creation date: the same document gives the same bytes, so a finalised report
# can be rebuilt and compared.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


# Printed for a character no font has a glyph for; the reader sees that something is there.
MISSING_GLYPH = "〓"


@functools.cache
def _drawable(folder: Path) -> frozenset[str]:
    """The characters the fonts in `folder` have glyphs for."""
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for path in folder.rglob("*"):
        if path.name in FONTS:
            found.update(TTFont(path, lazy=True).getBestCmap())
    return frozenset(map(chr, found))


def _drawn(text: str, drawable: frozenset[str]) -> str:
    """`text` with each character the fonts cannot draw as MISSING_GLYPH: tagged PDF (PDF/UA)
    refuses a document with text no font can show, whatever record it came from."""
    return "".join(
        c
        if c in drawable or c.isspace()
        else ("" if unicodedata.category(c) == "Cf" else MISSING_GLYPH)  # marks no one sees
        for c in text
    )


def render(document: Document) -> bytes:
    folder = Path(settings.FONT_DIR)
    _check_fonts(folder)  # a font removed since the first call still gets the clear error
    pdf = _compiler(folder).compile(
        input=_drawn(source(document), _drawable(folder)).encode("utf-8"),
        format="pdf",
        pdf_standards=["ua-1"],
        timestamp=EPOCH,
    )
    assert isinstance(pdf, bytes)
    return pdf
