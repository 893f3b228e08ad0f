"""The walker's state over the outline: what was read so far, and where it is printed."""

from __future__ import annotations

import datetime
import json
from typing import Any

from sijeong.checking.checks import Document
from sijeong.checking.tables import Table

from ..preview import ImportFinding, Planned, Preview
from ..structure import Item, outline


class Reader:
    """Where the walk stands in the outline and what is in force there: the chapter, task and
    □ box over the item, the period, month and unit of the tables, the records planned so far."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.items: list[Item] = outline(preview.lines)
        # The document as the checker reads it: its tables are the ones the recognisers read,
        # and its findings are the import's (one reading, one arithmetic, as in 검산).
        self.document = Document.of(preview.lines)
        self.position = 0
        self.h1 = ""
        self.h2: Item | None = None
        self.tasks_numbered = 0  # `1.` `2.` … tasks of the current chapter, read in turn
        self.tasks_first = 0  # the number the tasks of a document without chapters start at
        self.program: Planned | None = None
        self.box = ""  # the current □ title: 추진방향, 추진내용, 향후계획 …
        self.period: tuple[datetime.date, datetime.date] | None = None
        self.as_of: datetime.date | None = None
        self.unit = ""  # of the tables that follow, from their caption (천원, 명 …)
        # An overview's captions: `(기준 : 2021. 1. 1., 단위 : 명)`, `[2025년 본예산]`, and the
        # title over the next table; the latest date the document states, when none is given.
        self.table_date: datetime.date | None = None
        self.table_unit = ""
        self.table_year: int | None = None
        self.table_title = ""
        self.table_observations: list[Planned] = []
        self.document_date: datetime.date | None = None
        self.domain: Planned | None = None
        self.event: Planned | None = None
        self.function: Planned | None = None
        self.staffing: Planned | None = None
        # The briefings listed under a 기자설명회 count, and that count with its line: no
        # briefing is read before a count announces them.
        self.briefings: list[Planned] | None = None
        self.briefings_stated: tuple[int, int] = (0, 0)
        self.year: int | None = None
        self.planned: dict[tuple[str, str], Planned] = {}
        self.events: list[Planned] = []
        self.dated: set[int] = set()
        self.pending_title: tuple[str, str] = ("", "")
        self.last_narrative: Planned | None = None
        self.narratives_per_section: dict[tuple[str, str], int] = {}
        self.texts = {line.number: line.text.strip() for line in preview.lines}
        # Where each event's lines stand in the layout, to keep them there if it has no date.
        self.event_places: dict[int, tuple[int, int]] = {}

    def plan(self, model: str, key: dict[str, Any], lines: list[int], **fields: Any) -> Planned:
        """The record `key` names, planned once however often the document states it."""
        index = (model, json.dumps(key, sort_keys=True, default=str))
        existing = self.planned.get(index)
        if existing is not None:
            existing.fields.update(fields)
            existing.lines.extend(lines)
            return existing
        planned = self.planned[index] = Planned(model, key, fields, list(lines))
        self.preview.records.append(planned)
        return planned

    def place(self, item: Item, what: str, structure: bool = False) -> None:
        for number in item.lines:
            self.preview.placed[number] = what
            if structure:
                self.preview.structure.add(number)

    def find(self, line: int, severity: str, code: str, message: str) -> None:
        self.preview.findings.append(ImportFinding(line, severity, code, message))

    def section(self, level: int, title: str = "", program: str = "", **fields: Any) -> None:
        self.flush_title()
        self.preview.layout.append(
            {"level": level, "title": title, "program": program, **fields, "blocks": []}
        )

    def block(self, kind: str, **params: Any) -> dict[str, Any]:
        """The block printing what was just recognised; one block per run of a kind."""
        if not self.preview.layout:
            self.preview.layout.append({"level": 1, "title": "", "program": "", "blocks": []})
        blocks = self.preview.layout[-1]["blocks"]
        if kind in _WHOLE:
            printed = next((b for b in blocks if b["kind"] == kind and b["params"] == params), None)
            if printed is not None:
                return printed
        title, symbol = self.pending_title
        self.pending_title = ("", "")
        if not title and blocks and blocks[-1]["kind"] == kind:
            last = blocks[-1]
            if {k: v for k, v in last["params"].items() if k != "slice"} == params:
                return last
        blocks.append({"kind": kind, "title": title, "symbol": symbol, "params": params})
        return blocks[-1]

    def keep_as_text(self, numbers: list[int]) -> None:
        """Lines no recogniser claims are printed as written where they stood: writing the
        imported report back loses none. They stay unplaced: no record was read from them."""
        written = [self.texts[n] for n in numbers if self.texts.get(n, "").strip()]
        layout = self.preview.layout
        last = layout[-1]["blocks"][-1] if layout and layout[-1]["blocks"] else None
        if last is not None and last["kind"] == "text" and not self.pending_title[0]:
            last["params"]["lines"].extend(written)
        else:
            self.block("text", lines=written)

    def flush_title(self) -> None:
        """A sub-title with nothing recognised under it is printed on its own."""
        if self.pending_title[0]:
            self.block("heading")

    def table_at(self, item: Item) -> Table | None:
        """The table the checker read where this item stands, if any."""
        return next(
            (
                t
                for t in self.document.tables
                if any(t.first_line <= n <= t.last_line for n in item.lines)
            ),
            None,
        )

    def item_at(self, position: int) -> Item | None:
        return self.items[position] if position < len(self.items) else None


# Blocks that print every record of their kind: one such block per section.
_WHOLE = {"functions", "staffing", "budget", "tasks", "events", "press"}
