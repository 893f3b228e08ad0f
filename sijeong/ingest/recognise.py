"""Recognisers: the records a 개조식 report states, read from its outline, with findings.

Each recogniser looks at the item in front of it (and the heading it sits under) and either
claims it — planning records and noting the source lines — or leaves it. Whatever no
recogniser claims is kept in the unplaced list: nothing is dropped.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sijeong.core.formatting import (
    format_korean_amount,
    format_number,
    format_percent,
    parse_korean_amount,
    parse_korean_date,
    parse_korean_month,
    parse_month_range,
    parse_time,
    percent,
)
from sijeong.core.notation import check as notation_check

from .reading import SourceLine
from .structure import CIRCLED, Item, is_page_number, outline


@dataclass
class Planned:
    """A record to create or update: its model, natural key, other fields, source lines."""

    model: str
    key: dict[str, Any]
    fields: dict[str, Any] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    parent: Planned | None = None
    parent_field: str = ""

    @property
    def label(self) -> str:
        values = [str(v) for v in self.key.values() if not isinstance(v, dict)]
        return " / ".join(values)


@dataclass(frozen=True)
class ImportFinding:
    line: int
    severity: str  # error | warning | info
    code: str
    message: str


@dataclass
class Preview:
    """What an import would do: records, findings with line numbers, and unplaced lines."""

    format: str
    lines: list[SourceLine]
    cover: dict[str, str] = field(default_factory=dict)
    records: list[Planned] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    placed: dict[int, str] = field(default_factory=dict)
    # Lines placed as the document's frame (cover, headings, box titles, captions): placed,
    # but no content of their own, so they count neither way in the placed share.
    structure: set[int] = field(default_factory=set)
    # The document's own sections and blocks, for a report definition that writes it back.
    layout: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unplaced(self) -> list[SourceLine]:
        return [line for line in self.lines if line.text.strip() and line.number not in self.placed]

    @property
    def content_lines(self) -> list[SourceLine]:
        """The lines that say something: not blank, not the frame (page numbers included)."""
        return [
            line for line in self.lines if line.text.strip() and line.number not in self.structure
        ]

    @property
    def placed_share(self) -> float:
        """The share of content lines that became a record or a report block; a document of
        which nothing was read reads 0, however many headings it has."""
        content = self.content_lines
        if not content:
            return 0.0
        return len([line for line in content if line.number in self.placed]) / len(content)

    def count(self, model: str) -> int:
        return sum(1 for r in self.records if r.model == model)


class _Reader:
    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.items: list[Item] = outline(preview.lines)
        self.position = 0
        self.h1 = ""
        self.h2: Item | None = None
        self.program: Planned | None = None
        self.box = ""  # the current □ title: 추진방향, 추진내용, 향후계획 …
        self.period: tuple[datetime.date, datetime.date] | None = None
        self.as_of: datetime.date | None = None
        self.unit = ""  # of the tables that follow, from their caption (천원, 명 …)
        self.domain: Planned | None = None
        self.event: Planned | None = None
        self.series: Planned | None = None
        self.function: Planned | None = None
        self.staffing: Planned | None = None
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

    # -- bookkeeping ----------------------------------------------------------------------

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

    # -- layout ---------------------------------------------------------------------------

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

    def _nothing_read(self) -> None:
        content = self.preview.content_lines
        if self.preview.records or not content:
            return
        self.find(
            content[0].number,
            "warning",
            "ingest.nothing_read",
            f"이 문서에서 기록으로 옮길 수 있는 내용을 찾지 못했습니다 (본문 {len(content)}줄 중 "
            "0줄). 반영해도 기록은 생기지 않습니다.",
        )

    def flush_title(self) -> None:
        """A sub-title with nothing recognised under it is printed on its own."""
        if self.pending_title[0]:
            self.block("heading")

    # -- walking --------------------------------------------------------------------------

    def run(self) -> None:
        for line in self.preview.lines:
            if is_page_number(line.text):
                self.preview.placed[line.number] = "쪽 번호"
                self.preview.structure.add(line.number)
        self.cover()
        recognisers: list[Callable[[Item], bool]] = [
            self.heading,
            self.caption_line,
            self.staffing_table,
            self.budget_table,
            self.comparison_table,
            self.functions,
            self.box_title,
            self.domain_line,
            self.event_title,
            self.event_detail,
            self.domain_heading,
            self.press_counts,
            self.briefing,
            self.meeting_session,
            self.agreement,
            self.tracked_month,
            self.note_extra_posts,
            self.narrative,
        ]
        while self.position < len(self.items):
            item = self.items[self.position]
            self.position += 1
            for recogniser in recognisers:
                if recogniser(item):
                    break
            else:
                self.keep_as_text(item.lines)
        self._undated_events()
        self.flush_title()
        self._nothing_read()
        for line in self.preview.lines:
            if "기준일" in line.text and (stated := _as_of_stated(line.text)) is not None:
                self.preview.cover.setdefault("as_of", stated.isoformat())
                break
        if latest := _latest_date(self.preview.lines):
            self.preview.cover["latest_date"] = latest.isoformat()
        # The notation check numbers lines as str.splitlines does, which also breaks at
        # \x1c-\x1e, \x85, \u2028 …: inside a line those are spaces, or its numbers drift.
        text = "\n".join(line.text.translate(_LINE_BREAKS) for line in self.preview.lines)
        for finding in notation_check(text):
            self.find(finding.line, "info", finding.code, f"{finding.message}: {finding.text}")

    def cover(self) -> None:
        """Title, date line and office before the first heading (주요업무보고 / 2024. 9. / …).

        Only cover-like lines count: a body sentence, a time, a page number or a contents
        line ahead of the first heading is not the title, and no office is named after it.
        """
        leading = []
        for item in self.items[:3]:
            if item.kind != "paragraph" or not _cover_like(item.text):
                break
            leading.append(item)
        # Short lines at the top are a cover only when a dated line is among them or the
        # outline starts right after: otherwise they are a table's header cells or the body.
        following = self._next(len(leading))
        dated = any(parse_korean_date(i.text) or parse_korean_month(i.text) for i in leading)
        if not (dated or (following is not None and following.kind == "heading")):
            leading = []
        for item in leading:
            date = parse_korean_date(item.text)
            month = parse_korean_month(item.text)
            stated = _as_of_stated(item.text)
            if stated is not None:
                self.preview.cover.setdefault("as_of", stated.isoformat())
                self.place(item, "보고서 표지 (기준일)", structure=True)
            elif (date or month) and "issued" not in self.preview.cover:
                issued = date.date if date is not None else month
                assert issued is not None
                self.preview.cover["issued"] = issued.isoformat()
                self.year = issued.year
                self.place(item, "보고서 표지 (보고 시점)", structure=True)
            elif "title" not in self.preview.cover:
                self.preview.cover["title"] = item.text
                self.place(item, "보고서 표지 (제목)", structure=True)
            elif "office" not in self.preview.cover:
                self.preview.cover["office"] = item.text
                self.place(item, "보고서 표지 (기관)", structure=True)
            else:
                break
        self.position = len([i for i in leading if i.first_line in self.preview.placed])

    def heading(self, item: Item) -> bool:
        if item.kind != "heading":
            return False
        if item.level == 3 and self._continues_list(item):
            return False  # `③ …` right under `… ② …` wraps a numbered list: a narrative
        self.box = ""
        self.domain = self.event = None
        title = _strip_bold(item.text)
        caption = _caption(title)
        if caption:
            self._take_caption(caption)
            title = caption[2]
        if item.level == 1:
            self.h1, self.h2, self.program = title, None, None
            self.section(1, title, page_break=bool(self.preview.layout))
            self.place(item, "보고서 구성 (장)", structure=True)
            return True
        if item.level == 2 and self.h1.endswith("주요 업무"):
            self.h2 = item
            title = self._wrapped_title(item, title)
            self.program = self.plan(
                "programs.program",
                {"slug": _slug(title)},
                item.lines,
                kind="task",
                title=title,
            )
            self.section(2, program=self.program.key["slug"], page_break=True)
            self._summary()
            self.place(item, f"사업 '{title}'")
            return True
        if item.level == 3 and self.program is not None and self.box == "":
            parent = self.program if self.program.fields.get("kind") == "task" else None
            parent = parent or self.program.parent
            self.program = self.plan(
                "programs.program", {"slug": _slug(title)}, item.lines, kind="project", title=title
            )
            self.program.parent, self.program.parent_field = parent, "parent"
            self.section(3, program=self.program.key["slug"])
            self.place(item, f"사업 '{title}'")
            return True
        if item.level == 3 and self.program is None and self.h1.endswith("주요 업무"):
            self.block("tasks")  # the list of tasks (① ② …) before the first task
        else:
            self.section(item.level, title)
        self.h2 = item if item.level == 2 else self.h2
        self.place(item, "보고서 구성 (절)", structure=True)
        return True

    def _continues_list(self, item: Item) -> bool:
        """A circled number wrapped onto the line after the one holding the number before it.

        A circled heading anywhere else starts a sub-project, even right after a bullet.
        """
        previous = self.items[self.position - 2] if self.position >= 2 else None
        number = CIRCLED.index(item.label)
        return (
            previous is not None
            and previous.kind in ("bullet", "paragraph")
            and previous.lines[-1] == item.first_line - 1
            and number > 0
            and CIRCLED[number - 1] in previous.text
        )

    def _next(self, position: int) -> Item | None:
        return self.items[position] if position < len(self.items) else None

    def _wrapped_title(self, item: Item, title: str) -> str:
        """A long task title wraps: `…도시,` then `탄생응원` / `서울프로젝트` / `추진`."""
        if not title.endswith(","):
            return title
        while self.position < len(self.items):
            following = self.items[self.position]
            if following.kind != "paragraph" or len(following.text) > 15:
                break
            title += " " + _strip_bold(following.text)
            item.lines.extend(following.lines)
            self.position += 1
        return title

    def _summary(self) -> None:
        """The paragraph right under a task heading is its summary (개요)."""
        if self.position < len(self.items) and self.program is not None:
            following = self.items[self.position]
            if following.kind == "paragraph":
                self.program.fields["summary"] = following.text
                self.preview.layout[-1]["show_summary"] = True
                self.position += 1
                self.place(following, f"사업 '{self.program.fields['title']}' 개요")

    def box_title(self, item: Item) -> bool:
        following = self._next(self.position)
        if following is not None and following.kind == "paragraph" and _caption(following.text):
            following = self._next(self.position + 1)  # ● title, (기준 / 단위 …), table
        if item.kind == "bullet" and item.label == "●" and following and following.kind == "table":
            self.flush_title()
            self.pending_title = (item.text, "●")
            self.place(item, f"표 제목 '{item.text}'", structure=True)
            return True
        if item.kind != "bullet" or item.label != "□":
            return False
        self.box = re.sub(r"\s*[(\[].*$", "", item.text).strip()
        self.domain = self.event = None
        found = re.search(r"\(([^)]*~[^)]*)\)", item.text)
        if found and (period := parse_month_range(found.group(1))):
            start, end = period
            self.period = (start, _month_end(end))
            self.preview.cover.setdefault("period_start", start.isoformat())
            self.preview.cover.setdefault("period_end", self.period[1].isoformat())
            self.year = self.year or start.year
        self.flush_title()
        self.pending_title = (item.text, "□")
        self.place(item, f"소제목 '{self.box}'", structure=True)
        return True

    # -- general status ------------------------------------------------------------------

    def functions(self, item: Item) -> bool:
        if self.h2 is None or "주요 기능" not in self.h2.text or item.kind != "bullet":
            return False
        text = _strip_bold(item.text)
        if item.level == 0 or self.function is None:
            self.function = self.plan("core.officefunction", {"title": text}, item.lines)
            self.place(item, f"주요 기능 '{text}'")
            self.block("functions")
            return True
        point = self.plan("core.officefunctionpoint", {"text": text}, item.lines)
        point.parent, point.parent_field = self.function, "function"
        self.place(item, "주요 기능 세부 내용")
        return True

    def caption_line(self, item: Item) -> bool:
        """`(기준 / 단위 : '24.8월 / 명)` on its own line, as word processors leave it."""
        caption = _caption(item.text) if item.kind == "paragraph" else None
        if caption is None or caption[2]:
            return False
        self._take_caption(caption)
        self.place(item, "표 기준·단위", structure=True)
        return True

    def _take_caption(self, caption: tuple[datetime.date, str, str]) -> None:
        """The tables that follow are as of this month and in this unit."""
        self.as_of, self.unit = caption[0], caption[1]
        self.preview.cover.setdefault("as_of", _month_end(caption[0]).isoformat())

    def staffing_table(self, item: Item) -> bool:
        if item.kind != "table" or not any(r and r[0] in ("정원", "현원") for r in item.cells):
            return False
        header, rows = _split_header(item.cells, ("정원", "현원"))
        if len(header) < 2 or self.as_of is None:
            self.find(
                item.first_line,
                "warning",
                "ingest.staffing_unread",
                "인력 현황표의 기준월이나 머리글을 읽지 못했습니다.",
            )
            return False
        series_row, grade_row = header[0], header[1]
        columns = _column_series(series_row, grade_row)
        posts = next((r for r in rows if r[0] == "정원"), None)
        filled = next((r for r in rows if r[0] == "현원"), None)
        if posts is None or filled is None:
            self.find(
                item.first_line,
                "warning",
                "ingest.staffing_unread",
                "인력 현황표에는 정원 줄과 현원 줄이 모두 있어야 합니다.",
            )
            return False
        snapshot = self.plan("org.staffingsnapshot", {"as_of": self.as_of.isoformat()}, item.lines)
        totals: dict[str, list[int]] = {}
        for index, (series, grade) in enumerate(columns, start=1):
            p, f = _count(posts, index), _count(filled, index)
            if grade in ("소계", "총계", "계") or series is None:
                totals[series or "총계"] = [p, f]
                continue
            line = self.plan(
                "org.staffingline",
                {"series": series, "grade": grade},
                item.lines,
                posts=p,
                filled=f,
            )
            line.parent, line.parent_field = snapshot, "snapshot"
        for name, (p, f) in totals.items():
            lines = [
                r
                for r in self.preview.records
                if r.model == "org.staffingline"
                and r.parent is snapshot
                and (name == "총계" or r.key["series"] == name)
            ]
            sums = (sum(r.fields["posts"] for r in lines), sum(r.fields["filled"] for r in lines))
            if sums != (p, f):
                self.find(
                    item.first_line,
                    "error",
                    "ingest.subtotal_mismatch",
                    f"{name} 정원·현원 {p}/{f}이 항목 합계 {sums[0]}/{sums[1]}과 다릅니다.",
                )
        self.staffing = snapshot
        self.block("staffing")
        self.place(item, "인력 현황표")
        return True

    def note_extra_posts(self, item: Item) -> bool:
        match = re.match(
            r"(?P<agreed>\S+)와 협의된 (?P<type>\S+) (?P<n>\d+)명\((?P<titles>[^)]*)\) 별도",
            item.text,
        )
        if item.label != "※" or match is None or self.staffing is None:
            return False
        titles = [t.strip() for t in match["titles"].split(",") if t.strip()]
        if len(titles) != int(match["n"]):
            self.find(
                item.first_line,
                "error",
                "ingest.count_mismatch",
                f"{match['n']}명이라 했으나 직위는 {len(titles)}개입니다.",
            )
        for title in titles:
            post = self.plan(
                "org.extrapost",
                {"title": title},
                item.lines,
                employment_type=match["type"],
                agreed_with=match["agreed"],
            )
            post.parent, post.parent_field = self.staffing, "snapshot"
        self.place(item, "전문임기제 등 별도 정원")
        return True

    def budget_table(self, item: Item) -> bool:
        if item.kind != "table" or not item.cells or "예산액" not in item.cells[0]:
            return False
        header = item.cells[0]
        if "집행액" not in header:
            self.find(
                item.first_line,
                "warning",
                "ingest.budget_unread",
                "예산 표에 집행액 열이 없어 집행현황으로 읽지 못했습니다.",
            )
            return False
        col = {name: header.index(name) for name in header}
        scale = _WON.get(self.unit)
        if scale is None:
            self.find(
                item.first_line,
                "warning",
                "ingest.budget_unit",
                f"예산 표의 단위('{self.unit or '없음'}')를 알 수 없어 천원으로 읽었습니다.",
            )
            scale = 1000
        unit = self.unit if self.unit in _WON else "천원"
        year = (self.as_of or datetime.date(self.year or 2000, 1, 1)).year
        as_of = _month_end(self.as_of) if self.as_of else None
        lines_total = [0, 0]
        stated_total: tuple[int, int, int, int] | None = None
        for offset, row in enumerate(item.cells[1:], start=1):
            number = item.lines[min(offset, len(item.lines) - 1)]
            cells = row + [""] * (len(header) - len(row))
            amount = _amount(cells[col["예산액"]], scale)
            executed, rate = _executed(cells[col["집행액"]], scale)
            balance = _amount(cells[col["잔액"]], scale) if "잔액" in col else None
            if amount is None or executed is None:
                continue
            if balance is not None and amount - executed != balance:
                self.find(
                    number,
                    "error",
                    "ingest.balance_mismatch",
                    f"{cells[0]}: 예산액 - 집행액 = {_shown(amount - executed, scale)}{unit}이지만 "
                    f"잔액은 {_shown(balance, scale)}{unit}입니다.",
                )
            if rate is not None and format_percent(percent(executed, amount)) != rate:
                self.find(
                    number,
                    "error",
                    "ingest.rate_mismatch",
                    f"{cells[0]}: 집행률은 {format_percent(percent(executed, amount))}이지만 "
                    f"{rate}로 적혀 있습니다.",
                )
            if cells[0] in ("계", "합계", "총계"):
                stated_total = (amount, executed, 0, number)
                continue
            lines_total[0] += amount
            lines_total[1] += executed
            budget_line = self.plan(
                "budget.budgetline",
                {"fiscal_year": year, "subject": cells[0]},
                [number],
                amount=amount,
                purpose=cells[col["비고"]] if "비고" in col else "",
            )
            if as_of is not None:
                spending = self.plan(
                    "budget.expenditure",
                    {"line": cells[0], "date": as_of.isoformat(), "period_start": f"{year}-01-01"},
                    [number],
                    amount=executed,
                    description=f"{as_of.month}월까지 집행 누계",
                )
                spending.parent, spending.parent_field = budget_line, "line"
        if stated_total and (stated_total[0], stated_total[1]) != tuple(lines_total):
            self.find(
                stated_total[3],
                "error",
                "ingest.total_mismatch",
                f"계 {_shown(stated_total[0], scale)}/{_shown(stated_total[1], scale)}{unit}이 "
                f"과목 합계 {_shown(lines_total[0], scale)}/{_shown(lines_total[1], scale)}"
                f"{unit}과 다릅니다.",
            )
        self.block("budget")
        self.place(item, "예산 집행현황표")
        return True

    def comparison_table(self, item: Item) -> bool:
        if item.kind != "table" or self.program is None:
            return False
        header = item.cells[0]
        table = self.plan(
            "programs.comparisontable",
            {"program": self.program.key["slug"], "corner": header[0]},
            item.lines,
            columns=[_column(h) for h in header[1:]],
        )
        table.parent, table.parent_field = self.program, "program"
        for order, row in enumerate(item.cells[1:]):
            planned = self.plan(
                "programs.comparisonrow",
                {"table": id(table), "label": row[0]},
                item.lines,
                cells=row[1:],
                order=order,
            )
            planned.parent, planned.parent_field = table, "table"
        self.block("comparison", program=self.program.key["slug"])
        self.place(item, "비교표")
        return True

    # -- field visits --------------------------------------------------------------------

    def domain_line(self, item: Item) -> bool:
        match = _DOMAIN.match(item.text)
        if item.kind != "paragraph" or match is None:
            return False
        description = match["description"]
        index = self.position - 1  # the item's own place; the loop below moves past it
        # A description wrapped onto the next line continues in a markerless paragraph.
        while (
            self.position < len(self.items)
            and self.items[self.position].kind == "paragraph"
            and self.items[self.position].first_line == item.lines[-1] + 1
        ):
            nxt = self.items[self.position]
            description += " " + nxt.text
            item.lines.extend(nxt.lines)
            self.position += 1
        heading = self._previous_bullet_text(index)
        self.domain = self.plan(
            "schedule.domain",
            {"name": match["name"]},
            item.lines,
            description=description,
            **({"heading": heading} if heading else {}),
        )
        self.block("events")
        self.place(item, f"분야 '{match['name']}'")
        return True

    def domain_heading(self, item: Item) -> bool:
        """The bullet over a domain paragraph is the domain's heading, not a narrative."""
        following = self.items[self.position] if self.position < len(self.items) else None
        if item.kind != "bullet" or following is None or following.kind != "paragraph":
            return False
        if not _DOMAIN.match(following.text):
            return False
        self.block("events")
        self.place(item, "분야 머리말")
        return True

    def _previous_bullet_text(self, index: int) -> str:
        previous = self.items[index - 1] if index else None
        if previous is not None and previous.kind == "bullet" and previous.label in ("-", "○"):
            return previous.text  # placed by domain_heading
        for record in reversed(self.preview.records):
            if record.model == "schedule.domain":
                return str(record.fields.get("heading", ""))
        return ""

    def event_title(self, item: Item) -> bool:
        if item.kind != "bullet" or item.label not in ("√", "✓", "-√"):
            return False
        if self.domain is None:
            return False
        self.event = Planned(
            "schedule.event",
            {"title": item.text},
            {"domain": self.domain.key["name"]},
            list(item.lines),
        )
        self.events.append(self.event)
        layout = self.preview.layout
        self.event_places[id(self.event)] = (len(layout) - 1, len(layout[-1]["blocks"]))
        self.place(item, f"일정 '{item.text}'")
        return True

    def event_detail(self, item: Item) -> bool:
        """`▶ 일시/장소 : …`, `▶ 장소/일시 : …`, `▶ 일시 : …`, `▶ 장소 : …`, `▶ 주요내용 : …`."""
        if self.event is None or item.kind != "bullet" or not item.label.endswith("▶"):
            return False
        label, _, value = item.text.partition(":")
        label, value = re.sub(r"\s+", "", label), value.strip()
        event = self.event
        if label in ("내용", "주요내용"):
            event.fields["summary"] = value
        elif "일시" in label or "일자" in label:
            self._when_where(item, value, place_allowed="장소" in label)
        elif label in ("장소", "위치"):
            event.fields["place"] = value
        else:
            return False
        event.lines.extend(item.lines)
        self.place(item, f"일정 '{event.key['title']}'")
        return True

    def _undated_events(self) -> None:
        """An event whose date was never read is no record: its lines go back to unplaced,
        and to the report definition as text where they stood."""
        undated = [event for event in self.events if id(event) not in self.dated]
        for event in sorted(undated, key=lambda e: self.event_places[id(e)], reverse=True):
            section, position = self.event_places[id(event)]
            written = [self.texts[n] for n in sorted(set(event.lines))]
            self.preview.layout[section]["blocks"].insert(
                position, {"kind": "text", "title": "", "symbol": "", "params": {"lines": written}}
            )
        for event in undated:
            for number in event.lines:
                self.preview.placed.pop(number, None)
            self.find(
                event.lines[0],
                "warning",
                "ingest.event_undated",
                f"일정 '{event.key['title']}'의 날짜를 찾지 못해 기록으로 옮기지 않았습니다.",
            )

    def _when_where(self, item: Item, value: str, place_allowed: bool = True) -> None:
        """Date, time and place separated by `/` in whatever order the writer chose."""
        event = self.event
        assert event is not None
        parsed = None
        time_text = ""
        places = []
        for part in (p.strip() for p in value.split("/")):
            found = _TRAILING_TIME.match(part)
            rest, written = (found["rest"], found["time"]) if found else (part, "")
            date = parse_korean_date(rest, default_year=self.year) if rest else None
            if parsed is None and date is not None:
                parsed, time_text = date, written or time_text
            elif not rest and written:
                time_text = written
            elif part:
                places.append(part)
        if parsed is None:
            self.find(
                item.first_line,
                "error",
                "ingest.date_unread",
                f"'{value}'에서 날짜를 읽지 못했습니다.",
            )
            return
        if not parsed.weekday_matches:
            self.find(
                item.first_line,
                "error",
                "ingest.weekday_mismatch",
                f"{parsed.date}는 {'월화수목금토일'[parsed.date.weekday()]}요일인데 "
                f"({parsed.weekday_written})로 적혀 있습니다.",
            )
        if self.period and not self.period[0] <= parsed.date <= self.period[1]:
            self.find(
                item.first_line,
                "warning",
                "ingest.outside_period",
                f"{parsed.date}는 보고 기간({self.period[0]}~{self.period[1]}) 밖입니다.",
            )
        event.key = {"date": parsed.date.isoformat(), "title": event.key["title"]}
        start_text, _, end_text = time_text.partition("~")
        start, end = parse_time(start_text) if start_text else None, None
        if end_text:
            end = parse_time(end_text)
        if (start_text and start is None) or (end_text and end is None):
            self.find(
                item.first_line,
                "error",
                "schedule.time_malformed",
                f"시각 '{time_text}'이 올바른 형식(시:분)이 아닙니다.",
            )
            event.fields["time_text"] = time_text
        else:
            if start is not None:
                event.fields["start_time"] = start.isoformat(timespec="minutes")
            if end is not None:
                event.fields["end_time"] = end.isoformat(timespec="minutes")
        if places and place_allowed:
            event.fields["place"] = " / ".join(places)
        event.fields.setdefault("place", "")
        event.fields.setdefault("kind", _event_kind(event.key["title"]))
        if id(event) not in self.dated:
            self.dated.add(id(event))
            self.preview.records.append(event)

    # -- press ---------------------------------------------------------------------------

    def press_counts(self, item: Item) -> bool:
        match = re.match(
            r"^(?P<what>[^:]+?)\s*:\s*(총\s*)?(?P<n>\d+)회(\s*\[(?P<list>.*)\])?$", item.text
        )
        if item.kind != "bullet" or match is None:
            return False
        what, n = match["what"].strip(), int(match["n"])
        if "기자설명회" in what:
            self.briefings_stated = (n, item.first_line)
            self.briefings: list[Planned] = []
        elif "간담회" in what:
            parts = re.findall(r"([^,\[\]]+?)\((\d{1,2})\.(\d{1,2})\.?\)", match["list"] or "")
            if parts and len(parts) != n:
                self.find(
                    item.first_line,
                    "error",
                    "ingest.count_mismatch",
                    f"{what} {n}회라 했으나 {len(parts)}건이 적혀 있습니다.",
                )
            for title, month, day in parts:
                date = _date(self.year, int(month), int(day))
                if date:
                    self.plan(
                        "press.mediaengagement",
                        {
                            "kind": "press_conference",
                            "date": date.isoformat(),
                            "title": title.strip(),
                        },
                        item.lines,
                    )
        elif "인터뷰" in what:
            self._interviews(item, n, match["list"] or "")
        else:
            return False
        self.block("press")
        self.place(item, what)
        return True

    def _interviews(self, item: Item, total: int, listed: str) -> None:
        end = self.period[1] if self.period else None
        start = self.period[0] if self.period else None
        dates = {
            "as_of": (end or datetime.date(self.year or 2000, 12, 31)).isoformat(),
            "period_start": start.isoformat() if start else None,
            "period_end": end.isoformat() if end else None,
        }
        indicator = self.plan(
            "core.indicator",
            {"key": "press-interviews"},
            item.lines,
            name="언론 인터뷰",
            unit="회",
            dimensions=["매체"],
        )
        observation = self.plan(
            "core.observation",
            {"indicator": "press-interviews", "dims": {}, **dates},
            item.lines,
            value=total,
        )
        observation.parent, observation.parent_field = indicator, "indicator"
        parts = re.findall(
            r"(?:(?P<outlets>[^,(]+?) 등 )?(?P<medium>[^,(]+?)\((?P<n>\d+)회\)", listed
        )
        if parts and sum(int(p[2]) for p in parts) != total:
            self.find(
                item.first_line,
                "error",
                "ingest.breakdown_mismatch",
                f"인터뷰 {total}회와 매체별 합계 {sum(int(p[2]) for p in parts)}회가 다릅니다.",
            )
        for outlets, medium, n in parts:
            part = self.plan(
                "core.observation",
                {"indicator": "press-interviews", "dims": {"매체": medium.strip()}, **dates},
                item.lines,
                value=int(n),
                listed=[outlets.strip()] if outlets else [],
            )
            part.parent, part.parent_field = indicator, "indicator"

    def briefing(self, item: Item) -> bool:
        if item.kind != "bullet" or not hasattr(self, "briefings"):
            return False
        pieces = re.findall(
            rf"([{CIRCLED}])\s*(.+?)\s*\((['’]?\d{{2}}\.\d{{1,2}}\.\d{{1,2}}\.?)\)(?:\s*:\s*([^{CIRCLED}]+?))?\s*(?:/|(?=[{CIRCLED}])|$)",
            item.text,
        )
        if not pieces:
            return False
        for _, title, when, points in pieces:
            parsed = parse_korean_date(when if when.startswith("'") else f"'{when}")
            if parsed is None:
                self.find(
                    item.first_line,
                    "error",
                    "ingest.date_unread",
                    f"날짜 '{when}'를 읽지 못했습니다.",
                )
                continue
            planned = self.plan(
                "press.mediaengagement",
                {"kind": "briefing", "date": parsed.date.isoformat(), "title": title.strip()},
                item.lines,
                key_points=points.strip(),
            )
            self.briefings.append(planned)
        stated, line = self.briefings_stated
        if len({id(b) for b in self.briefings}) > stated:
            self.find(
                line,
                "error",
                "ingest.count_mismatch",
                f"기자설명회 총 {stated}회라 했으나 {len(self.briefings)}건이 적혀 있습니다.",
            )
        self.block("press")
        self.place(item, "기자설명회")
        return True

    # -- relations -----------------------------------------------------------------------

    def meeting_session(self, item: Item) -> bool:
        match = re.match(
            r"^['‘’](?P<yy>\d{2})년 제(?P<n>\d+)회"
            r"\((?P<m>\d{1,2})\.(?P<d>\d{1,2})\.?\)\s*:\s*(?P<agenda>.+)$",
            item.text,
        )
        if item.kind != "bullet" or match is None:
            return False
        series_name = self._series_name()
        series = self.plan("relations.meetingseries", {"name": series_name}, [])
        date = _date(2000 + int(match["yy"]), int(match["m"]), int(match["d"]))
        session = self.plan(
            "relations.meetingsession",
            {"series": series_name, "number": int(match["n"])},
            item.lines,
            date=date.isoformat() if date else None,
            agenda=match["agenda"],
        )
        session.parent, session.parent_field = series, "series"
        self.block("meetings", series=series_name)
        self.place(item, f"{series_name} 제{match['n']}회")
        return True

    def _series_name(self) -> str:
        for previous in reversed(self.items[: self.position - 1]):
            found = re.search(r"(\S+회의)", previous.text)
            if found:
                return found.group(1).strip("「」")
        return "회의"

    def agreement(self, item: Item) -> bool:
        match = re.match(
            r"^(?P<date>['‘’]\d{2}\.\s*\d{1,2}\.\s*\d{1,2}\.?)\s*:\s*(?P<title>[^(]+)(\((?P<topics>.*)\))?$",
            item.text,
        )
        if item.kind != "bullet" or match is None:
            return False
        parsed = parse_korean_date(match["date"])
        if parsed is None:
            return False
        topics = [t.strip() for t in (match["topics"] or "").split(",") if t.strip()]
        open_ended = bool(topics) and topics[-1].endswith(" 등")
        if open_ended:
            topics[-1] = topics[-1].removesuffix(" 등")
        self.plan(
            "relations.agreement",
            {"date": parsed.date.isoformat(), "title": match["title"].strip()},
            item.lines,
            kind="업무협약" if "업무협약" in match["title"] else "협약",
            topics=topics,
            topics_open_ended=open_ended,
        )
        self.block("agreements")
        self.place(item, "협약")
        return True

    # -- programmes ----------------------------------------------------------------------

    def tracked_month(self, item: Item) -> bool:
        match = re.match(
            r"^\((?P<month>['‘’]\d{2}\.\s*\d{1,2}월)\)\s*(?P<n>\d+)(?P<unit>\D*?)\s*:\s*(?P<items>.+)$",
            item.text,
        )
        if item.kind != "bullet" or match is None or self.program is None:
            return False
        month = parse_korean_month(match["month"])
        names = []
        for group in match["items"].split(","):
            group = group.strip()
            line = group[0] if group and group[0] in CIRCLED else ""
            for name in group.lstrip(CIRCLED).split("·"):
                names.append((str(CIRCLED.index(line) + 1) if line else "", name.strip()))
        if len(names) != int(match["n"]):
            self.find(
                item.first_line,
                "error",
                "ingest.count_mismatch",
                f"{match['n']}개라 했으나 {len(names)}개가 적혀 있습니다.",
            )
        for group, name in names:
            planned = self.plan(
                "programs.trackeditem",
                {"program": self.program.key["slug"], "name": name},
                item.lines,
                group=group,
                due=month.isoformat() if month else None,
                status="planned",
            )
            planned.parent, planned.parent_field = self.program, "program"
        self.block("tracked", status="planned", unit=match["unit"].strip() or "개")
        self.place(item, "관리 항목 (월별)")
        return True

    def narrative(self, item: Item) -> bool:
        if self.program is None or item.kind not in ("bullet", "paragraph", "heading"):
            return False
        section = _section(self.box)
        label = ""
        text = item.text
        if item.kind == "heading":
            text = f"{item.label} {item.text}"
            last = self.last_narrative
            if last is not None and last.parent is self.program:
                last.key["text"] += f" {text}"  # a numbered list wrapped onto the next line
                last.lines.extend(item.lines)
                self.place(item, f"서술 ({dict(SECTION_LABELS)[section]})")
                return True
        found = re.match(r"^\((?P<label>[^)]{1,20})\)\s*(?P<text>.+)$", text)
        if found:
            label, text = found["label"], found["text"]
        slug = self.program.key["slug"]
        known = len(self.preview.records)
        planned = self.plan(
            "programs.narrative",
            {"program": slug, "section": section, "text": text},
            item.lines,
            label=label,
            level=2 if item.level else 1,
        )
        planned.parent, planned.parent_field = self.program, "program"
        self.last_narrative = planned
        if len(self.preview.records) > known:  # a repeated line is one narrative, printed once
            start = self.narratives_per_section.get((slug, section), 0)
            self.narratives_per_section[(slug, section)] = start + 1
            symbol = item.label if item.kind == "bullet" else ""
            block = self.block("narrative", program=slug, section=section, item_symbol=symbol)
            first, _ = block["params"].setdefault("slice", [start, start])
            block["params"]["slice"] = [first, start + 1]
        if found := re.search(r"\[~\s*(?P<month>[^\]]+)\]", text):  # 이용 실적 [~'24.8월]
            self.as_of = parse_korean_month(found["month"]) or self.as_of
        if label:
            self.program_figure(item, label, text)
        self.place(item, f"서술 ({dict(SECTION_LABELS)[section]})")
        return True

    def program_figure(self, item: Item, label: str, text: str) -> None:
        """`(누적 충전) 총 395만건 (30일권 389만건, 단기권 6만건)`: an indicator's figure and
        its breakdown, the parts checked against the total."""
        found = re.fullmatch(r"(?:총\s*)?(?P<total>[\d,.]+[^()\s]*)\s*\((?P<parts>[^()]+)\)", text)
        total = parse_korean_amount(found["total"]) if found else None
        if found is None or total is None or self.program is None or not total[1]:
            return
        value, unit = total
        parts = []
        for part in found["parts"].split(","):
            named = re.fullmatch(r"\s*(?P<name>.+?)\s+(?P<amount>[\d,.]+\S*)\s*", part)
            amount = parse_korean_amount(named["amount"]) if named else None
            if named is None or amount is None or amount[1] != unit:
                return  # not a breakdown of the figure: prose that happens to hold numbers
            parts.append((named["name"], amount[0]))
        if (summed := sum(amount for _, amount in parts)) != value:
            self.find(
                item.first_line,
                "error",
                "ingest.breakdown_mismatch",
                f"{label} {found['total']}과 내역의 합 {format_korean_amount(summed, unit)}이 "
                "다릅니다.",
            )
        key = _slug(f"{self.program.key['slug']} {label}").replace("p-", "i-", 1)
        indicator = self.plan(
            "core.indicator",
            {"key": key},
            item.lines,
            name=f"{self.program.fields.get('title', '')} {label}".strip(),
            unit=unit,
            display="korean",
            dimensions=["구분"],
            label=label,
        )
        indicator.parent, indicator.parent_field = self.program, "subject"
        as_of = _month_end(self.as_of) if self.as_of else datetime.date(self.year or 2000, 12, 31)
        dates = {"as_of": as_of.isoformat(), "period_end": as_of.isoformat()}
        for dims, figure in [({}, value), *(({"구분": name}, a) for name, a in parts)]:
            observation = self.plan(
                "core.observation",
                {"indicator": key, "dims": dims, **dates},
                item.lines,
                value=str(figure),
            )
            observation.parent, observation.parent_field = indicator, "indicator"


