"""Lists of records as staff use them: search, filters, sort, pages, CSV and XLSX.

A `Listing` names the columns once; the page, its sort links and both exports come from it,
so a column shown is a column exported.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import openpyxl
from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sijeong.core.findings import Finding, Severity
from sijeong.core.formatting import format_date, format_number, format_time

PAGE_SIZE = 25
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    """A column: its Korean label, how to read it from a record, and how to sort by it."""

    label: str
    value: Callable[[Any], Any]
    order_by: str = ""  # a queryset ordering; empty: not sortable


@dataclass
class Listing:
    name: str  # Korean: the sheet and the file name of exports
    columns: dict[str, Column]
    search: tuple[str, ...] = ()  # fields searched with icontains
    default_sort: str = ""

    def query(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """The queryset searched (q) and sorted (sort=key or -key) as the request asks."""
        # A NUL cannot be searched for (PostgreSQL refuses it in a string); nobody types one.
        text = request.GET.get("q", "").replace("\x00", "").strip()
        if text and self.search:
            condition = Q()
            for name in self.search:
                condition |= Q(**{f"{name}__icontains": text})
            queryset = queryset.filter(condition)
        key = self.sort_key(request)
        column = self.columns[key.lstrip("-")]
        fields = [f.strip() for f in column.order_by.split(",")]
        if key.startswith("-"):
            fields = [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
        return queryset.order_by(*fields, "pk")

    def sort_key(self, request: HttpRequest) -> str:
        key = request.GET.get("sort", self.default_sort)
        column = self.columns.get(key.lstrip("-"))
        return key if column is not None and column.order_by else self.default_sort

    def page(self, request: HttpRequest, queryset: QuerySet[Any]) -> Page:
        return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))

    def headers(self, request: HttpRequest) -> list[dict[str, Any]]:
        """Column headers with the link that sorts by each and the current direction."""
        current = self.sort_key(request)
        params = request.GET.copy()
        params.pop("page", None)
        headers = []
        for key, column in self.columns.items():
            entry: dict[str, Any] = {"label": column.label, "sort": None, "direction": ""}
            if column.order_by:
                ascending = current != key
                params["sort"] = key if ascending else f"-{key}"
                entry["sort"] = "?" + params.urlencode()
                if current.lstrip("-") == key:
                    entry["direction"] = "descending" if current.startswith("-") else "ascending"
            headers.append(entry)
        return headers

    def cells(self, record: Model) -> list[Any]:
        return [column.value(record) for column in self.columns.values()]

    def respond(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        template: str,
        link: Callable[[Any], tuple[str, str]],
        context: dict[str, Any] | None = None,
        flags: Callable[[list[Any]], dict[tuple[str, int | None], str]] | None = None,
    ) -> HttpResponse:
        """The list page (or its CSV or XLSX when asked) of `queryset` as the request asks.

        `link` gives a record's URL and name; `flags`, called with the page's records only
        (exports go without), the checks' word per record.
        """
        records = self.query(request, queryset)
        fmt = request.GET.get("format", "")
        if fmt in EXPORTS:
            return self.export(fmt, records, request)
        page = self.page(request, records)
        params = request.GET.copy()
        params.pop("page", None)
        words = flags(list(page.object_list)) if flags is not None else {}
        rows = []
        for record in page.object_list:
            url, name = link(record)
            flag = words.get((record._meta.label_lower, record.pk), "")
            rows.append((url, name, self.cells(record), flag))
        return render(
            request,
            template,
            {
                "page": page,
                "rows": rows,
                "headers": self.headers(request),
                "query": params.urlencode(),
                "q": request.GET.get("q", ""),
                "searchable": bool(self.search),
                **(context or {}),
            },
        )

    def export(
        self, fmt: str, queryset: QuerySet[Any], request: HttpRequest | None = None
    ) -> HttpResponse:
        """`queryset` as CSV or XLSX, every column the page shows, in the page's order."""
        labels = [c.label for c in self.columns.values()]
        rows = [self.cells(record) for record in queryset]
        content = to_csv(labels, rows) if fmt == "csv" else to_xlsx(self.name, labels, rows)
        response = HttpResponse(content, content_type=EXPORTS[fmt])
        period = export_period(request) if request is not None else ""
        stem = f"{self.name}-{period}" if period else self.name
        attach(response, f"{stem}.{fmt}", f"export-{period}.{fmt}" if period else f"export.{fmt}")
        return response


