"""Reading XLSX and CSV: workbooks made here with openpyxl (a formula's cached value written
into the sheet XML, as a calculating program saves it), cells as displayed, and refusals of
bombs with their caps."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import openpyxl
import pytest

from sijeong.documents.reading.model import Paragraph, ReadError, Table
from sijeong.documents.reading.sheets import (
    format_number,
    read_csv,
    read_xlsx,
    uncached_formulas,
)
from sijeong.documents.tests.bounded import within_bounds


def saved(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def replaced(content: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """A copy of a package with one part's bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                assert old in data
                data = data.replace(old, new)
            target.writestr(item.filename, data)
    return out.getvalue()


def budget_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "예산"
    sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"] = "사업명", "예산액", "집행률", "기준일"
    sheet["B3"], sheet["C3"], sheet["D3"] = "청년 일자리", 1234567, 0.1234
    sheet["C3"].number_format, sheet["D3"].number_format = "#,##0", "0.0%"
    sheet["E3"] = dt.date(2024, 9, 3)
    sheet["B4"], sheet["C4"], sheet["D4"] = "어르신 돌봄", 1234.5, -5
    sheet["C4"].number_format, sheet["D4"].number_format = "#,##0.00", "#,##0_);(#,##0)"
    sheet["B5"] = "합계"
    sheet.merge_cells("B5:C5")
    sheet["D5"] = "=C3+C4"
    sheet["B6"] = "비고"
    sheet.merge_cells("B6:B7")
    hidden = workbook.create_sheet("작업용")
    hidden["A1"] = "내부 메모"
    hidden.sheet_state = "hidden"
    return saved(workbook)


def cell_texts(table: Table) -> dict[tuple[int, int], str]:
    return {(c.row, c.column): c.text for c in table.cells}


def test_each_sheet_is_its_name_then_its_table():
    read = read_xlsx(budget_workbook())
    assert read.format == "xlsx"
    kinds = [type(b).__name__ for b in read.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table"]
    assert read.blocks[0] == Paragraph("예산")
    assert read.blocks[1].sheet == "예산"
    assert read.blocks[2] == Paragraph("작업용 (숨긴 시트)")
    assert read.blocks[3].grid() == [["내부 메모"]]


def test_cells_are_shown_as_formatted_and_start_at_the_first_filled_cell():
    table = read_xlsx(budget_workbook()).blocks[1]
    assert table.grid()[:3] == [
        ["사업명", "예산액", "집행률", "기준일"],
        ["청년 일자리", "1,234,567", "12.3%", "2024. 9. 3."],
        ["어르신 돌봄", "1,234.50", "(5)", ""],
    ]


def test_merged_cells_are_spans_on_their_first_cell():
    table = read_xlsx(budget_workbook()).blocks[1]
    merged = {(c.row, c.column): (c.row_span, c.column_span) for c in table.cells}
    assert merged[(3, 0)] == (1, 2)  # 합계 across B5:C5
    assert merged[(4, 0)] == (2, 1)  # 비고 down B6:B7
    assert table.height == 6


def test_a_formula_shows_its_cached_value():
    content = replaced(
        budget_workbook(), "xl/worksheets/sheet1.xml", b"<v></v>", b"<v>1235801.5</v>"
    )
    table = read_xlsx(content).blocks[1]
    assert cell_texts(table)[(3, 2)] == "1235801.5"
    assert uncached_formulas(content) == 0


def test_a_formula_without_a_cached_value_is_empty_and_counted():
    content = budget_workbook()
    table = read_xlsx(content).blocks[1]
    assert (3, 2) not in cell_texts(table)
    assert uncached_formulas(content) == 1


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1234, "#,##0", "1,234"),
        (0.123, "0.0%", "12.3%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (-1234.5, "#,##0", "-1,235"),
        (-1234, "#,##0;[Red]-#,##0", "-1,234"),
        (-1234, "#,##0_);(#,##0)", "(1,234)"),
        (5000, '#,##0"원"', "5,000원"),
        (5000, '"₩"#,##0', "₩5,000"),
        (1234567, "#,##0,", "1,235"),
        (0.5, "0%", "50%"),
        (2.0, "General", "2"),
        (0.1 + 0.2, "General", "0.3"),
        (3.14159, "0.00", "3.14"),
        (7, "0.##", "7"),
        (42, "mystery-format", "42"),
    ],
)
def test_number_formats(value, number_format, shown):
    assert format_number(value, number_format) == shown


