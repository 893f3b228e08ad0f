"""Exports cannot carry live formulas (OWASP CSV injection) and keep numbers as numbers."""

from __future__ import annotations

import csv
import datetime
import io
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.press.models import MediaEngagement
from sijeong.web.listing import Column, Listing

HOSTILE = '=HYPERLINK("http://x","클릭")'


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content: bytes) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(min_row=2)]


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
    ("-5", "-5"),  # a number written as text is no formula
    ("-1,234.5", "-1,234.5"),
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
