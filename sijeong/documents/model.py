"""A small document tree for Korean public-sector reports (개조식 보고서).

Every number a writer prints is a Figure that remembers its sources, so a reader of the
HTML view can see where it came from and a finalised report can be audited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Literal, Union


@dataclass(frozen=True)
class Source:
    """Where a figure came from: a record (`budget.budgetline#3`) or a computation over some."""

    ref: str
    description: str
    kind: Literal["record", "derived", "stated"] = "record"


@dataclass(frozen=True)
class Figure:
    """A number as printed (`143,413`, `40.1%`), with its sources.

    `key` names the figure stably across versions of a report (`budget.rate:기관운영업무추진비`)
    and `label` says in Korean what it is, so two versions can be compared figure by figure.
    """

    text: str
    sources: tuple[Source, ...] = ()
    key: str = ""
    label: str = ""


@dataclass(frozen=True)
class Emphasis:
    """Bold text, as Korean reports set programme names and key results."""

    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Flag:
    """Text the checks flagged (a malformed time `14:1`), printed as written and marked."""

    text: str
    message: str


Run = Union[str, Figure, Emphasis, Flag]  # noqa: UP007 (a runtime alias used in isinstance)
Runs = tuple[Run, ...]


def runs(*parts: Run | None) -> Runs:
    """Inline content from parts, dropping empty ones."""
    return tuple(p for p in parts if p not in (None, ""))


def plain_text(content: Runs) -> str:
    """The text of inline content, as a reader sees it."""
    out: list[str] = []
    for run in content:
        if isinstance(run, str):
            out.append(run)
        elif isinstance(run, Figure | Flag):
            out.append(run.text)
        else:
            out.append(plain_text(run.runs))
    return "".join(out)


def figures_in(content: Runs) -> Iterator[Figure]:
    for run in content:
        if isinstance(run, Figure):
            yield run
        elif isinstance(run, Emphasis):
            yield from figures_in(run.runs)


@dataclass(frozen=True)
class Cover:
    """The title page block: report title, date line and office."""

    title: str
    date_line: str
    office: str


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 `I.`, level 2 `1`, level 3 `①`."""

    level: int
    label: str
    content: Runs
    summary: Runs = ()


@dataclass(frozen=True)
class Bullet:
    """A 개조식 item: its symbol (□ ○ - · √ ▶ ※ * ✓ ●) and indentation level (0 = top)."""

    symbol: str
    level: int
    content: Runs


@dataclass(frozen=True)
class Paragraph:
    content: Runs


@dataclass(frozen=True)
class Cell:
    content: Runs
    colspan: int = 1
    rowspan: int = 1
    align: Literal["left", "center", "right"] = "center"


@dataclass(frozen=True)
class Table:
    """A ruled table with header rows, an optional units line and ※ notes under it."""

    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: Runs = ()
    units: str = ""
    notes: tuple[Runs, ...] = ()

    @property
    def column_count(self) -> int:
        first = (self.header or self.rows or ((),))[0]
        return sum(cell.colspan for cell in first)

    def grid(self) -> list[list[Cell | None]]:
        """Header and body rows laid out on the column grid: each cell at its top-left
        position, None where a span covers the position (for writers without spans)."""
        width = self.column_count
        rows = (*self.header, *self.rows)
        grid: list[list[Cell | None]] = [[None] * width for _ in rows]
        covered = [[False] * width for _ in rows]
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while c < width and covered[r][c]:
                    c += 1
                if c >= width:
                    break
                grid[r][c] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if r + dr < len(rows) and c + dc < width:
                            covered[r + dr][c + dc] = True
                c += cell.colspan
        return grid


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Cover, Heading, Bullet, Paragraph, Table, PageBreak]  # noqa: UP007


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    # Marks with no place in the text: open findings about what the document was made from but
    # does not print (two records of one event, neither printed). They count as marked places
    # (`flags`), a draft lists them under its mark, and a final leaves them out.
    unplaced: list[Flag] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def figures(self) -> Iterator[Figure]:
        for block in self.blocks:
            for content in _contents(block):
                yield from figures_in(content)


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def display_width(text: str) -> int:
    """Text width in half-em units: a Hangul syllable (or any full-width character) is about
    twice as wide as a digit or a Latin letter."""
    return sum(2 if "\uac00" <= ch <= "\ud7a3" or "\u3000" <= ch <= "\u9fff" else 1 for ch in text)


