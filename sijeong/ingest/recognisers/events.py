"""Field visits: domains (○○ 분야 …), events with their date, time and place, and undated ones."""

from __future__ import annotations

import re

from sijeong.core.formatting import parse_korean_date, parse_time

from ..preview import Planned
from ..structure import Item
from .reader import Reader
from .registry import recogniser


@recogniser("domain", order=80)
def domain_line(reader: Reader, item: Item) -> bool:
    """`안전 분야 재난 예방`: a domain of field visits and its description."""
    match = _DOMAIN.match(item.text)
    if item.kind != "paragraph" or match is None:
        return False
    description = match["description"]
    index = reader.position - 1  # the item's own place; the loop below moves past it
    # A description wrapped onto the next line continues in a markerless paragraph.
    while (
        reader.position < len(reader.items)
        and reader.items[reader.position].kind == "paragraph"
        and reader.items[reader.position].first_line == item.lines[-1] + 1
    ):
        nxt = reader.items[reader.position]
        description += " " + nxt.text
        item.lines.extend(nxt.lines)
        reader.position += 1
    heading = _previous_bullet_text(reader, index)
    reader.domain = reader.plan(
        "schedule.domain",
        {"name": match["name"]},
        item.lines,
        description=description,
        **({"heading": heading} if heading else {}),
    )
    reader.block("events")
    reader.place(item, f"분야 '{match['name']}'")
    return True


def _previous_bullet_text(reader: Reader, index: int) -> str:
    previous = reader.items[index - 1] if index else None
    if previous is not None and previous.kind == "bullet" and previous.label in ("-", "○"):
        return previous.text  # placed by domain_heading
    for record in reversed(reader.preview.records):
        if record.model == "schedule.domain":
            return str(record.fields.get("heading", ""))
    return ""


@recogniser("event_title", order=90)
def event_title(reader: Reader, item: Item) -> bool:
    """`√ 폭염대비 현장점검` under a domain: an event, a record once its date is read."""
    if item.kind != "bullet" or item.label not in ("√", "✓", "-√"):
        return False
    if reader.domain is None:
        return False
    reader.event = Planned(
        "schedule.event",
        {"title": item.text},
        {"domain": reader.domain.key["name"]},
        list(item.lines),
    )
    reader.events.append(reader.event)
    layout = reader.preview.layout
    reader.event_places[id(reader.event)] = (len(layout) - 1, len(layout[-1]["blocks"]))
    reader.place(item, f"일정 '{item.text}'")
    return True


@recogniser("event_detail", order=100)
def event_detail(reader: Reader, item: Item) -> bool:
    """`▶ 일시/장소 : …`, `▶ 장소/일시 : …`, `▶ 일시 : …`, `▶ 장소 : …`, `▶ 주요내용 : …`."""
    if reader.event is None or item.kind != "bullet" or not item.label.endswith("▶"):
        return False
    label, _, value = item.text.partition(":")
    label, value = re.sub(r"\s+", "", label), value.strip()
    event = reader.event
    if label in ("내용", "주요내용"):
        event.fields["summary"] = value
    elif "일시" in label or "일자" in label:
        _when_where(reader, item, value, place_allowed="장소" in label)
    elif label in ("장소", "위치"):
        event.fields["place"] = value
    else:
        return False
    event.lines.extend(item.lines)
    reader.place(item, f"일정 '{event.key['title']}'")
    return True