SECTION_LABELS = [
    ("direction", "추진방향"),
    ("progress", "추진내용"),
    ("plan", "향후계획"),
    ("overview", "개요"),
]


def _section(box: str) -> str:
    if "방향" in box:
        return "direction"
    if "계획" in box or "일정" in box:
        return "plan"
    if "개요" in box:
        return "overview"
    return "progress"


# A time at the end of a date part, `'24. 8. 6.(화) 11:10` or `… 14:00~15:30`; malformed
# times (14:1) are kept for the finding.
_TRAILING_TIME = re.compile(r"^(?P<rest>.*?)\s*(?P<time>\d{1,2}:\d*(?:\s*~\s*\d{1,2}:\d*)?)$")

_DOMAIN = re.compile(r"^(?P<name>\S+) 분야 (?P<description>.+)$")

# Blocks that print every record of their kind: one such block per section.
_WHOLE = {"functions", "staffing", "budget", "tasks", "events", "press"}


def _column(header: str) -> dict[str, str]:
    """A comparison column `시범사업('24.1~6월)` as its label and months; open `('24.7월~)`."""
    found = re.fullmatch(r"(?P<label>.+?)\s*\((?P<period>[^()]*~[^()]*)\)", header.strip())
    if found is None:
        return {"label": header}
    period = found["period"].strip()
    if closed := parse_month_range(period):
        return {"label": found["label"], "start": f"{closed[0]:%Y-%m}", "end": f"{closed[1]:%Y-%m}"}
    if period.endswith("~") and (opened := parse_korean_month(period[:-1])):
        return {"label": found["label"], "start": f"{opened:%Y-%m}"}
    return {"label": header}