def export_period(request: HttpRequest) -> str:
    """The period a list is filtered to (`2024-09`, `2024`), else the day of the export."""
    month = request.GET.get("month", "")
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        return month
    year = request.GET.get("year", "")
    if re.fullmatch(r"\d{4}", year):
        return year
    return f"{timezone.localdate():%Y-%m-%d}"


# Characters Windows refuses in a file name, and control characters.
UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# The marker cookie a download response carries, so that the page's script (site.js) can tell
# that the file has started to arrive and end its "making it" state.
DOWNLOAD_COOKIE = "sijeong-download"


def attach(response: HttpResponse, filename: str, fallback: str, *, inline: bool = False) -> None:
    """Name the response's file `filename` (Korean allowed) for every browser.

    RFC 6266 with RFC 5987: `filename*=utf-8''…` carries the Korean name, and a plain
    `filename="…"` before it (`fallback`, ASCII) serves clients that do not read `filename*`.
    """
    name = UNSAFE_IN_FILENAME.sub("_", filename).strip() or fallback
    header = content_disposition_header(not inline, name)
    assert header is not None
    if "filename*=" in header:
        plain = UNSAFE_IN_FILENAME.sub("_", fallback).encode("ascii", "replace").decode()
        plain_header = content_disposition_header(not inline, plain.replace("?", "_"))
        assert plain_header is not None
        header = plain_header + "; " + header.split("; ", 1)[1]
    response["Content-Disposition"] = header
    response.set_cookie(DOWNLOAD_COOKIE, "1", max_age=60, samesite="Lax")


def to_csv(labels: list[str], rows: list[list[Any]]) -> str:
    """UTF-8 CSV text with a byte order mark: Excel opens a CSV as UTF-8 only with it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(labels)
    writer.writerows([_plain(value) for value in row] for row in rows)
    return "\ufeff" + out.getvalue()


def to_xlsx(name: str, labels: list[str], rows: list[list[Any]]) -> bytes:
    """A workbook of one sheet named `name`: typed cells with formats, a bold frozen header,
    columns as wide as their Hangul text."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(name)
    sheet.append(labels)
    widths = [text_width(label) for label in labels]
    for r, row in enumerate(rows, start=2):
        for i, value in enumerate(row):
            typed, number_format, text = spreadsheet_cell(value, year=_is_year(labels[i]))
            cell = sheet.cell(row=r, column=i + 1, value=typed)
            if number_format:
                cell.number_format = number_format
            widths[i] = max(widths[i], text_width(text))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    for i, width in enumerate(widths, start=1):
        # Room for the filter button beside the header; very long text is cut, not the sheet.
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 3, MAX_COLUMN_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MAX_COLUMN_WIDTH = 60
# Excel's own refusals for a sheet name: at most 31 characters, none of these.
SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str) -> str:
    """`name` as Excel allows a sheet to be called (31 characters, no []:*?/\\)."""
    title = SHEET_UNSAFE.sub(" ", name).strip().strip("'")[:31].strip().strip("'")
    return title or "목록"