# -- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", "\t"),
        ("cp949", ";"),
    ],
)
def test_a_csv_is_one_table_whatever_its_encoding_and_delimiter(encoded, delimiter):
    text = delimiter.join(["부서", "예산", "비고"]) + "\n"
    text += delimiter.join(["총무과", '"1,200"', '"쉼표, 포함"']) + "\n"
    read = read_csv(text.encode(encoded))
    assert read.format == "csv"
    [table] = read.blocks
    assert table.grid() == [["부서", "예산", "비고"], ["총무과", "1,200", "쉼표, 포함"]]


def test_a_csv_that_is_not_text_is_refused():
    with pytest.raises(ReadError, match="텍스트 파일이 아닙니다"):
        read_csv(b"\x00\x01\x02" * 100)


def test_a_csv_past_the_cell_cap_is_refused():
    with pytest.raises(ReadError, match="200,000개"):
        read_csv(b"1,2,3,4,5\n" * 50_000)


# -- Bounded work ----------------------------------------------------------------------------


def sheet_xml(rows: bytes, dimension: bytes = b"A1") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="' + dimension + b'"/><sheetData>' + rows + b"</sheetData></worksheet>"
    )


def with_sheet(rows: bytes, dimension: bytes = b"A1", merges: bytes = b"") -> bytes:
    template = saved(openpyxl.Workbook())
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml(rows, dimension).replace(b"</worksheet>", merges + b"</worksheet>")
            target.writestr(item.filename, data)
    return out.getvalue()


def test_a_million_cells_are_refused_before_parsing():
    # Values varied enough that the zip's ratio check passes and the cell count is what stops it.
    cells = b"".join(b"<c><v>%d</v></c>" % (i * 7919 % 1_000_003) for i in range(1_000_000))
    content = with_sheet(b"<row>" + cells + b"</row>")
    result, seconds, grown = within_bounds(read_xlsx, content)
    assert isinstance(result, ReadError)
    assert "200,000개" in str(result)
    assert seconds < 5 and grown < 300


def test_a_sheet_claiming_the_whole_grid_costs_only_its_cells():
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>제목</t></is></c></row>'.encode()
    rows += b'<row r="3"><c r="B3"><v>7</v></c></row>'
    merges = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    content = with_sheet(rows, dimension=b"A1:XFD1048576", merges=merges)
    result, seconds, grown = within_bounds(read_xlsx, content)
    assert not isinstance(result, ReadError), result
    table = result.blocks[1]
    assert (table.height, table.width) == (3, 2)
    assert seconds < 1 and grown < 100


def test_a_row_reaching_the_last_column_counts_its_width():
    rows = b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (i, i) for i in range(1, 20))
    result, seconds, _ = within_bounds(read_xlsx, with_sheet(rows))
    assert isinstance(result, ReadError) and "200,000개" in str(result)
    assert seconds < 5


def test_a_zip_bomb_is_refused_from_its_directory():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b" " * (200 * 1024 * 1024))
    result, seconds, grown = within_bounds(read_xlsx, out.getvalue())
    assert isinstance(result, ReadError)
    assert "한도" in str(result) and "HWPX" not in str(result)
    assert seconds < 5 and grown < 300


def test_huge_shared_strings_are_refused():
    template = saved(openpyxl.Workbook())
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    strings = b"<sst><si><t>" + os.urandom(9 * 1024 * 1024).hex().encode() + b"</t></si></sst>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("xl/sharedStrings.xml", strings)
    with pytest.raises(ReadError, match="공유 문자열"):
        read_xlsx(out.getvalue())


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ReadError):
        read_xlsx(b"not a zip at all")
