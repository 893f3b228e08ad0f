"""Stated figures of an overview (일반현황): any table of figures, captions, counts in a line.

A work report's 일반현황 prints its 조직·인력·예산 and the counts of what the office serves
(학교수, 세대수, 시설수 …) as tables under a caption `(기준 : 2021. 1. 1., 단위 : 명)`. What the
staffing and budget recognisers do not take is still a figure stated with its unit and date:
an indicator observation per cell, named by its row and column, never left as loose text.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from decimal import Decimal

from sijeong.checking.tables import PATH, Table, unit_of
from sijeong.core.formatting import parse_korean_date

from ..preview import Planned
from ..structure import Item
from .reader import Reader
from .registry import recogniser
from .shared import calendar_date, month_end, program_slug

# What an indicator's unit reads when its table states none.
UNSTATED = "(단위 없음)"
# A day, or a month (`2025. 9월 말`), with a four-digit year.
_DAY = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})(?!\d)"
)
_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.년]\s*(?P<m>\d{1,2})\s*월")
# What a caption holds besides its date and unit: 기준(일), 단위, 현재, 말, brackets, marks.
_CAPTION_WORDS = re.compile(r"기준일?|단위|현재|말|본예산|[\s()\[\]<>:：,./·~-]")
_CAPTION = re.compile(r"기준|단위")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*년?(?!\d)")
# `인원 현황('25.11.30. 기준)`: a table's title with its caption in brackets.
_TITLED_CAPTION = re.compile(
    r"^(?P<title>[^\d()]{1,30}?)\s*(?P<caption>\([^()]*(?:기준|단위)[^()]*\))$"
)
# A table described for screen readers, as web pages print it (`… 현황을 나타낸 표`).
_DESCRIBED = re.compile(r"(?:표|테이블)(?:\s*입니다)?\.?$")
# `조직 : 2국 6과`, `행정조직 : 2국 6과 3센터 19팀`: a name and counts with their counter words.
_COUNTS = re.compile(
    r"^(?P<name>[^:：\d]{1,20}?)\s*[:：]\s*(?P<counts>(?:\d[\d,]*\s*[가-힣]{1,3}\s*)+)$"
)
_COUNT = re.compile(r"(?P<n>\d[\d,]*)\s*(?P<unit>[가-힣]{1,3})")
# A note right under a table: its source (자료출처 : …) or a ※ remark.
_NOTE = re.compile(r"^(?:※|\*|(?:자료\s*)?출처\s*[:：])")


def stated_date(text: str) -> datetime.date | None:
    """The day a caption's figures are as of: `2021. 1. 1.`, `(2025.12.31.기준)`, `2025. 9월 말`."""
    if found := _DAY.search(text):
        return calendar_date(int(found["y"]), int(found["m"]), int(found["d"]))
    if found := _MONTH.search(text):
        first = calendar_date(int(found["y"]), int(found["m"]), 1)
        return month_end(first) if first else None
    # `('25.11.30. 기준)`: a short year, as a caption may print it.
    parsed = parse_korean_date(re.sub(r"[()\[\]]|기준일?|현재|[:：]", "", text).strip())
    return parsed.date if parsed is not None else None


def _is_caption(text: str) -> bool:
    """A line that only dates and measures the table under it, whatever its spelling."""
    if not _CAPTION.search(text) or len(text) > 60:
        return False
    rest = _CAPTION_WORDS.sub("", _YEAR.sub("", _DAY.sub("", _MONTH.sub("", text))))
    rest = re.sub(r"[\d'‘’´]", "", rest)  # a date with a short year: '25.11.30.
    unit = unit_of(text)
    if unit:
        rest = rest.replace(re.sub(r"[\s,./]", "", text.split("단위", 1)[1]), "")
    return len(rest) <= 4 and (stated_date(text) is not None or bool(unit))


