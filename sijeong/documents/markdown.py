"""Markdown writer: the document as plain text that reads like the printed report.

Every text from the document is escaped so that HTML typed into a record (`<script>`) is
printed, not passed through as live HTML to whatever renders the Markdown.
"""

from __future__ import annotations

import re

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

# Korean reports indent sub-items by a full-width space per level; ASCII spaces would turn
# deep items into Markdown code blocks.
INDENT = "\u3000"

# An & that would start a character reference (&lt; &#60; &#x3c;): left bare, a renderer
# would turn it into the character it names.
REFERENCE = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def escaped(text: str) -> str:
    """`text` with HTML neutralised: entities rather than a backslash, since not every Markdown
    renderer (Python-Markdown, for one) honours `\\<`; other `&` and `>` stay as typed, so the
    file still reads like the report."""
    return REFERENCE.sub("&amp;", text).replace("<", "&lt;")


def inline(content: Runs) -> str:
    out: list[str] = []
    for run in content:
        if isinstance(run, str):
            out.append(escaped(run))
        elif isinstance(run, Figure):
            out.append(escaped(run.text))
        elif isinstance(run, Flag):
            out.append(f"{escaped(run.text)}[확인 필요: {escaped(run.message)}]")
        elif isinstance(run, Emphasis):
            out.append(f"**{inline(run.runs)}**")
    return "".join(out)


def _cell(cell: Cell) -> str:
    return inline(cell.content).replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> str:
    lines: list[str] = []
    if table.caption or table.units:
        lines.append(" ".join(p for p in (inline(table.caption), escaped(table.units)) if p))
        lines.append("")
    # Pipe tables have no spans: a spanned cell is written once, the positions it covers empty.
    grid = [[_cell(c) if c else "" for c in row] for row in table.grid()]
    width = table.column_count
    # A pipe table has one header row: further header rows follow the separator.
    for index, row in enumerate(grid):
        lines.append("| " + " | ".join(row) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    for note in table.notes:
        lines.append("")
        lines.append(inline(note))
    return "\n".join(lines)


def block(item: Block) -> str:
    if isinstance(item, Cover):
        return "\n\n".join(
            (f"# {escaped(item.title)}", escaped(item.date_line), escaped(item.office))
        )
    if isinstance(item, Heading):
        label = escaped(item.label)
        text = f"{'#' * (item.level + 1)} {label} {inline(item.content)}".replace("  ", " ")
        return f"{text}\n\n{inline(item.summary)}" if item.summary else text
    if isinstance(item, Bullet):
        return f"{INDENT * item.level}{escaped(item.symbol)} {inline(item.content)}"
    if isinstance(item, Paragraph):
        return inline(item.content)
    if isinstance(item, Table):
        return _table(item)
    if isinstance(item, PageBreak):
        return "---"
    raise TypeError(f"unknown block {item!r}")


def render(document: Document) -> str:
    return "\n\n".join(block(b) for b in document.blocks) + "\n"
