"""Programmes: their tracked items by month, narrative lines, and figures with breakdowns."""

from __future__ import annotations

import datetime
import re

from sijeong.core.formatting import (
    format_korean_amount,
    parse_korean_amount,
    parse_korean_date,
    parse_korean_month,
)

from ..structure import CIRCLED, Item
from .reader import Reader
from .registry import recogniser
from .shared import month_end, program_slug


@recogniser("tracked_month", order=160)
def tracked_month(reader: Reader, item: Item) -> bool:
    """`('24.9월) 3개 : ①가·나, ②다`: items a programme tracks, due that month."""
    match = re.match(
        r"^\((?P<month>['‘’]\d{2}\.\s*\d{1,2}월)\)\s*(?P<n>\d+)(?P<unit>\D*?)\s*:\s*(?P<items>.+)$",
        item.text,
    )
    if item.kind != "bullet" or match is None or reader.program is None:
        return False
    month = parse_korean_month(match["month"])
    names = []
    for group in match["items"].split(","):
        group = group.strip()
        line = group[0] if group and group[0] in CIRCLED else ""
        for name in group.lstrip(CIRCLED).split("·"):
            names.append((str(CIRCLED.index(line) + 1) if line else "", name.strip()))
    if len(names) != int(match["n"]):
        reader.find(
            item.first_line,
            "error",
            "ingest.count_mismatch",
            f"{match['n']}개라 했으나 {len(names)}개가 적혀 있습니다.",
        )
    for group, name in names:
        planned = reader.plan(
            "programs.trackeditem",
            {"program": reader.program.key["slug"], "name": name},
            item.lines,
            group=group,
            due=month.isoformat() if month else None,
            status="planned",
        )
        planned.parent, planned.parent_field = reader.program, "program"
    reader.block("tracked", status="planned", unit=match["unit"].strip() or "개")
    reader.place(item, "관리 항목 (월별)")
    return True


# `이용 실적 [~'24.8월]`, `추진개요[~'24.8월]`: a few words and the period they cover, alone on
# their line — the title of the items under it, not an item.
_SUB_TITLE = re.compile(r"^(?P<title>[^\d\[\]()]{2,20}?)\s*\[~\s*(?P<month>[^\]]+)\]$")


@recogniser("sub_title", order=175)
def sub_title(reader: Reader, item: Item) -> bool:
    """A programme's sub-title: the structure of the report, printed over the items under it,
    and the month they are reported to."""
    found = _SUB_TITLE.match(item.text.strip())
    if reader.program is None or item.kind != "paragraph" or found is None:
        return False
    reader.as_of = parse_korean_month(found["month"]) or reader.as_of
    reader.flush_title()
    reader.pending_title = (item.text.strip(), "")
    reader.place(item, f"소제목 '{found['title'].strip()}'", structure=True)
    return True


@recogniser("narrative", order=180)
def narrative(reader: Reader, item: Item) -> bool:
    """Any other line under a programme: a narrative of the box it stands in."""
    if reader.program is None or item.kind not in ("bullet", "paragraph", "heading"):
        return False
    section = _section(reader.box)
    label = ""
    text = item.text
    if item.kind == "heading":
        text = f"{item.label} {item.text}"
        last = reader.last_narrative
        if last is not None and last.parent is reader.program:
            last.key["text"] += f" {text}"  # a numbered list wrapped onto the next line
            last.lines.extend(item.lines)
            reader.place(item, f"추진내용 ({dict(SECTION_LABELS)[section]})")
            return True
    found = re.match(r"^\((?P<label>[^)]{1,20})\)\s*(?P<text>.+)$", text)
    if found:
        label, text = found["label"], found["text"]
    slug = reader.program.key["slug"]
    known = len(reader.preview.records)
    planned = reader.plan(
        "programs.narrative",
        {"program": slug, "section": section, "text": text},
        item.lines,
        label=label,
        level=2 if item.level else 1,
    )
    planned.parent, planned.parent_field = reader.program, "program"
    reader.last_narrative = planned
    if len(reader.preview.records) > known:  # a repeated line is one narrative, printed once
        start = reader.narratives_per_section.get((slug, section), 0)
        reader.narratives_per_section[(slug, section)] = start + 1
        symbol = item.label if item.kind == "bullet" else ""
        block = reader.block("narrative", program=slug, section=section, item_symbol=symbol)
        first, _ = block["params"].setdefault("slice", [start, start])
        block["params"]["slice"] = [first, start + 1]
    if label:
        _program_figure(reader, item, label, text)
    else:
        _dated_figure(reader, item, text)
    reader.place(item, f"추진내용 ({dict(SECTION_LABELS)[section]})")
    return True