@recogniser("table_caption", order=22)
def table_caption(reader: Reader, item: Item) -> bool:
    """`(기준 : 2021. 1. 1.)`, `2021.1.1. 기준(단위:백만원)`, `(단위 : 명)`: the date and unit
    of the tables that follow — the report's frame, not a record."""
    text = item.text.strip()
    if item.kind not in ("paragraph", "bullet") or reader.program is not None:
        return False
    if (titled := _TITLED_CAPTION.match(re.sub(r"^\W+", "", text))) and _is_caption(
        titled["caption"]
    ):
        reader.table_title = titled["title"].strip()
        text = titled["caption"]
    elif not _is_caption(text):
        return False
    reader.table_date = stated_date(text) or reader.table_date
    reader.table_unit = unit_of(text) or ""
    if year := re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text):
        reader.table_year = int(year.group())
    reader.keep_as_text(item.lines)
    reader.place(item, "표 기준·단위", structure=True)
    return True


@recogniser("table_title", order=23)
def table_title(reader: Reader, item: Item) -> bool:
    """A short line right over a table or its caption (`인구`, `<소방력 현황>`): its title."""
    text = item.text.strip()
    if item.kind != "paragraph" or reader.program is not None:
        return False
    framed = _title_like(text, 40) or _DESCRIBED.search(text)
    if not framed or reader.table_at(item) is not None:
        return False
    # Over the table, past other titles and its caption: `복지` / `사회복지시설` / `(단위 : 개소)`.
    for ahead in range(4):
        following = reader.item_at(reader.position + ahead)
        if following is None or reader.table_at(following) is not None:
            break
        words = following.text.strip()
        if not (_title_like(words, 40) or _is_caption(words) or _DESCRIBED.search(words)):
            return False
    if following is None or reader.table_at(following) is None:
        return False
    if _title_like(text) and not reader.table_title:
        reader.table_title = text.strip("<>[]() ")
    reader.keep_as_text(item.lines)
    reader.place(item, f"표 제목 '{reader.table_title}'", structure=True)
    return True


@recogniser("counts_line", order=24)
def counts_line(reader: Reader, item: Item) -> bool:
    """`조직 : 2국 6과`: counts stated in a line, one observation per counter word."""
    found = _COUNTS.match(item.text.strip())
    if item.kind not in ("paragraph", "bullet") or found is None or reader.program is not None:
        return False
    if reader.table_at(item) is not None:
        return False
    as_of = _as_of(reader)
    if as_of is None:
        return False
    name = found["name"].strip()
    indicator = _indicator(reader, item, name, name, "개", ["단위"])
    for count in _COUNT.finditer(found["counts"]):
        _observe(reader, item.lines, indicator, {"단위": count["unit"]}, count["n"], as_of, "")
    reader.keep_as_text(item.lines)
    reader.place(item, f"지표 '{name}'")
    return True


@recogniser("stated_table", order=176)
def stated_table(reader: Reader, item: Item) -> bool:
    """Any other table of figures: one observation per cell, by row and column, as of the
    caption's date (else the document's), with the note printed under it."""
    # A table's rows are table items, or paragraphs when the outline does not split their
    # cells (a pipe table); a bullet the checker reads as a row stays a bullet (□ 추진내용).
    table = reader.table_at(item) if item.kind in ("table", "paragraph") else None
    if table is None or reader.program is not None:
        return False  # under a programme, its comparison table or its narrative
    if not any(c.value is not None for r in table.rows for c in r.cells):
        return False
    as_of = _as_of(reader)
    if as_of is None:
        reader.find(
            item.first_line,
            "warning",
            "ingest.table_undated",
            "표의 기준일을 문서에서 찾지 못해 수치를 지표로 옮기지 않았습니다 "
            "(표 위에 '(기준 : 2025. 1. 1.)'처럼 적어 주세요).",
        )
        return False
    take_table(reader, item, table)
    note = _note_under(reader, item)
    units = Counter(c.unit for r in table.rows for c in r.cells if c.unit)
    unit = table.unit or reader.table_unit or (units.most_common(1)[0][0] if units else "")
    unit = unit or UNSTATED
    # A caption that only dates or measures the table names nothing: its columns do.
    caption = "" if _is_caption(table.caption) else table.caption
    heads = list(dict.fromkeys(c.split(PATH)[0] for c in table.columns if c))
    title = reader.table_title or caption or " · ".join(heads[:3])
    signature = " ".join([title, *table.columns, *(r.label for r in table.rows)])
    indicator = _indicator(reader, item, title, signature, unit, ["구분", "항목"])
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            if cell.value is None:
                continue
            column = table.columns[j] if j < len(table.columns) else ""
            dims = {"구분": row.label, "항목": column}
            _observe(reader, row.lines, indicator, dims, cell.value, as_of, note)
    reader.table_title = ""
    reader.table_observations = [r for r in reader.preview.records if r.parent is indicator]
    # Written back as printed: an overview's table has the shape its office gave it.
    reader.keep_as_text(sorted(set(item.lines)))
    reader.place(item, f"표 '{title}'의 수치")
    return True


