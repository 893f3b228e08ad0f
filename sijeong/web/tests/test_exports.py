"""Exports are spreadsheets: typed cells with formats, a Korean sheet and file name, what the
list shows; and they cannot carry live formulas (OWASP CSV injection)."""

from __future__ import annotations

import csv
import datetime
import email.message
import io
import urllib.parse
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from sijeong.core.testing import logged_in
from sijeong.press.models import MediaEngagement
from sijeong.web.listing import Column, Listing, sheet_title, text_width

HOSTILE = '=HYPERLINK("http://x","클릭")'


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_sheet(content: bytes) -> Any:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return sheet


def xlsx_rows(content: bytes) -> list[list[Any]]:
    return [list(row) for row in xlsx_sheet(content).iter_rows(min_row=2)]


def download_name(response: Any) -> str:
    """The file name a browser takes from Content-Disposition: `filename*` (RFC 6266 4.3)."""
    params = dict(
        part.strip().split("=", 1) for part in response["Content-Disposition"].split(";")[1:]
    )
    charset, _, quoted = params["filename*"].partition("''")
    assert charset.lower() == "utf-8"
    return urllib.parse.unquote(quoted, errors="strict")


def fallback_name(response: Any) -> str:
    """The file name of a client that reads only `filename`."""
    message = email.message.Message()
    message["Content-Disposition"] = response["Content-Disposition"].split("; filename*=")[0]
    name = message.get_filename()
    assert name is not None and name.isascii()
    return name


@pytest.mark.django_db
def test_a_title_that_is_a_formula_is_exported_as_text(seed_people):
    department = seed_people["viewer"].department
    MediaEngagement.objects.create(
        office=department.office,
        department=department,
        kind=MediaEngagement.Kind.BRIEFING,
        date=datetime.date(2024, 8, 30),
        title=HOSTILE,
    )
    client = logged_in(seed_people["viewer"])
    url = reverse("web:records", args=["media"]) + "?q=HYPERLINK"

    [row] = csv_rows(client.get(url + "&format=csv").content)[1:]
    assert row[2] == "'" + HOSTILE

    [row] = xlsx_rows(client.get(url + "&format=xlsx").content)
    title = row[2]
    assert title.data_type != "f"
    assert isinstance(title.value, str) and title.value == "'" + HOSTILE


LISTING = Listing(
    name="시험",
    columns={"value": Column("값", lambda record: record.value)},
)

CELLS = [
    ("=1+2", "'=1+2"),
    ("+1+2", "'+1+2"),
    ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("＝1+2", "'＝1+2"),  # fullwidth, which some spreadsheets read as "="
    ("－1+2", "'－1+2"),
    ("+82-2-120", "'+82-2-120"),
    ("일정 = 회의", "일정 = 회의"),
]


@pytest.mark.parametrize(("typed", "exported"), CELLS)
def test_formula_leading_text_is_neutralised_in_csv(typed, exported):
    response = LISTING.export("csv", [SimpleNamespace(value=typed)])  # type: ignore[arg-type]
    assert csv_rows(response.content)[1] == [exported]


@pytest.mark.parametrize(("typed", "exported"), CELLS)
def test_formula_leading_text_is_neutralised_in_xlsx(typed, exported):
    response = LISTING.export("xlsx", [SimpleNamespace(value=typed)])  # type: ignore[arg-type]
    [[cell]] = xlsx_rows(response.content)
    assert cell.data_type == "s" and cell.value == exported


@pytest.mark.parametrize(("typed", "value"), [("-5", -5), ("-1,234.5", Decimal("-1234.5"))])
def test_a_number_written_as_text_is_no_formula_but_a_number(typed, value):
    response = LISTING.export("csv", [SimpleNamespace(value=typed)])  # type: ignore[arg-type]
    assert csv_rows(response.content)[1] == [typed]
    response = LISTING.export("xlsx", [SimpleNamespace(value=typed)])  # type: ignore[arg-type]
    [[cell]] = xlsx_rows(response.content)
    assert cell.data_type == "n" and cell.value == value


