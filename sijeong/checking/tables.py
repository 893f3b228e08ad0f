"""Tables (표) read from a document's numbered lines, whatever shape they came in.

Word processors export a table as one line per row with tabs between cells; web pages as pipe
tables; HWP and PDF text as one cell per line or with the cells run together; plain reports as
columns aligned by spaces. All become one model: header rows, labelled rows with their level
and total marker (계/합계/소계), and numeric cells with their unit and printed precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sijeong.ingest.reading import SourceLine

from .numbers import MONEY_SCALES, Number, looks_numeric, parse_number, split_run

TOTAL_WORDS = {"계", "합계", "총계", "소계", "합", "총합계", "총액", "전체", "총괄"}
SUBTOTAL_WORDS = {"소계"}
HEADER_WORDS = {"구분", "항목", "과목", "연도", "기관", "부서", "사업명", "분야", "내역", "區分"}
RATE_HEADER = re.compile(r"률|율|비율|비중|구성비|%|퍼센트|점유")

_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACED_LABEL = re.compile(r"^(\s*)([가-힣](?:[ \t]+[가-힣])+)(?=[ \t]{2,}|\t|$)")
_UNIT = re.compile(r"단위\s*[:_：]?\s*(?P<unit>[^)\]]*)")
_MARKERS = "□■○●◦ㅇ❍◆◇-–·•*"
_PAGE_END = re.compile(
    r"생략|계속|중략|이하\s*(?:생략|같음)|…|\.\.\.|^-\s*\d+\s*-$|^\d+\s*/\s*\d+$|^\f"
)


@dataclass
class Cell:
    raw: str
    line: int
    number: Number | None = None

    @property
    def value(self) -> Decimal | None:
        return self.number.value if self.number else None

    @property
    def places(self) -> int:
        return self.number.places if self.number else 0

    @property
    def empty(self) -> bool:
        return not self.raw.strip()


@dataclass
class Row:
    label: str
    cells: list[Cell]
    lines: list[int]
    level: int = 0
    raw_label: str = ""

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def total(self) -> str:
        """ "소계", "계" (any grand total), or "" for a part."""
        return total_marker(self.label)

    def values(self) -> list[Decimal | None]:
        return [c.value for c in self.cells]


@dataclass
class Table:
    header: list[list[str]]
    rows: list[Row]
    caption: str = ""
    unit: str = ""
    first_line: int = 0
    last_line: int = 0
    cut_off: bool = False
    shape: str = ""
    columns: list[str] = field(default_factory=list)

    @property
    def scale(self) -> int:
        return MONEY_SCALES.get(self.unit, 1)

    def column(self, index: int) -> str:
        return self.columns[index] if index < len(self.columns) else ""

    def kind(self, index: int) -> str:
        """amount / count / percent / date / text, from the column's header and the unit."""
        name = self.column(index)
        if RATE_HEADER.search(name):
            return "percent"
        if re.search(r"일자|날짜|기간|일시|연월", name):
            return "date"
        if re.search(r"비고|내용|사유|목적", name):
            return "text"
        return "amount" if self.unit.endswith("원") else "count"


def normalise_label(text: str) -> str:
    """`합    계` → `합계`, `일 반 회 계` → `일반회계`; other labels keep their own spaces."""
    stripped = text.strip().strip(_MARKERS).strip()
    tokens = stripped.split()
    if len(tokens) > 1 and all(len(t) == 1 and "가" <= t <= "힣" for t in tokens):
        return "".join(tokens)
    return " ".join(tokens)


def total_marker(label: str) -> str:
    squashed = re.sub(r"[\s()\[\]A-Za-z]", "", label)
    if squashed in SUBTOTAL_WORDS or squashed.endswith("소계"):
        return "소계"
    if squashed in TOTAL_WORDS or squashed.endswith(("합계", "총계")):
        return "계"
    return ""