@recogniser("table_note", order=177)
def table_note(reader: Reader, item: Item) -> bool:
    """`※ 분교 학교수는 ( )로 표시` under the last table of figures: a note on its figures."""
    observations = reader.table_observations
    if not observations or reader.program is not None or not _is_note(item):
        return False
    for observation in observations:
        note = f"{observation.fields.get('note', '')} {item.label} {item.text.strip()}".strip()
        observation.fields["note"] = note[:300]
        observation.lines.extend(item.lines)
    reader.keep_as_text(item.lines)
    reader.place(item, "표의 주석")
    return True


def _is_note(item: Item) -> bool:
    return item.label in ("※", "*") or bool(_NOTE.match(item.text.strip()))


def _title_like(text: str, longest: int = 30) -> bool:
    return 0 < len(text) <= longest and not re.search(r"\d|[:：|]", text)


def take_table(reader: Reader, item: Item, table: Table) -> None:
    """The items the outline split a table into (one per row of a pipe table) join the first:
    the table is read, and placed, once."""
    while (
        (following := reader.item_at(reader.position)) is not None
        and following.kind in ("table", "paragraph")
        and all(table.first_line <= n <= table.last_line for n in following.lines)
    ):
        item.lines.extend(following.lines)
        reader.position += 1


def _note_under(reader: Reader, item: Item) -> str:
    notes = []
    while (following := reader.item_at(reader.position)) is not None and _is_note(following):
        reader.position += 1
        item.lines.extend(following.lines)
        notes.append(f"{following.label} {following.text.strip()}".strip())
    return " ".join(notes)[:300]


def _as_of(reader: Reader) -> datetime.date | None:
    """The caption's day, else the month of the caption, else the day the document is dated."""
    if reader.table_date is not None:
        return reader.table_date
    if reader.as_of is not None:
        return month_end(reader.as_of)
    cover = reader.preview.cover
    for name in ("as_of", "issued", "period_end"):
        if cover.get(name):
            return datetime.date.fromisoformat(cover[name])
    return reader.document_date


def _indicator(
    reader: Reader, item: Item, name: str, signature: str, unit: str, dims: list[str]
) -> Planned:
    """One indicator per table (or line), known by what it prints: the same table imported
    again is the same indicator."""
    key = program_slug(signature).replace("p-", "s-", 1)
    return reader.plan(
        "core.indicator",
        {"key": key},
        item.lines,
        name=name[:200] or "표의 수치",
        unit=(unit or "")[:20],
        dimensions=dims,
    )


def _observe(
    reader: Reader,
    lines: list[int],
    indicator: Planned,
    dims: dict[str, str],
    value: Decimal | str,
    as_of: datetime.date,
    note: str,
) -> None:
    figure = Decimal(str(value).replace(",", ""))
    observation = reader.plan(
        "core.observation",
        {"indicator": indicator.key["key"], "dims": dims, "as_of": as_of.isoformat()},
        lines,
        value=str(figure),
        note=note,
    )
    observation.parent, observation.parent_field = indicator, "indicator"