def text_width(text: str) -> int:
    """The width of `text` in Excel's column units: a Hangul or other wide (full-width)
    character takes two, as it does on screen; of several lines, the longest."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
            for line in str(text).splitlines()
        ),
        default=0,
    )


def _is_year(label: str) -> bool:
    """A column of years (연도, 회계연도) prints 2024, not 2,024."""
    return label.endswith(("연도", "년도"))


# What the pages print, read back into the value it stands for: the formats of
# sijeong.core.formatting and `shown` (2024. 9. 3.(화), 2024. 9. 3. 14:30, 09:35, 1,234.5,
# 40.1 %, 3건). A number is grouped by thousands as the pages group it (no leading zero), so
# that a code such as 0012 or 20240903 stays text.
_NUMBER = r"-?(?:0|[1-9]\d{0,2}(?:,\d{3})*)(?:\.(\d+))?"
COUNTERS = ("건", "명", "회", "개", "곳", "대", "원", "천원", "백만원", "억원", "개교", "개소")
DATE_TEXT = re.compile(r"(\d{4})\. (\d{1,2})\. (\d{1,2})\.(?:\([월화수목금토일]\))?")
DATETIME_TEXT = re.compile(
    r"(\d{4})\. (\d{1,2})\. (\d{1,2})\.(?:\([월화수목금토일]\))? (\d{2}):(\d{2})"
)
TIME_TEXT = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
NUMBER_WITH = re.compile(rf"({_NUMBER})(%|{'|'.join(sorted(COUNTERS, key=len, reverse=True))})?")
DATE_FORMAT = "yyyy. m. d."
DATETIME_FORMAT = "yyyy. m. d. hh:mm"
TIME_FORMAT = "hh:mm"


def spreadsheet_cell(value: Any, *, year: bool = False) -> tuple[Any, str, str]:
    """A list's cell for a spreadsheet: (typed value, number format, text as printed).

    Numbers become numbers (`#,##0`, with as many decimals as printed; rates as `0.0%`),
    dates and times real dates and times (`yyyy. m. d.`), the rest text that cannot run as a
    formula.
    """
    if isinstance(value, bool) or value is None:
        text = str(shown(value))
        return neutralised(text) or None, "", text
    if isinstance(value, int):
        return value, "0" if year else "#,##0", str(value) if year else format_number(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value, _number_format(-min(int(value.as_tuple().exponent), 0)), format_number(value)
    if isinstance(value, float) and math.isfinite(value):
        places = 0 if value.is_integer() else len(repr(value).partition(".")[2])
        return value, _number_format(min(places, 6)), repr(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value, DATETIME_FORMAT, str(shown(value))
    if isinstance(value, datetime.date):
        return value, DATE_FORMAT, format_date(value, weekday=False)
    if isinstance(value, datetime.time):
        return value, TIME_FORMAT, format_time(value)
    text = str(shown(value))
    return (*_typed_text(text), text)


def _typed_text(text: str) -> tuple[Any, str]:
    if not text:
        return None, ""
    if match := DATE_TEXT.fullmatch(text):
        with contextlib.suppress(ValueError):
            return datetime.date(*map(int, match.groups())), DATE_FORMAT
    if match := DATETIME_TEXT.fullmatch(text):
        year, month, day, hour, minute = map(int, match.groups())
        with contextlib.suppress(ValueError):
            return datetime.datetime(year, month, day, hour, minute), DATETIME_FORMAT
    if match := TIME_TEXT.fullmatch(text):
        return datetime.time(int(match[1]), int(match[2])), TIME_FORMAT
    if match := NUMBER_WITH.fullmatch(text):
        number, places, unit = Decimal(match[1].replace(",", "")), len(match[2] or ""), match[3]
        if unit == "%":
            return number / 100, "0" + (f".{'0' * places}" if places else "") + "%"
        typed: Any = int(number) if not places else number
        return typed, _number_format(places) + (f'"{unit}"' if unit else "")
    return neutralised(text), ""


def _number_format(places: int) -> str:
    return "#,##0" + (f".{'0' * places}" if places else "")


def finding_flags(findings: list[Finding]) -> dict[tuple[str, int | None], str]:
    """Per record (model label, pk), the checks' word on it: "오류 1건 · 경고 2건"."""
    counts: dict[tuple[str, int | None], Counter[Severity]] = defaultdict(Counter)
    for finding in findings:
        counts[(finding.model, finding.object_id)][finding.severity] += 1
    order = list(Severity)
    return {
        key: " · ".join(f"{severity.label} {c[severity]}건" for severity in order if c[severity])
        for key, c in counts.items()
    }


# OWASP's advice on CSV injection: text that starts like a formula gets a leading ' so that a
# spreadsheet shows it as text instead of running it. Fullwidth signs, which Korean input
# methods type easily, are included: some spreadsheets read them as formulas too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A signed number written as text ("-5", "-1,234.5") cannot be a formula and stays as it is.
NUMBER_TEXT = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


def _plain(value: Any) -> Any:
    """A cell for a spreadsheet: numbers stay numbers, everything else as a person reads it."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return neutralised(str(shown(value)))


def neutralised(text: str) -> str:
    """`text` as a spreadsheet will show it rather than evaluate it."""
    if text.startswith(FORMULA_START) and not NUMBER_TEXT.fullmatch(text):
        return "'" + text
    return text


def shown(value: Any) -> Any:
    """A field value as a person reads it in a list or on a record's page."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "예" if value else "아니요"
    if isinstance(value, datetime.datetime):
        # A moment is stored in UTC; people read it in the office's time (TIME_ZONE, KST).
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y. %-m. %-d. %H:%M")
    if isinstance(value, datetime.date):
        return format_date(value, weekday=False)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal) or (isinstance(value, int) and abs(value) >= 10_000):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return value