def unit_of(text: str) -> str:
    match = _UNIT.search(text)
    if not match:
        return ""
    unit = match["unit"].split("/")[-1].strip().strip("'")
    for known in sorted(
        [*MONEY_SCALES, "명", "개", "건", "회", "%", "개소"], key=len, reverse=True
    ):
        if unit.startswith(known):
            return known
    return unit[:3]


def split_cells(text: str) -> tuple[list[str], str, int] | None:
    """(cells, shape, indentation) of one line, or None when it is not a table row."""
    if not text.strip():
        return None
    indent = len(text) - len(text.lstrip(" "))
    if text.count("|") >= 2 or (text.lstrip().startswith("|") and text.count("|") >= 1):
        if _PIPE_RULE.match(text):
            return [], "rule", indent
        body = text.strip()
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|"):
            body = body[:-1]
        return [c.strip() for c in body.split("|")], "pipe", indent
    if "\t" in text:
        return [c.strip() for c in text.strip("\n").split("\t")], "tab", indent
    joined = _SPACED_LABEL.sub(lambda m: m[1] + re.sub(r"\s+", "", m[2]), text)
    parts = re.split(r" {2,}", joined.strip())
    if len(parts) >= 2:
        return parts, "spaces", indent
    words = joined.split()
    # A label followed by figures separated by single spaces: 합계 350,000 341,000 9,000.
    numeric = [w for w in words if looks_numeric(w) or parse_number(w) is not None]
    if len(words) >= 3 and len(numeric) >= 2:
        first = next(i for i, w in enumerate(words) if w in numeric)
        if all(w in numeric for w in words[first:]) and first <= 3:
            label = " ".join(words[:first])
            return [label, *words[first:]], "words", indent
    return [text.strip()], "single", indent


def _numeric(cell: str) -> bool:
    return (
        parse_number(cell) is not None and cell.strip() not in {"-", "–", "—"}
    ) or looks_numeric(cell)


def _is_header_row(cells: Sequence[str]) -> bool:
    values = [c for c in cells[1:] if c.strip()]
    if not values:
        return True
    if cells[0].strip() in HEADER_WORDS:
        return True
    return not any(_numeric(c) for c in values)


def _years(cells: Sequence[str]) -> bool:
    values = [c.strip() for c in cells if c.strip()]
    return bool(values) and all(re.fullmatch(r"(19|20)\d{2}", v) for v in values)


def read_tables(lines: Sequence[SourceLine]) -> list[Table]:
    """Every table in `lines`, in reading order."""
    tables: list[Table] = []
    used: set[int] = set()
    tables.extend(_one_cell_per_line(lines, used))
    block: list[tuple[SourceLine, list[str], str, int]] = []

    def flush(index: int) -> None:
        if block:
            table = _build(block, lines, index)
            if table is not None:
                tables.append(table)
        block.clear()

    for index, line in enumerate(lines):
        if line.number in used:
            flush(index)
            continue
        split = split_cells(line.text)
        if split is None:
            # A blank line inside a pipe table ends it; elsewhere it ends the block too.
            flush(index)
            continue
        cells, shape, indent = split
        if shape == "rule":
            continue
        if len(cells) < 2 or (block and _shape_family(block[-1][2]) != _shape_family(shape)):
            flush(index)
            if len(cells) < 2:
                continue
        block.append((line, cells, shape, indent))
    flush(len(lines))
    tables.sort(key=lambda t: t.first_line)
    return tables


def _shape_family(shape: str) -> str:
    return "pipe" if shape == "pipe" else "aligned"


def _caption(lines: Sequence[SourceLine], first_index: int) -> tuple[str, str]:
    """The caption above a table and the unit it or a note beside it states."""
    caption, unit = "", ""
    for back in range(1, 7):
        i = first_index - back
        if i < 0:
            break
        text = lines[i].text.strip()
        if not text:
            continue
        if not caption and not text.startswith("※"):
            caption = text
        unit = unit or unit_of(text)
        if caption and unit:
            break
    return caption, unit


def _cut_off(lines: Sequence[SourceLine], after: int) -> bool:
    """Whether the table stops at a page's or an excerpt's end rather than its own."""
    for line in lines[after:]:
        text = line.text.strip()
        if not text:
            continue
        return bool(_PAGE_END.search(text))
    return True


