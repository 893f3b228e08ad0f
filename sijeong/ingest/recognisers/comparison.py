"""A programme's comparison table (시범사업 vs 본사업 …), its columns read as periods."""

from __future__ import annotations

import re

from sijeong.core.formatting import parse_korean_month, parse_month_range

from ..structure import Item
from .reader import Reader
from .registry import recogniser


@recogniser("comparison", order=50)
def comparison_table(reader: Reader, item: Item) -> bool:
    """Any other table under a programme: its comparison table, one row per label."""
    if item.kind != "table" or reader.program is None:
        return False
    header = item.cells[0]
    table = reader.plan(
        "programs.comparisontable",
        {"program": reader.program.key["slug"], "corner": header[0]},
        item.lines,
        columns=[_column(h) for h in header[1:]],
    )
    table.parent, table.parent_field = reader.program, "program"
    for order, row in enumerate(item.cells[1:]):
        planned = reader.plan(
            "programs.comparisonrow",
            {"table": id(table), "label": row[0]},
            item.lines,
            cells=row[1:],
            order=order,
        )
        planned.parent, planned.parent_field = table, "table"
    reader.block("comparison", program=reader.program.key["slug"])
    reader.place(item, "비교표")
    return True


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
