"""The staffing table (인력 현황: 정원·현원 by series and grade) and its posts agreed apart."""

from __future__ import annotations

import re

from ..structure import Item
from .reader import Reader
from .registry import recogniser


@recogniser("staffing", order=30)
def staffing_table(reader: Reader, item: Item) -> bool:
    """A table with 정원 and 현원 rows: the staffing as of the caption's month, by series
    and grade, with its subtotals checked."""
    if item.kind != "table" or not any(r and r[0] in ("정원", "현원") for r in item.cells):
        return False
    header, rows = _split_header(item.cells, ("정원", "현원"))
    if len(header) < 2 or reader.as_of is None:
        reader.find(
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
        reader.find(
            item.first_line,
            "warning",
            "ingest.staffing_unread",
            "인력 현황표에는 정원 줄과 현원 줄이 모두 있어야 합니다.",
        )
        return False
    snapshot = reader.plan("org.staffingsnapshot", {"as_of": reader.as_of.isoformat()}, item.lines)
    totals: dict[str, list[int]] = {}
    for index, (series, grade) in enumerate(columns, start=1):
        p, f = _count(posts, index), _count(filled, index)
        if grade in ("소계", "총계", "계") or series is None:
            totals[series or "총계"] = [p, f]
            continue
        line = reader.plan(
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
            for r in reader.preview.records
            if r.model == "org.staffingline"
            and r.parent is snapshot
            and (name == "총계" or r.key["series"] == name)
        ]
        sums = (sum(r.fields["posts"] for r in lines), sum(r.fields["filled"] for r in lines))
        if sums != (p, f):
            reader.find(
                item.first_line,
                "error",
                "ingest.subtotal_mismatch",
                f"{name} 정원·현원 {p}/{f}이 항목 합계 {sums[0]}/{sums[1]}과 다릅니다.",
            )
    reader.staffing = snapshot
    reader.block("staffing")
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