def _build(
    block: list[tuple[SourceLine, list[str], str, int]],
    lines: Sequence[SourceLine],
    end_index: int,
) -> Table | None:
    header: list[list[str]] = []
    body = list(block)
    while body and (_is_header_row(body[0][1]) or _years(body[0][1][1:])) and len(header) < 4:
        header.append(body.pop(0)[1])
    if not body:
        return None
    if not any(any(_numeric(c) for c in cells[1:]) for _, cells, _, _ in body):
        return None
    width = max(len(h) for h in header) if header else max(len(c) for _, c, _, _ in body)
    rows: list[Row] = []
    base_indent = min(indent for _, _, _, indent in body)
    for line, cells, _shape, indent in body:
        label = cells[0]
        values = cells[1:]
        filled = [v for v in values if v.strip()]
        if len(values) < width - 1 and filled:
            values = _rejoin(values, width - 1)
        row_cells = [Cell(v, line.number, parse_number(v)) for v in values]
        level = (indent - base_indent) + (1 if label[:1] in _MARKERS else 0)
        row = Row(normalise_label(label), row_cells, [line.number], level, label)
        if not filled and label.strip():
            wrapped = rows and not rows[-1].total and len(label.strip()) <= 12
            if wrapped and not total_marker(label) and _continues(rows[-1].label, label):
                # A row label wrapped onto the next line of a pipe table.
                rows[-1].raw_label = f"{rows[-1].raw_label} {label}"
                rows[-1].label = normalise_label(rows[-1].raw_label)
                rows[-1].lines.append(line.number)
                continue
            rows.append(row)
            continue
        if not label.strip() and rows and not any(c.raw.strip() for c in rows[-1].cells):
            previous = rows[-1]
            previous.cells = row_cells
            previous.lines.append(line.number)
            continue
        rows.append(row)
    _resolve_runs(rows)
    first_line = block[0][0].number
    first_index = next(i for i, sl in enumerate(lines) if sl.number == first_line)
    caption, unit = _caption(lines, first_index)
    for h in header:
        unit = unit or unit_of(" ".join(h))
    table = Table(
        header=header,
        rows=rows,
        caption=caption,
        unit=unit,
        first_line=first_line,
        last_line=block[-1][0].number,
        cut_off=_cut_off(lines, end_index),
        shape=block[0][2],
    )
    table.columns = _column_names(header, width)
    return table


def _continues(previous: str, label: str) -> bool:
    return not previous.rstrip().endswith((")", "계")) and not label.strip().startswith(
        tuple(_MARKERS)
    )


def _column_names(header: list[list[str]], width: int) -> list[str]:
    """Each value column's name, parent header cells carried over the columns they span."""
    names = [""] * max(width - 1, 0)
    for depth, cells in enumerate(header):
        last = ""
        for j in range(1, width):
            text = cells[j].strip() if j < len(cells) else ""
            if text:
                last = text
            elif depth < len(header) - 1:
                text = last
            if text and text not in names[j - 1].split("/"):
                names[j - 1] = f"{names[j - 1]}/{text}" if names[j - 1] else text
    return names


def _rejoin(values: list[str], count: int) -> list[str]:
    """Cells split again where figures ran together; ambiguous runs are kept as text."""
    filled = [v for v in values if v.strip()]
    missing = count - len(filled)
    if missing <= 0:
        return values
    runs = [i for i, v in enumerate(filled) if looks_numeric(v) and parse_number(v) is None]
    long_digits = [i for i, v in enumerate(filled) if re.fullmatch(r"\d{5,}", v.strip())]
    candidates_at = runs or long_digits
    if len(candidates_at) != 1:
        return values
    at = candidates_at[0]
    options = split_run(filled[at].strip(), missing + 1)
    if not options:
        return values
    if len(options) == 1:
        return [*filled[:at], *options[0], *filled[at + 1 :]]
    # Several readings: keep them for the table to choose by its totals.
    return [*filled[:at], "\x00" + "\x01".join("\x02".join(o) for o in options), *filled[at + 1 :]]