_LINE_BREAKS = str.maketrans(dict.fromkeys("\v\f\x1c\x1d\x1e\x85\u2028\u2029\r", " "))

_TIME_WRITTEN = re.compile(r"\d{1,2}\s*:\s*\d{1,2}")
_CONTENTS = re.compile(r"^(?:목\s*차|차\s*례|contents)\b", re.IGNORECASE)


# A full date with a four-digit year: 2024. 9. 30. / 2024-09-30 / 2024년 9월 30일.
_FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})(?!\d)"
)


# A month with a four-digit year: 2025년 6월, 2022. 1월.
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.년]\s*(?P<m>\d{1,2})\s*월")


def _latest_date(lines: list[SourceLine]) -> datetime.date | None:
    """The latest date (or month) the document states: what a report made from it is dated
    by when it has no cover date, 기준일 or period (never the day of the import)."""
    latest = None
    for line in lines:
        found_dates = [
            _date(int(f["y"]), int(f["m"]), int(f["d"])) for f in _FULL_DATE.finditer(line.text)
        ]
        found_dates += [_date(int(f["y"]), int(f["m"]), 1) for f in _YEAR_MONTH.finditer(line.text)]
        for date in found_dates:
            if date is not None and (latest is None or date > latest):
                latest = date
    return latest


