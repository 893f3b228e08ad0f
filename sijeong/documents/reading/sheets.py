"""Reading spreadsheets (XLSX, CSV) into the document model: each sheet one table, its cells
as the person sees them — numbers in their number format, dates as 2024. 9. 3.

An XLSX is a zip of XML parts; its directory is checked for size and compression ratio
before anything is decompressed (`packages.open_package`), each sheet's cells are counted in
its XML before openpyxl parses it, and openpyxl reads in read-only mode (a stream) with the
sheet's declared dimension ignored, so that a sheet that claims A1:XFD1048576 costs only the
cells it holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO, StringIO
from typing import Any

from .model import Cell, Paragraph, Read, ReadError, Table
from .packages import open_package
from .text import MAX_CELLS, MAX_CHARACTERS, MB

MAX_SHEETS = 256
# Shared strings are loaded whole by openpyxl, about five times their XML in memory.
MAX_SHARED_STRINGS_BYTES = 16 * MB
# A CSV of a million characters is at most four bytes a character in any encoding we read.
MAX_CSV_BYTES = 4 * MAX_CHARACTERS

_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE_TAG = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>[^<]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d{1,7}):([A-Z]{1,3}\d{1,7})"')


def _too_many_cells() -> str:
    return f"표의 칸이 한도 {MAX_CELLS:,}개를 넘습니다. 한 번에 읽을 표의 크기가 아닙니다."


class _Budget:
    def __init__(self) -> None:
        self.cells = 0
        self.characters = 0

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > MAX_CELLS:
            raise ReadError(_too_many_cells())

    def text(self, text: str) -> str:
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise ReadError(f"표의 글자가 한도 {MAX_CHARACTERS:,}자를 넘습니다.")
        return text


# -- Number formats ------------------------------------------------------------------------

_COLOUR_OR_CONDITION = re.compile(r"\[[^\]]*\]")
_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.')


def _literal(match: re.Match[str]) -> str:
    # Quoted text and escaped characters are shown; _x (a space as wide as x) and *x (fill)
    # are layout, not text.
    return match.group(1) or match.group(2) or ""


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    # Excel's General shows at most about ten significant digits.
    return f"{value:.10g}"


def _section(number_format: str, value: float) -> tuple[str, float]:
    """The section of a format that applies to a value, and the value it shows: a second
    section is for negatives and carries its own sign (or parentheses), a third for zero."""
    sections = number_format.split(";")
    if value < 0 and len(sections) > 1 and sections[1].strip():
        return sections[1], -value
    if value == 0 and len(sections) > 2 and sections[2].strip():
        return sections[2], value
    return sections[0], value


def format_number(value: float, number_format: str) -> str:
    """A number as Excel shows it under the common formats: 0, 0.00, #,##0, #,##0.00, 0%,
    0.0%, with literal text (원, ₩) and a section for negatives; anything else as General."""
    if number_format in ("", "General", "@"):
        return _general(value)
    section, shown = _section(number_format, value)
    section = _COLOUR_OR_CONDITION.sub("", section)
    digits = re.search(
        r"[#0?][#0?,]*(?:\.[#0?]*)?,*", _LITERAL.sub(lambda m: "~" * len(m[0]), section)
    )
    if digits is None:
        return _general(value)
    start, end = digits.span()
    pattern = digits.group()
    prefix = _LITERAL.sub(_literal, section[:start])
    suffix = _LITERAL.sub(_literal, section[end:])
    if "%" in prefix + suffix:
        shown *= 100
    # Commas after the last digit scale by a thousand each (#,##0, shows thousands).
    scaled = pattern.rstrip(",")
    shown /= 1000 ** (len(pattern) - len(scaled))
    grouped = "," in scaled
    decimals = len(scaled.split(".", 1)[1]) if "." in scaled else 0
    # Excel rounds halves away from zero (-1234.5 shows -1,235), Python's format to even.
    rounded = Decimal(repr(shown)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    if "." in scaled and "#" in scaled.split(".", 1)[1]:
        # Optional decimals (0.##) are dropped when zero.
        text = text.rstrip("0").rstrip(".") if "." in text else text
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    return f"{prefix}{text}{suffix}"


def format_date(value: dt.date | dt.datetime | dt.time) -> str:
    """A date the way Korean official documents write it: 2024. 9. 3. (with 14:30 if it
    has a time of day)."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = f"{value.year}. {value.month}. {value.day}."
    if isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def _shown(cell: Any) -> str:
    value = cell.value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return format_date(value)
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if isinstance(value, (int, float)):
        return format_number(value, cell.number_format or "General")
    return " ".join(str(value).split())