def _resolve_runs(rows: list[Row]) -> None:
    """Choose among the readings of run-together figures the one the totals agree with."""
    for row in rows:
        for index, cell in enumerate(row.cells):
            if not cell.raw.startswith("\x00"):
                continue
            options = [o.split("\x02") for o in cell.raw[1:].split("\x01")]
            chosen = _choose(options, row, index, rows)
            if chosen is None:
                row.cells[index] = Cell(
                    cell.raw[1:].split("\x01")[0].replace("\x02", ""), cell.line
                )
                continue
            new = [Cell(v, cell.line, parse_number(v)) for v in chosen]
            row.cells[index : index + 1] = new


def _choose(options: list[list[str]], row: Row, index: int, rows: list[Row]) -> list[str] | None:
    def agrees(values: list[Decimal]) -> bool:
        if len(values) >= 3:
            if values[0] == sum(values[1:]) or values[-1] == sum(values[:-1]):
                return True
            if len(values) == 3 and values[0] - values[1] == values[2]:
                return True
        return False

    good = []
    for option in options:
        full = [c.value for c in row.cells[:index]] + [parse_number(v).value for v in option]  # type: ignore[union-attr]
        full += [c.value for c in row.cells[index + 1 :]]
        known = [v for v in full if v is not None]
        if len(known) == len(full) and agrees(known):
            good.append(option)
    return good[0] if len(good) == 1 else None


def _one_cell_per_line(lines: Sequence[SourceLine], used: set[int]) -> list[Table]:
    """Tables exported one cell per line, re-assembled by the header's width."""
    tables: list[Table] = []
    run: list[SourceLine] = []

    def single(text: str) -> bool:
        s = text.strip()
        return bool(s) and len(s) <= 30 and "\t" not in s and "|" not in s and "  " not in s

    def consider() -> None:
        if len(run) >= 6:
            table = _assemble(run, lines)
            if table is not None:
                tables.append(table)
                used.update(range(table.first_line, table.last_line + 1))
        run.clear()

    for line in lines:
        if single(line.text):
            run.append(line)
        elif not line.text.strip():
            continue
        else:
            consider()
    consider()
    return tables


def _is_value(text: str) -> bool:
    s = text.strip()
    return s in {"-", "–", "—"} or _numeric(s)


def _assemble(run: list[SourceLine], lines: Sequence[SourceLine]) -> Table | None:
    for start in range(len(run)):
        if run[start].text.strip() not in HEADER_WORDS:
            continue
        first_value = next((k for k in range(start + 1, len(run)) if _is_value(run[k].text)), None)
        if first_value is None:
            return None
        width = first_value - start - 1
        if width < 2:
            continue
        header = [sl.text.strip() for sl in run[start : start + width]]
        if any(_is_value(h) for h in header):
            continue
        rows: list[Row] = []
        position = start + width
        while position + width <= len(run):
            chunk = run[position : position + width]
            if _is_value(chunk[0].text) or not all(_is_value(c.text) for c in chunk[1:]):
                break
            label = chunk[0].text.strip()
            cells = [Cell(c.text.strip(), c.number, parse_number(c.text)) for c in chunk[1:]]
            rows.append(Row(normalise_label(label), cells, [c.number for c in chunk], 0, label))
            position += width
        if len(rows) < 2:
            continue
        first_index = next(i for i, sl in enumerate(lines) if sl.number == run[start].number)
        caption, unit = _caption(lines, first_index)
        last = rows[-1].lines[-1]
        end_index = next(i for i, sl in enumerate(lines) if sl.number == last) + 1
        table = Table(
            header=[header],
            rows=rows,
            caption=caption,
            unit=unit or unit_of(" ".join(header)),
            first_line=run[start].number,
            last_line=last,
            cut_off=_cut_off(lines, end_index),
            shape="cells",
        )
        table.columns = _column_names([header], width)
        return table
    return None