def _cover_like(text: str) -> bool:
    """A line a cover could hold: short, no time, no page number, no table row, not the
    contents."""
    return (
        len(text) <= 80
        and "|" not in text  # a row of a table taken from a web page
        and not _TIME_WRITTEN.search(text)
        and not is_page_number(text)
        and not _CONTENTS.match(text.strip())
    )


_AS_OF = re.compile(
    r"기준일\s*[:：]?\s*(?P<when>[^()]+?)\s*\)?$|(?P<before>[^()]*\d[^()]*?)\s*기준\s*\)?$"
)


def _as_of_stated(text: str) -> datetime.date | None:
    """The day the figures are as of: `(2024. 9. 30. 기준)`, `기준일: 2024. 9. 30.`,
    `('24.8월 기준)`."""
    found = _AS_OF.search(text.strip())
    if found is None:
        return None
    when = (found["when"] or found["before"]).strip(" (")
    parsed = parse_korean_date(when)
    if parsed is not None:
        return parsed.date
    month = parse_korean_month(when)
    return _month_end(month) if month is not None else None


def _strip_bold(text: str) -> str:
    return text.replace("**", "").strip()


def _slug(title: str) -> str:
    """A stable identifier for a programme named only in Korean."""
    import hashlib

    return "p-" + hashlib.sha1(title.encode()).hexdigest()[:10]


