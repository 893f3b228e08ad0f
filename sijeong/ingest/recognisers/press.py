"""Press work: press conference and interview counts with their lists, and 기자설명회 briefings."""

from __future__ import annotations

import datetime
import re

from sijeong.core.formatting import parse_korean_date

from ..structure import CIRCLED, Item
from .reader import Reader
from .registry import recogniser
from .shared import calendar_date


@recogniser("press_counts", order=120)
def press_counts(reader: Reader, item: Item) -> bool:
    """`기자설명회 : 총 12회`, `간담회 : 2회 [제목(8.6.), …]`, `인터뷰 : 5회 [… 등 방송(3회),
    …]`: counts, each checked against what it lists."""
    match = re.match(
        r"^(?P<what>[^:]+?)\s*:\s*(총\s*)?(?P<n>\d+)회(\s*\[(?P<list>.*)\])?$", item.text
    )
    if item.kind != "bullet" or match is None:
        return False
    what, n = match["what"].strip(), int(match["n"])
    if "기자설명회" in what:
        reader.briefings_stated = (n, item.first_line)
        reader.briefings = []
    elif "간담회" in what:
        parts = re.findall(r"([^,\[\]]+?)\((\d{1,2})\.(\d{1,2})\.?\)", match["list"] or "")
        if parts and len(parts) != n:
            reader.find(
                item.first_line,
                "error",
                "ingest.count_mismatch",
                f"{what} {n}회라 했으나 {len(parts)}건이 적혀 있습니다.",
            )
        for title, month, day in parts:
            date = calendar_date(reader.year, int(month), int(day))
            if date:
                reader.plan(
                    "press.mediaengagement",
                    {
                        "kind": "press_conference",
                        "date": date.isoformat(),
                        "title": title.strip(),
                    },
                    item.lines,
                )
    elif "인터뷰" in what:
        _interviews(reader, item, n, match["list"] or "")
    else:
        return False
    reader.block("press")
    reader.place(item, what)
    return True


def _interviews(reader: Reader, item: Item, total: int, listed: str) -> None:
    end = reader.period[1] if reader.period else None
    start = reader.period[0] if reader.period else None
    dates = {
        "as_of": (end or datetime.date(reader.year or 2000, 12, 31)).isoformat(),
        "period_start": start.isoformat() if start else None,
        "period_end": end.isoformat() if end else None,
    }
    indicator = reader.plan(
        "core.indicator",
        {"key": "press-interviews"},
        item.lines,
        name="언론 인터뷰",
        unit="회",
        dimensions=["매체"],
    )
    observation = reader.plan(
        "core.observation",
        {"indicator": "press-interviews", "dims": {}, **dates},
        item.lines,
        value=total,
    )
    observation.parent, observation.parent_field = indicator, "indicator"
    parts = re.findall(r"(?:(?P<outlets>[^,(]+?) 등 )?(?P<medium>[^,(]+?)\((?P<n>\d+)회\)", listed)
    if parts and sum(int(p[2]) for p in parts) != total:
        reader.find(
            item.first_line,
            "error",
            "ingest.breakdown_mismatch",
            f"인터뷰 {total}회와 매체별 합계 {sum(int(p[2]) for p in parts)}회가 다릅니다.",
        )
    for outlets, medium, n in parts:
        part = reader.plan(
            "core.observation",
            {"indicator": "press-interviews", "dims": {"매체": medium.strip()}, **dates},
            item.lines,
            value=int(n),
            listed=[outlets.strip()] if outlets else [],
        )
        part.parent, part.parent_field = indicator, "indicator"


@recogniser("briefing", order=130)
def briefing(reader: Reader, item: Item) -> bool:
    """`① 제목('24.8.6.) : 요점 / ② …` after a 기자설명회 count: its briefings."""
    briefings = reader.briefings
    if item.kind != "bullet" or briefings is None:
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
            reader.find(
                item.first_line,
                "error",
                "ingest.date_unread",
                f"날짜 '{when}'를 읽지 못했습니다.",
            )
            continue
        planned = reader.plan(
            "press.mediaengagement",
            {"kind": "briefing", "date": parsed.date.isoformat(), "title": title.strip()},
            item.lines,
            key_points=points.strip(),
        )
        briefings.append(planned)
    stated, line = reader.briefings_stated
    if len({id(b) for b in briefings}) > stated:
        reader.find(
            line,
            "error",
            "ingest.count_mismatch",
            f"기자설명회 총 {stated}회라 했으나 {len(briefings)}건이 적혀 있습니다.",
        )
    reader.block("press")
    reader.place(item, "기자설명회")
    return True