def column_needs(grid: list[list[Cell | None]]) -> tuple[list[int], list[int]]:
    """Each column's wanted width (its longest text, capped) and its floor (its longest word,
    or a figure with its rate, which reads as one), in half-em units, each with room for the
    cell's margins."""
    columns = len(grid[0]) if grid else 0
    wants = [6] * columns
    floors = [5] * columns
    for row in grid:
        for c, cell in enumerate(row):
            if cell is not None and cell.colspan == 1:
                text = plain_text(cell.content)
                wants[c] = max(wants[c], min(display_width(text) + 4, 32))
                whole = text.split() if _HANGUL.search(text) else [text]
                floors[c] = max(floors[c], min(max(map(display_width, whole), default=0), 28) + 3)
    return wants, floors


def column_weights(grid: list[list[Cell | None]], available: int | None = None) -> list[int]:
    """Column widths in half-em units, in proportion to the longest text of each column
    (capped), so that short figures do not wrap beside a long 비고 column as equal widths
    would make them.

    Given the table's `available` width (half-ems at the table's type size), each column first
    gets its floor, so that no word breaks while the table can hold them all, and the rest is
    shared in proportion to what each column wants more.
    """
    wants, floors = column_needs(grid)
    if available is None or sum(wants) <= available:
        return wants
    if sum(floors) >= available:
        return floors
    spare = available - sum(floors)
    extra = [max(w - f, 0) for w, f in zip(wants, floors, strict=True)]
    total = sum(extra) or 1
    return [f + spare * e // total for f, e in zip(floors, extra, strict=True)]


# The mark of a draft (검토용): printed first in every file written before the report is
# finalised, with the number of places the checks marked; a final carries neither.
DRAFT_MARK = "검토용 초안"


def flags(document: Document) -> list[Flag]:
    """Every marked place of the document, in reading order, then the marks with no place in
    the text: its open findings."""
    found: list[Flag] = []

    def visit(content: Runs) -> None:
        for run in content:
            if isinstance(run, Flag):
                found.append(run)
            elif isinstance(run, Emphasis):
                visit(run.runs)

    for block in document.blocks:
        for content in _contents(block):
            visit(content)
    return found + document.unplaced


def _contents(block: Block) -> list[Runs]:
    """The inline contents of a block, in reading order."""
    if isinstance(block, Heading):
        return [block.content, block.summary]
    if isinstance(block, Bullet | Paragraph):
        return [block.content]
    if isinstance(block, Table):
        cells = [cell.content for row in (*block.header, *block.rows) for cell in row]
        return [*cells, block.caption, *block.notes]
    return []


def draft(document: Document) -> Document:
    """The document as a draft is written: the draft mark first, the marks kept."""
    count = len(flags(document))
    note = f"{DRAFT_MARK} — 확정 전 문서입니다." + (
        f" 확인이 필요한 곳 {count}건이 표시되어 있습니다." if count else ""
    )
    unplaced = [Paragraph(("※ 본문에 싣지 않은 기록: ", flag)) for flag in document.unplaced]
    return Document(document.title, [Paragraph((note,)), *unplaced, *document.blocks])


def final(document: Document) -> Document:
    """The document as a final is written: every marked place printed as plain text."""
    return Document(document.title, [_unmarked(block) for block in document.blocks])


def _plain(content: Runs) -> Runs:
    out: list[Run] = []
    for run in content:
        if isinstance(run, Flag):
            out.append(run.text)
        elif isinstance(run, Emphasis):
            out.append(Emphasis(_plain(run.runs)))
        else:
            out.append(run)
    return tuple(out)


def _unmarked(block: Block) -> Block:
    if isinstance(block, Heading):
        return replace(block, content=_plain(block.content), summary=_plain(block.summary))
    if isinstance(block, Bullet | Paragraph):
        return replace(block, content=_plain(block.content))
    if isinstance(block, Table):

        def rows(group: tuple[tuple[Cell, ...], ...]) -> tuple[tuple[Cell, ...], ...]:
            return tuple(tuple(replace(c, content=_plain(c.content)) for c in r) for r in group)

        return replace(
            block,
            header=rows(block.header),
            rows=rows(block.rows),
            caption=_plain(block.caption),
            notes=tuple(_plain(n) for n in block.notes),
        )
    return block


# What XML 1.0 (HWPX, DOCX) cannot hold: C0 controls but tab and line breaks, lone surrogates,
# U+FFFE and U+FFFF. The forms refuse them; a record stored before they did may hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def legible(document: Document) -> Document:
    """The document with every character no file format can hold taken out of its text, so
    that one stored character does not stop a report from being written."""
    return _mapped(document, lambda text: _NOT_XML.sub("", text))


def _mapped(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple | list):
        return type(value)(_mapped(item, change) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(
            value, **{f.name: _mapped(getattr(value, f.name), change) for f in fields(value)}
        )
    return value
