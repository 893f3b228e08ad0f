"""The office's main functions (주요 기능) and their points."""

from __future__ import annotations

from ..structure import Item
from .reader import Reader
from .registry import recogniser
from .shared import strip_bold


@recogniser("functions", order=60)
def functions(reader: Reader, item: Item) -> bool:
    """A bullet under 주요 기능: a function of the office, or a point of the one above."""
    if reader.h2 is None or "주요 기능" not in reader.h2.text or item.kind != "bullet":
        return False
    text = strip_bold(item.text)
    if item.level == 0 or reader.function is None:
        reader.function = reader.plan("core.officefunction", {"title": text}, item.lines)
        reader.place(item, f"주요 기능 '{text}'")
        reader.block("functions")
        return True
    point = reader.plan("core.officefunctionpoint", {"text": text}, item.lines)
    point.parent, point.parent_field = reader.function, "function"
    reader.place(item, "주요 기능 세부 내용")
    return True