def test_numbers_stay_numbers():
    records = [SimpleNamespace(value=v) for v in (-5, 3, -2.5)]
    response = LISTING.export("xlsx", records)  # type: ignore[arg-type]
    assert [(c.value, c.data_type) for [c] in xlsx_rows(response.content)] == [
        (-5, "n"),
        (3, "n"),
        (-2.5, "n"),
    ]
    response = LISTING.export("csv", records)  # type: ignore[arg-type]
    assert csv_rows(response.content)[1:] == [["-5"], ["3"], ["-2.5"]]


def test_hangul_and_full_width_characters_count_twice():
    assert text_width("") == 0
    assert text_width("PDF") == 3
    assert text_width("일정") == 4
    assert text_width("담당 부서") == 9
    assert text_width("ＡＢ１") == 6  # full-width Latin and digits
    assert text_width("2024. 9. 3.") == 11
    assert text_width("짧은 줄\n조금 더 긴 줄") == 13  # the longest line


def test_a_sheet_name_is_what_excel_allows():
    assert sheet_title("일정") == "일정"
    assert sheet_title("조직/예산: [2024]*?") == "조직 예산   2024"
    assert len(sheet_title("가" * 40)) == 31
    assert sheet_title("[]") == "목록"


TYPED = Listing(
    name="집행 내역",
    columns={
        "date": Column("날짜", lambda r: r.date),
        "amount": Column("금액(원)", lambda r: r.amount),
        "year": Column("회계연도", lambda r: r.year),
        "subject": Column("세부사업명", lambda r: r.subject),
    },
)


def test_a_spreadsheet_has_a_bold_frozen_header_and_columns_as_wide_as_their_hangul():
    records = [
        SimpleNamespace(
            date=datetime.date(2024, 8, 31),
            amount=97_993_000,
            year=2024,
            subject="기관운영업무추진비",
        ),
        SimpleNamespace(date=datetime.date(2024, 7, 1), amount=5, year=2024, subject="x"),
    ]
    sheet = xlsx_sheet(TYPED.export("xlsx", records).content)  # type: ignore[arg-type]
    assert sheet.title == "집행 내역"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["날짜", "금액(원)", "회계연도", "세부사업명"]
    assert all(c.font.bold for c in sheet[1]) and not sheet["D2"].font.bold
    [[date, amount, year, subject], _] = xlsx_rows(TYPED.export("xlsx", records).content)  # type: ignore[arg-type]
    assert date.value == datetime.datetime(2024, 8, 31) and date.number_format == "yyyy. m. d."
    assert amount.value == 97_993_000 and amount.number_format == "#,##0"
    assert year.value == 2024 and year.number_format == "0"  # 2024, not 2,024
    assert subject.value == "기관운영업무추진비"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    # 9 Hangul are 18 units: the column holds them (and the header's filter button).
    assert widths["D"] >= 18 and widths["D"] > widths["A"]
    assert widths["A"] >= len("2024. 8. 31.")


SHOWN = Listing(name="시험", columns={"value": Column("값", lambda record: record.value)})


@pytest.mark.parametrize(
    ("printed", "value", "number_format"),
    [
        # What sijeong.core.formatting prints, read back into what it stands for.
        ("2024. 8. 6.(화)", datetime.datetime(2024, 8, 6), "yyyy. m. d."),
        ("2024. 8. 6.", datetime.datetime(2024, 8, 6), "yyyy. m. d."),
        ("2024. 9. 3. 14:30", datetime.datetime(2024, 9, 3, 14, 30), "yyyy. m. d. hh:mm"),
        ("09:35", datetime.time(9, 35), "hh:mm"),
        ("357,200", 357_200, "#,##0"),
        ("6.8", 6.8, "#,##0.0"),
        ("40.1%", 0.401, "0.0%"),
        ("97%", 0.97, "0%"),
        ("3건", 3, '#,##0"건"'),
        ("1,200명", 1200, '#,##0"명"'),
    ],
)
def test_printed_numbers_and_dates_become_typed_cells(printed, value, number_format):
    [[cell]] = xlsx_rows(SHOWN.export("xlsx", [SimpleNamespace(value=printed)]).content)  # type: ignore[arg-type]
    expected = pytest.approx(value) if isinstance(value, float) else value
    assert cell.value == expected and cell.number_format == number_format
    assert cell.data_type in ("n", "d")


