"""Relations: sessions of a standing meeting (제N회) and agreements (협약) signed."""

from __future__ import annotations

import re

from sijeong.core.formatting import parse_korean_date

from ..structure import Item
from .reader import Reader
from .registry import recogniser
from .shared import calendar_date


@recogniser("meeting_session", order=140)
def meeting_session(reader: Reader, item: Item) -> bool:
    """`'24년 제3회(8.21.) : 안건`: a session of the meeting named in the lines above."""
    match = re.match(
        r"^['‘’](?P<yy>\d{2})년 제(?P<n>\d+)회"
        r"\((?P<m>\d{1,2})\.(?P<d>\d{1,2})\.?\)\s*:\s*(?P<agenda>.+)$",
        item.text,
    )
    if item.kind != "bullet" or match is None:
        return False
    series_name = _series_name(reader)
    series = reader.plan("relations.meetingseries", {"name": series_name}, [])
    date = calendar_date(2000 + int(match["yy"]), int(match["m"]), int(match["d"]))
    session = reader.plan(
        "relations.meetingsession",
        {"series": series_name, "number": int(match["n"])},
        item.lines,
        date=date.isoformat() if date else None,
        agenda=match["agenda"],
    )
    session.parent, session.parent_field = series, "series"
    reader.block("meetings", series=series_name)
    reader.place(item, f"{series_name} 제{match['n']}회")
    return True


def _series_name(reader: Reader) -> str:
    for previous in reversed(reader.items[: reader.position - 1]):
        found = re.search(r"(\S+회의)", previous.text)
        if found:
            return found.group(1).strip("「」")
    return "회의"


@recogniser("agreement", order=150)
def agreement(reader: Reader, item: Item) -> bool:
    """`'24. 8. 6. : ○○ 업무협약(주제, 주제 등)`: an agreement and its topics."""
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
    reader.plan(
        "relations.agreement",
        {"date": parsed.date.isoformat(), "title": match["title"].strip()},
        item.lines,
        kind="업무협약" if "업무협약" in match["title"] else "협약",
        topics=topics,
        topics_open_ended=open_ended,
    )
    reader.block("agreements")
    reader.place(item, "협약")
    return True
