"""The outline of a 개조식 report: numbered headings, bulleted items, tables, paragraphs.

Korean public-sector reports mark their hierarchy with numbering (Ⅰ. / 1 / ①, and 1. 가. 1)
가) (1) (가) inside items) and with symbols (□ ○ - · √ ▶ ※ *). Each parsed item keeps the
numbers of the source lines it came from, so that every line can be accounted for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sijeong.documents.reading.text import SYMBOLS, SourceLine

Kind = Literal["heading", "bullet", "table", "paragraph"]

ROMAN = {
    "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10,
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
}  # fmt: skip
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_H1 = re.compile(
    r"^(?P<label>Ⅹ|Ⅸ|Ⅷ|Ⅶ|Ⅵ|Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ|VIII|VII|VI|IV|IX|III|II|I|V|X)\.\s*(?P<text>\S.*)$"
)
# The title may not start with `:` or `시`: `08 : 30` and `10 시` are times, not headings.
_H2 = re.compile(r"^(?P<label>\d{1,2})\s+(?P<text>(?![:：~.]|시(?:\s|$))[^\d\s].*)$")
_H2_ALONE = re.compile(r"^(?P<label>\d{1,2})$")
_H3 = re.compile(rf"^(?P<label>[{CIRCLED}])\s*(?P<text>\S.*)$")
# Symbols, possibly stacked as converters leave them ("- ▶", "- ✓"), or item numbering.
# A single * marks a note; ** is bold markup, not a symbol.
_BULLET = re.compile(
    rf"^(?P<indent>\s*)(?P<marks>(?:(?:[{re.escape(SYMBOLS)}]|\*(?!\*))\s*)+)(?P<text>.*)$"
)
_NUMBERED = re.compile(
    r"^(?P<indent>\s*)(?P<marks>\d{1,2}-\d{1,2}\.|\d{1,2}\.|[가-하]\.|\d{1,2}\)|[가-하]\)|\(\d{1,2}\)|\([가-하]\))"
    r"\s+(?P<text>\S.*)$"
)
_CELLS = re.compile(r"\t| {3,}")
# Page numbers as word processors print them: `- 3 -`, `3/10`, `3 / 10`, `p. 3`, `3쪽`.
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|(?:p\.?|page)\s*\d{1,4}|\d{1,4}\s*쪽)$",
    re.IGNORECASE,
)


# The rule under a pipe table's header (`---|---|`): the table's frame, never content.
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def is_table_rule(text: str) -> bool:
    """A table's rule (`---|---`) or its border left alone on a line (`|`): the frame."""
    return bool(_PIPE_RULE.match(text)) or (bool(text.strip()) and not text.strip(" |"))


def is_page_number(text: str) -> bool:
    """A line that only numbers its page: no content, not a heading, never written back."""
    return bool(_PAGE_NUMBER.match(text.strip()))


@dataclass
class Item:
    kind: Kind
    lines: list[int]
    text: str = ""
    level: int = 0
    label: str = ""
    cells: list[list[str]] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.lines[0]


def _cells(text: str) -> list[str] | None:
    if "\t" not in text and not re.search(r"\S {3,}\S", text):
        return None
    cells = [c.strip() for c in _CELLS.split(text.strip())]
    return cells if len(cells) >= 2 else None


def _classify(line: SourceLine) -> Item | None:
    text = line.text
    if not text.strip():
        return None
    stripped = text.strip()
    if is_page_number(stripped) or is_table_rule(stripped):
        return None
    cells = _cells(text)
    if cells is not None:
        return Item("table", [line.number], cells=[cells])
    if match := _H1.match(stripped):
        return Item("heading", [line.number], match["text"], 1, f"{match['label']}.")
    if not text.startswith(" "):
        if match := _H3.match(stripped):
            return Item("heading", [line.number], match["text"], 3, match["label"])
        if match := _H2.match(stripped):
            return Item("heading", [line.number], match["text"], 2, match["label"])
        if match := _H2_ALONE.match(stripped):
            return Item("heading", [line.number], "", 2, match["label"])
    for pattern in (_NUMBERED, _BULLET):
        if match := pattern.match(text):
            marks = "".join(match["marks"].split())
            level = len(match["indent"].replace("\t", "  "))
            return Item("bullet", [line.number], match["text"].strip(), level, marks)
    return Item("paragraph", [line.number], stripped)


def outline(lines: list[SourceLine]) -> list[Item]:
    """The items of a report, in order. Consecutive table rows form one table; a heading
    number alone on its line takes the next non-empty line as its title."""
    items: list[Item] = []
    pending_title: Item | None = None
    for line in lines:
        item = _classify(line)
        if item is None:
            continue
        if pending_title is not None:
            if item.kind in ("paragraph", "bullet"):
                pending_title.text = item.text
                pending_title.lines.append(line.number)
                pending_title = None
                continue
            pending_title = None
        previous = items[-1] if items else None
        if (
            item.kind == "paragraph"
            and line.text[:1].isspace()
            and previous is not None
            and previous.kind in ("bullet", "paragraph")
            and previous.lines[-1] == line.number - 1
        ):
            # An indented line right under an item, with no symbol of its own, is the item's
            # text wrapped by hand onto the next line.
            previous.text = f"{previous.text} {item.text}"
            previous.lines.append(line.number)
            continue
        if (
            item.kind == "table"
            and previous is not None
            and previous.kind == "table"
            and (previous.lines[-1] == line.number - 1 or _blank_between(lines, previous, line))
        ):
            previous.cells.extend(item.cells)
            previous.lines.append(line.number)
            continue
        items.append(item)
        if item.kind == "heading" and not item.text:
            pending_title = item
    return items


def _blank_between(lines: list[SourceLine], previous: Item, line: SourceLine) -> bool:
    # Word processors put an empty line between table rows when exporting with line breaks.
    between = lines[previous.lines[-1] : line.number - 1]
    return len(between) <= 1 and all(not b.text.strip() for b in between)