def _caption(title: str) -> tuple[datetime.date, str, str] | None:
    found = re.search(r"\(기준\s*/\s*단위\s*:\s*(?P<month>[^/]+?)\s*/\s*(?P<unit>[^)]+?)\)", title)
    if not found:
        return None
    month = parse_korean_month(found["month"].strip())
    if month is None:
        return None
    return month, found["unit"].strip(), title[: found.start()].strip()


def _month_end(first: datetime.date) -> datetime.date:
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _date(year: int | None, month: int, day: int) -> datetime.date | None:
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _split_header(
    cells: list[list[str]], body_labels: tuple[str, ...]
) -> tuple[list[list[str]], list[list[str]]]:
    first_body = next(i for i, row in enumerate(cells) if row and row[0] in body_labels)
    return cells[:first_body], cells[first_body:]


def _column_series(series_row: list[str], grade_row: list[str]) -> list[tuple[str | None, str]]:
    """(series, grade) per data column after 구분: 총계 first, then each series' columns.

    Exported tables repeat nothing for merged cells, so a series name stands over the empty
    cells that follow it, and the second header row lacks the merged 구분/총계 cells.
    """
    columns: list[tuple[str | None, str]] = []
    series: str | None = None
    grades = iter(grade_row)
    for cell in series_row[1:]:
        if cell and cell in ("총계", "계"):
            columns.append((None, cell))
            continue
        if cell:
            series = cell
        columns.append((series, next(grades, "")))
    while True:
        grade = next(grades, None)
        if grade is None:
            break
        columns.append((series, grade))
    return columns