# -- XLSX ----------------------------------------------------------------------------------


def _coordinate(reference: bytes) -> tuple[int, int]:
    """(row, column), 1-based, of A1-style bytes."""
    letters = reference.rstrip(b"0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return int(reference[len(letters) :]), column


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's title → its part, from the workbook and its relationships."""
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    def read(name: str) -> Any:
        with package.open(name) as part:
            return fromstring(part.read(MB + 1))

    try:
        workbook = read("xl/workbook.xml")
        relations = read("xl/_rels/workbook.xml.rels")
    except Exception:  # a missing part, broken XML, or what defusedxml forbids
        raise ReadError("엑셀 파일(XLSX)이 손상되어 읽을 수 없습니다.") from None
    targets = {r.get("Id"): (r.get("Target") or "").lstrip("/") for r in relations}
    parts: dict[str, str] = {}
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        target = targets.get(rid, "")
        parts[sheet.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return parts


def _survey(package: zipfile.ZipFile) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged ranges of each sheet part (row, column, rows, columns; 1-based), read from the
    XML after its cells are counted — openpyxl's read-only mode does not read merges."""
    names = set(package.namelist())
    if "xl/workbook.xml" not in names:
        raise ReadError("엑셀 파일(XLSX)이 아닙니다. 통합 문서(xl/workbook.xml)가 없습니다.")
    shared = package.getinfo("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else None
    if shared is not None and shared.file_size > MAX_SHARED_STRINGS_BYTES:
        raise ReadError(
            f"엑셀 파일의 공유 문자열이 {shared.file_size / MB:,.0f}MB로 "
            f"한도 {MAX_SHARED_STRINGS_BYTES // MB}MB를 넘습니다."
        )
    merges: dict[str, list[tuple[int, int, int, int]]] = {}
    cells = 0
    for name in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        with package.open(name) as part:
            data = part.read()  # each part's size is capped by open_package
        cells += len(_CELL_TAG.findall(data))
        if cells > MAX_CELLS:
            raise ReadError(_too_many_cells())
        ranges = []
        for first, last in _MERGE.findall(data):
            (top, left), (bottom, right) = _coordinate(first), _coordinate(last)
            ranges.append((top, left, bottom - top + 1, right - left + 1))
        merges[name] = ranges
    return merges


def uncached_formulas(content: bytes) -> int:
    """How many formula cells of an XLSX have no cached value (a file written by a program
    that does not calculate, such as openpyxl): `read_xlsx` shows them empty and notes it."""
    return _uncached(open_package(content))


def _uncached(package: zipfile.ZipFile) -> int:
    count = 0
    for name in package.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        with package.open(name) as part:
            data = part.read()
        for formula in _FORMULA_TAG.finditer(data):
            end = _CELL_END.search(data, formula.end())
            stop = end.start() if end else len(data)
            if not _VALUE_TAG.search(data, formula.end(), stop):
                count += 1
    return count


def _sheet_table(
    worksheet: Any, name: str, ranges: list[tuple[int, int, int, int]], budget: _Budget
) -> Table:
    # The declared dimension may claim A1:XFD1048576; rows are then as long as they are.
    worksheet.reset_dimensions()
    spans = {(top, left): (rows, columns) for top, left, rows, columns in ranges}
    # The cells a merge covers are skipped; merges are taken into that set while their areas
    # add up to the cell cap, and those beyond it end with the sheet's content.
    covered: set[tuple[int, int]] = set()
    bottom = right = area = 0
    for top, left, rows, columns in ranges:
        area += rows * columns
        if area > MAX_CELLS:
            break
        covered.update((top + r, left + c) for r in range(rows) for c in range(columns))
        bottom, right = max(bottom, top + rows - 1), max(right, left + columns - 1)
    found: list[tuple[int, int, str]] = []
    for row in worksheet.iter_rows():
        budget.cell(len(row))  # padding to a row's last cell counts: it is work
        for cell in row:
            if cell.value is None:
                continue
            position = (cell.row, cell.column)
            if position in covered and position not in spans:
                continue
            found.append((cell.row, cell.column, budget.text(_shown(cell))))
    if not found:
        return Table([], sheet=name)
    top, left = min(r for r, _, _ in found), min(c for _, c, _ in found)
    bottom = max(bottom, max(r for r, _, _ in found))
    right = max(right, max(c for _, c, _ in found))
    cells = []
    for row, column, text in sorted(found):
        rows, columns = spans.get((row, column), (1, 1))
        # A merge reaching past the last filled cell (A1:XFD1048576) ends with the sheet's
        # content: the table is as large as what it shows.
        rows, columns = min(rows, bottom - row + 1), min(columns, right - column + 1)
        cells.append(Cell(row - top, column - left, text, rows, columns))
    return Table(cells, sheet=name, first_row=top)


def read_xlsx(content: bytes) -> Read:
    """An XLSX workbook: for each sheet, a paragraph with its name ("(숨긴 시트)" after a
    hidden one's) and a table of its cells. Formulas show their cached values; one with no
    cached value is an empty cell (see `uncached_formulas`)."""
    import openpyxl

    package = open_package(content)
    merges = _survey(package)
    parts = _sheet_parts(package)
    if len(parts) > MAX_SHEETS:
        raise ReadError(f"엑셀 파일의 시트가 한도 {MAX_SHEETS}개를 넘습니다.")
    try:
        workbook = openpyxl.load_workbook(BytesIO(content), read_only=True, data_only=True)
    except ReadError:
        raise
    except Exception:  # openpyxl raises whatever its XML and zip layers raise
        raise ReadError("엑셀 파일(XLSX)이 손상되어 읽을 수 없습니다.") from None
    budget = _Budget()
    blocks: list[Paragraph | Table] = []
    try:
        for worksheet in workbook.worksheets:
            name = worksheet.title
            hidden = worksheet.sheet_state != "visible"
            blocks.append(Paragraph(f"{name} (숨긴 시트)" if hidden else name))
            ranges = merges.get(parts.get(name, ""), [])
            blocks.append(_sheet_table(worksheet, name, ranges, budget))
    except ReadError:
        raise
    except Exception:
        raise ReadError("엑셀 파일(XLSX)이 손상되어 읽을 수 없습니다.") from None
    finally:
        workbook.close()
    notes = []
    if missing := _uncached(package):
        notes.append(
            f"값이 저장되지 않은 수식 {missing:,}개는 빈칸으로 읽었습니다. "
            "엑셀에서 한 번 계산해 저장한 파일을 올려 주세요."
        )
    return Read("xlsx", blocks, notes=notes)


# -- CSV -----------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one found the same number of times (and at least once)
    on most of the first lines; comma when none is."""
    lines = [line for line in text[:65536].splitlines()[:20] if line.strip()]
    best, score = ",", 0
    for delimiter in (",", "\t", ";"):
        counts = [line.count(delimiter) for line in lines]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        agreeing = counts.count(common) if common else 0
        if agreeing > score:
            best, score = delimiter, agreeing
    return best


def read_csv(content: bytes) -> Read:
    """A CSV (UTF-8, UTF-8 with BOM, or CP949) as one table; its delimiter guessed."""
    from .text import decode

    if len(content) > MAX_CSV_BYTES:
        raise ReadError(
            f"CSV 파일이 {len(content) / MB:,.1f}MB로 한도 {MAX_CSV_BYTES // MB}MB를 넘습니다."
        )
    text = decode(content)
    budget = _Budget()
    cells: list[Cell] = []
    try:
        for row, values in enumerate(csv.reader(StringIO(text), delimiter=_delimiter(text))):
            budget.cell(len(values))
            for column, value in enumerate(values):
                shown = " ".join(value.split())
                if shown:
                    cells.append(Cell(row, column, budget.text(shown)))
    except csv.Error as error:
        raise ReadError(f"CSV 파일을 읽을 수 없습니다 ({error}).") from None
    return Read("csv", [Table(cells)])