@pytest.mark.parametrize(
    "text",
    [
        "20240903",
        "0012",
        "2024. 2. 30.",
        "11:10~12:00",
        "25:00",
        "1,23",
        "3일차",
        "예",
        "1.2.3",
    ],
)
def test_codes_and_other_text_stay_text(text):
    [[cell]] = xlsx_rows(SHOWN.export("xlsx", [SimpleNamespace(value=text)]).content)  # type: ignore[arg-type]
    assert cell.value == text
    assert not isinstance(cell.value, (int, float, datetime.date, datetime.time))


def test_a_time_zone_aware_moment_is_written_in_seoul_time():
    moment = datetime.datetime(2024, 9, 3, 5, 30, tzinfo=datetime.UTC)
    [[cell]] = xlsx_rows(SHOWN.export("xlsx", [SimpleNamespace(value=moment)]).content)  # type: ignore[arg-type]
    assert cell.value == datetime.datetime(2024, 9, 3, 14, 30)


@pytest.mark.django_db
def test_the_budget_export_sums_in_excel_and_keeps_the_list_order(seed_people):
    client = logged_in(seed_people["viewer"])
    url = reverse("web:records", args=["expenditures"]) + "?sort=amount"
    response = client.get(url + "&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = xlsx_sheet(response.content)
    assert sheet.title == "집행 내역"
    assert sheet.freeze_panes == "A2"
    rows = xlsx_rows(response.content)
    dates = [row[0] for row in rows]
    amounts = [row[2] for row in rows]
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in amounts)
    assert [c.value for c in amounts] == [45_420_000, 97_993_000]  # sorted as asked
    assert sum(c.value for c in amounts) == 143_413_000
    assert all(isinstance(c.value, datetime.datetime) for c in dates)
    assert dates[0].value == datetime.datetime(2024, 8, 31)
    assert dates[0].number_format == "yyyy. m. d."

    # The CSV is the same list as the page prints it, with its byte order mark.
    content = client.get(url + "&format=csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    assert [row[2] for row in csv_rows(content)[1:]] == ["45,420,000", "97,993,000"]


@pytest.mark.django_db
def test_the_schedule_export_is_the_filtered_list_with_real_dates_and_times(seed_people):
    client = logged_in(seed_people["viewer"])
    url = reverse("schedule:list") + "?q=&kind=field_visit&sort=date"
    page_rows = client.get(url).context["rows"]
    response = client.get(url + "&format=xlsx")
    sheet = xlsx_sheet(response.content)
    assert sheet.title == "일정"
    assert [c.value for c in sheet[1]][:3] == ["날짜", "시각", "일정명"]
    rows = xlsx_rows(response.content)
    assert 1 < len(rows) <= 25  # one page: the page's rows are all the rows
    assert [row[2].value for row in rows] == [name for _, name, _, _ in page_rows]
    first = rows[0]
    assert isinstance(first[0].value, datetime.datetime) and first[0].number_format == "yyyy. m. d."
    assert [row[0].value for row in rows] == sorted(row[0].value for row in rows)
    assert any(isinstance(row[1].value, datetime.time) for row in rows)
    assert {row[3].value for row in rows} == {"현장방문"}


@pytest.mark.django_db
def test_a_list_export_is_named_in_korean_with_its_period(seed_people):
    client = logged_in(seed_people["viewer"])
    response = client.get(reverse("schedule:list") + "?month=2024-09&format=xlsx")
    assert download_name(response) == "일정-2024-09.xlsx"
    assert fallback_name(response) == "export-2024-09.xlsx"
    assert response["Content-Disposition"] == (
        'attachment; filename="export-2024-09.xlsx"; '
        "filename*=utf-8''%EC%9D%BC%EC%A0%95-2024-09.xlsx"
    )
    assert response.cookies["sijeong-download"].value == "1"  # for site.js: it has started

    response = client.get(reverse("web:records", args=["media"]) + "?format=csv")
    # Without a period in the filters, the day of the export.
    assert download_name(response) == f"언론 활동-{timezone.localdate():%Y-%m-%d}.csv"
