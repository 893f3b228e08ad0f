"""The staffing table (인력 현황: 정원·현원 by series and grade) and its posts agreed apart."""

from __future__ import annotations

import re

from sijeong.checking.tables import PATH, Row, normalise_label, total_marker

from ..structure import Item
from .figures import take_table
from .reader import Reader
from .registry import recogniser


@recogniser("staffing", order=30)
def staffing_table(reader: Reader, item: Item) -> bool:
    """A table with 정원 and 현원 rows: the staffing as of the caption's month, one line per
    series and grade (`일반직 › 5급`). Its 소계 and 총계 columns are the checker's to add up."""
    table = reader.table_at(item) if item.kind in ("table", "paragraph") else None
    if table is None or not any(r.label in ("정원", "현원") for r in table.rows):
        return False
    posts = next((r for r in table.rows if r.label == "정원"), None)
    filled = next((r for r in table.rows if r.label == "현원"), None)
    named = [c for c in table.columns if c]
    if len(set(named)) < len(table.columns):
        return False  # columns not read apart: its cells are kept as stated figures
    as_of = reader.as_of or reader.table_date or reader.document_date
    if as_of is None or posts is None or filled is None:
        reader.find(
            item.first_line,
            "warning",
            "ingest.staffing_unread",
            "인력 현황표에는 기준월과 정원 줄·현원 줄이 모두 있어야 합니다.",
        )
        return False
    take_table(reader, item, table)
    snapshot = reader.plan("org.staffingsnapshot", {"as_of": as_of.isoformat()}, item.lines)
    for j, column in enumerate(table.columns):
        series, _, grade = column.rpartition(PATH)
        # `교 원`, `일 반 직`: letter-spaced headings name the series as one word.
        series, grade = normalise_label(series), normalise_label(grade)
        if total_marker(grade):
            continue
        line = reader.plan(
            "org.staffingline",
            # A table with no series over its grades counts every series together.
            {"series": series or "전체", "grade": grade},
            item.lines,
            posts=_count(posts, j),
            filled=_count(filled, j),
        )
        line.parent, line.parent_field = snapshot, "snapshot"
    reader.staffing = snapshot
    if item.kind == "table":
        reader.block("staffing")
    else:
        reader.keep_as_text(sorted(set(item.lines)))  # another office's shape, as printed
    reader.place(item, "인력 현황표")
    return True


@recogniser("extra_posts", order=170)
def note_extra_posts(reader: Reader, item: Item) -> bool:
    """`※ 행정안전부와 협의된 전문임기제 9명(…) 별도`: posts outside the staffing table."""
    if item.label != "※" or reader.staffing is None:
        return False
    match = _EXTRA_POSTS.match(item.text)
    if match is None:
        return False
    titles = [t.strip() for t in match["titles"].split(",") if t.strip()]
    if len(titles) != int(match["n"]):
        reader.find(
            item.first_line,
            "error",
            "ingest.count_mismatch",
            f"{match['n']}명이라 했으나 직위는 {len(titles)}개입니다.",
        )
    for title in titles:
        post = reader.plan(
            "org.extrapost",
            {"title": title},
            item.lines,
            employment_type=match["type"],
            agreed_with=match["agreed"],
        )
        post.parent, post.parent_field = reader.staffing, "snapshot"
    reader.place(item, "전문임기제 등 별도 정원")
    return True


_EXTRA_POSTS = re.compile(
    r"(?P<agreed>\S+)와 협의된 (?P<type>\S+) (?P<n>\d+)명\((?P<titles>[^)]*)\) 별도"
)


def _count(row: Row, column: int) -> int:
    """Posts in a cell; `-` and an empty cell are none."""
    value = row.cells[column].value if column < len(row.cells) else None
    return int(value) if value is not None and value > 0 else 0