# `청년 취업 지원 1,200명 ('24. 12. 31. 기준)`, `청년 인턴 100명 채용 ('25. 6월)`: what was
# counted, the figure with its counter word, and in brackets at the end the day or month.
_DATED_FIGURE = re.compile(
    r"^(?P<name>[^\d()]{2,40}?)\s*(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[가-힣%]{1,3})"
    r"(?P<rest>[^\d()]{0,20})\((?P<when>[^()]*\d[^()]*)\)$"
)


def _dated_figure(reader: Reader, item: Item, text: str) -> None:
    """A figure stated with its unit and date in a programme's line: an observation of the
    programme's indicator of that name."""
    found = _DATED_FIGURE.match(text.strip())
    if found is None or reader.program is None:
        return
    when = re.sub(r"기준|현재|말|[~∼]$", "", found["when"]).strip()
    day = parse_korean_date(when, default_year=reader.year)
    month = parse_korean_month(when) if day is None else None
    if day is None and month is None:
        return
    as_of = day.date if day is not None else month_end(month) if month else None
    name = f"{found['name'].strip()} {found['rest'].strip()}".strip()
    key = program_slug(f"{reader.program.key['slug']} {name}").replace("p-", "i-", 1)
    indicator = reader.plan(
        "core.indicator",
        {"key": key},
        item.lines,
        name=f"{reader.program.fields.get('title', '')} {name}".strip()[:200],
        unit=found["unit"],
        label=name,
    )
    indicator.parent, indicator.parent_field = reader.program, "subject"
    assert as_of is not None
    observation = reader.plan(
        "core.observation",
        {"indicator": key, "dims": {}, "as_of": as_of.isoformat()},
        item.lines,
        value=found["value"].replace(",", ""),
    )
    observation.parent, observation.parent_field = indicator, "indicator"


def _program_figure(reader: Reader, item: Item, label: str, text: str) -> None:
    """`(누적 충전) 총 395만건 (30일권 389만건, 단기권 6만건)`: an indicator's figure and
    its breakdown, the parts checked against the total."""
    found = re.fullmatch(r"(?:총\s*)?(?P<total>[\d,.]+[^()\s]*)\s*\((?P<parts>[^()]+)\)", text)
    total = parse_korean_amount(found["total"]) if found else None
    if found is None or total is None or reader.program is None or not total[1]:
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
        reader.find(
            item.first_line,
            "error",
            "ingest.breakdown_mismatch",
            f"{label} {found['total']}과 내역의 합 {format_korean_amount(summed, unit)}이 "
            "다릅니다.",
        )
    key = program_slug(f"{reader.program.key['slug']} {label}").replace("p-", "i-", 1)
    indicator = reader.plan(
        "core.indicator",
        {"key": key},
        item.lines,
        name=f"{reader.program.fields.get('title', '')} {label}".strip(),
        unit=unit,
        display="korean",
        dimensions=["구분"],
        label=label,
    )
    indicator.parent, indicator.parent_field = reader.program, "subject"
    as_of = month_end(reader.as_of) if reader.as_of else datetime.date(reader.year or 2000, 12, 31)
    dates = {"as_of": as_of.isoformat(), "period_end": as_of.isoformat()}
    for dims, figure in [({}, value), *(({"구분": name}, a) for name, a in parts)]:
        observation = reader.plan(
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