def _count(row: list[str], index: int) -> int:
    value = row[index].strip() if index < len(row) else ""
    return int(value.replace(",", "")) if value.replace(",", "").isdigit() else 0


# Money units of table captions, in won.
_WON = {"원": 1, "천원": 1_000, "백만원": 1_000_000, "억원": 100_000_000}


def _shown(won: int, scale: int) -> str:
    """An amount in won as the table writes it: 179207000 in 천원 is 179,207."""
    return format_number(Decimal(won) / scale)


def _amount(text: str, scale: int) -> int | None:
    digits = text.replace(",", "").strip()
    return int(Decimal(digits) * scale) if re.fullmatch(r"\d+(\.\d+)?", digits) else None


def _executed(text: str, scale: int) -> tuple[int | None, str | None]:
    found = re.match(r"^\s*([\d,.]+)\s*(?:\(([\d.]+%)\))?\s*$", text)
    if not found:
        return None, None
    return _amount(found.group(1), scale), found.group(2)


def _event_kind(title: str) -> str:
    for word, kind in (
        ("협약", "agreement"),
        ("간담회", "talk"),
        ("점검", "field_visit"),
        ("설명회", "field_visit"),
        ("회의", "meeting"),
    ):
        if word in title:
            return kind
    return "ceremony"


def recognise(fmt: str, lines: list[SourceLine]) -> Preview:
    preview = Preview(fmt, lines)
    _Reader(preview).run()
    return preview