def _when_where(reader: Reader, item: Item, value: str, place_allowed: bool = True) -> None:
    """Date, time and place separated by `/` in whatever order the writer chose."""
    event = reader.event
    assert event is not None
    parsed = None
    time_text = ""
    places = []
    for part in (p.strip() for p in value.split("/")):
        found = _TRAILING_TIME.match(part)
        rest, written = (found["rest"], found["time"]) if found else (part, "")
        date = parse_korean_date(rest, default_year=reader.year) if rest else None
        if parsed is None and date is not None:
            parsed, time_text = date, written or time_text
        elif not rest and written:
            time_text = written
        elif part:
            places.append(part)
    if parsed is None:
        reader.find(
            item.first_line,
            "error",
            "ingest.date_unread",
            f"'{value}'에서 날짜를 읽지 못했습니다.",
        )
        return
    # A weekday that does not match the date is the checker's (weekday-mismatch).
    if reader.period and not reader.period[0] <= parsed.date <= reader.period[1]:
        reader.find(
            item.first_line,
            "warning",
            "ingest.outside_period",
            f"{parsed.date}는 보고 기간({reader.period[0]}~{reader.period[1]}) 밖입니다.",
        )
    event.key = {"date": parsed.date.isoformat(), "title": event.key["title"]}
    start_text, _, end_text = time_text.partition("~")
    start, end = parse_time(start_text) if start_text else None, None
    if end_text:
        end = parse_time(end_text)
    if (start_text and start is None) or (end_text and end is None):
        reader.find(
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
    # A report lists under 추진내용 what took place (완료), which is what a report built from the
    # records prints there; one dated after the report's period is still to come.
    after = reader.period is not None and parsed.date > reader.period[1]
    event.fields.setdefault("status", "planned" if after else "done")
    if id(event) not in reader.dated:
        reader.dated.add(id(event))
        reader.preview.records.append(event)


@recogniser("domain_heading", order=110)
def domain_heading(reader: Reader, item: Item) -> bool:
    """The bullet over a domain paragraph is the domain's heading, not a narrative."""
    following = reader.items[reader.position] if reader.position < len(reader.items) else None
    if item.kind != "bullet" or following is None or following.kind != "paragraph":
        return False
    if not _DOMAIN.match(following.text):
        return False
    reader.block("events")
    reader.place(item, "분야 머리말")
    return True


def set_aside_undated(reader: Reader) -> None:
    """An event whose date was never read is no record: its lines go back to unplaced,
    and to the report definition as text where they stood."""
    undated = [event for event in reader.events if id(event) not in reader.dated]
    for event in sorted(undated, key=lambda e: reader.event_places[id(e)], reverse=True):
        section, position = reader.event_places[id(event)]
        written = [reader.texts[n] for n in sorted(set(event.lines))]
        reader.preview.layout[section]["blocks"].insert(
            position, {"kind": "text", "title": "", "symbol": "", "params": {"lines": written}}
        )
    for event in undated:
        for number in event.lines:
            reader.preview.placed.pop(number, None)
        reader.find(
            event.lines[0],
            "warning",
            "ingest.event_undated",
            f"일정 '{event.key['title']}'의 날짜를 찾지 못해 기록으로 옮기지 않았습니다.",
        )


# A time at the end of a date part, `'24. 8. 6.(화) 11:10` or `… 14:00~15:30`; malformed
# times (14:1) are kept for the finding.
_TRAILING_TIME = re.compile(r"^(?P<rest>.*?)\s*(?P<time>\d{1,2}:\d*(?:\s*~\s*\d{1,2}:\d*)?)$")

_DOMAIN = re.compile(r"^(?P<name>\S+) 분야 (?P<description>.+)$")


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


# `- 일시/장소 : 2024. 5. 10.(금) 14:00 / 구청 대강당` under an item of a programme.
_DATED = re.compile(
    r"^(?P<label>(?:일\s*시|일\s*자|날\s*짜)(?:\s*[/·,및]\s*장\s*소)?|장\s*소\s*[/·,및]\s*일\s*시)"
    r"\s*[:：]\s*(?P<value>.+)$"
)


@recogniser("dated_line", order=178)
def dated_line(reader: Reader, item: Item) -> bool:
    """A dated line with its place under a programme's item: that item took place as an
    event (박람회 개최 → 일시/장소 : …), whatever the report's shape."""
    found = _DATED.match(item.text.strip())
    if reader.program is None or item.kind not in ("bullet", "paragraph") or found is None:
        return False
    value = found["value"]
    with_place = "장소" in found["label"]
    following = reader.item_at(reader.position)
    if (
        not with_place
        and following is not None
        and (place := re.match(r"^장\s*소\s*[:：]\s*(?P<place>.+)$", following.text.strip()))
    ):
        # `- 일시 : …` then `- 장소 : …`: one event told on two lines.
        value, with_place = f"{value} / {place['place']}", True
        item.lines.extend(following.lines)
        reader.position += 1
    # A span of days (`2024. 4. 2.(화) ~ 4. 30.(화)`) is dated by its first day.
    value = re.sub(r"(\.\s*\([월화수목금토일]\))\s*[~∼]\s*[^/]*?(?=\s*/|$)", r"\1", value)
    parts = [_TRAILING_TIME.sub(r"\g<rest>", p.strip()) for p in value.split("/")]
    if not any(parse_korean_date(part, default_year=reader.year) for part in parts):
        return False
    last = reader.last_narrative
    over = last if last is not None and last.parent is reader.program else None
    title = str(over.key["text"] if over else reader.program.fields.get("title", ""))[:200]
    event = Planned("schedule.event", {"title": title}, {}, list(item.lines))
    reader.event = event
    _when_where(reader, item, value, place_allowed=with_place)
    reader.event = None
    if id(event) not in reader.dated or not event.fields.get("place"):
        if event in reader.preview.records:
            reader.preview.records.remove(event)
            reader.dated.discard(id(event))
        return False  # no day or no place: a narrative line like any other
    reader.keep_as_text(item.lines)
    reader.place(item, f"일정 '{title}'")
    return True
