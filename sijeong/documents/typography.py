"""How a report is set, in one place for every writer (PDF, DOCX, HWPX): the conventions of
Korean public reports (개조식 보고서) that docs/typography.md describes with their sources.

Body text in a serif (명조) face with gothic (고딕) headings, notes and tables; the □ ○ - ·
ladder steps down one point and one indent per level, with less space before each lower level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Cell, column_needs, column_weights, plain_text

# Faces, by family name as readers look them up. The PDF embeds both (`make setup` installs
# them); DOCX and HWPX name them, and a reader without them substitutes its own 명조/고딕.
SERIF = "Noto Serif KR"
GOTHIC = "NanumGothic"


@dataclass(frozen=True)
class Step:
    """One rung of the 개조식 ladder: its size, left indent and space before, in points."""

    size: float
    indent: float
    space_before: float


# Level 0 is □, 1 ○, 2 -, 3 and deeper ·; whatever the symbol, the level decides the rung.
LADDER = (
    Step(size=15, indent=0, space_before=10),
    Step(size=14, indent=15, space_before=8),
    Step(size=13, indent=30, space_before=6),
    Step(size=12, indent=45, space_before=4),
)

BODY_SIZE = LADDER[0].size
NOTE_SIZE: float = 12  # ※ notes, units lines and tables' notes, in gothic
TABLE_SIZE: float = 11  # tables, in gothic, header rows bold on a shaded ground
SMALLEST_TABLE_SIZE: float = 8.5  # a wide table is set smaller, down to this, to keep words whole
HEADING_SIZES: dict[int, float] = {1: 18, 2: 16, 3: 15}
COVER_SIZES: tuple[float, ...] = (28, 15, 16)  # title, date line, office
LINE_SPACING = 1.6  # 160 %, the middle of the 150–170 % reports use
HEADER_SHADE = "#E8EDF3"
FLAG_SHADE = "#FFF3CD"


def step(level: int) -> Step:
    return LADDER[min(max(level, 0), len(LADDER) - 1)]


def hanging(symbol: str) -> float:
    """Ems a bullet's wrapped lines are indented by, to start under its text: the symbol
    (a full-width □ or ○ is one em, a narrow - or · half) and the space after it."""
    narrow = all(ch in NARROW_SYMBOLS for ch in symbol)
    return (0.5 if narrow else 1.0) * len(symbol) + 0.3


NARROW_SYMBOLS = "-·*"


def half_ems(width_mm: float, size_pt: float) -> int:
    """A width in half-ems of the given type size: the unit of `model.column_weights`."""
    return int(width_mm * 72 / 25.4 / (size_pt / 2))


def table_size(grid: list[list[Cell | None]], width_mm: float) -> float:
    """The type size of a table: TABLE_SIZE, or smaller by half points when its columns'
    longest words would not fit the width (a staffing table of thirteen grades), down to
    SMALLEST_TABLE_SIZE."""
    floors = sum(column_needs(grid)[1])
    size = TABLE_SIZE
    while size > SMALLEST_TABLE_SIZE and floors > half_ems(width_mm, size):
        size -= 0.5
    return size


def table_layout(grid: list[list[Cell | None]], width_mm: float) -> tuple[float, list[int]]:
    """A table's type size and its columns' relative widths, for a text `width_mm` wide."""
    size = table_size(grid, width_mm)
    return size, column_weights(grid, half_ems(width_mm, size))


_NUMBER = re.compile(r"[-+△▲▽]?[\d,.]+\s*(%|%p|[(][^)]*[)])?")


def cell_align(cell: Cell, header: bool = False) -> str:
    """Header cells centred; a number (with its rate in brackets) right-aligned so that its
    digits line up down the column; other cells as the document says."""
    if header:
        return "center"
    text = plain_text(cell.content).strip()
    if cell.align == "center" and text and _NUMBER.fullmatch(text):
        return "right"
    return cell.align
