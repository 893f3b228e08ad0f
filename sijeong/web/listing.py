"""Lists of records as staff use them: search, filters, sort, pages, CSV and XLSX.

A `Listing` names the columns once; the page, its sort links and both exports come from it,
so a column shown is a column exported.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tablib
from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from sijeong.core.findings import Finding, Severity
from sijeong.core.formatting import format_date, format_number

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
    name: str  # the file name of exports
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
        flags: Callable[[], dict[tuple[str, int | None], str]] | None = None,
    ) -> HttpResponse:
        """The list page (or its CSV or XLSX when asked) of `queryset` as the request asks.

        `link` gives a record's URL and name; `flags`, called for the page only (exports go
        without), the checks' word per record.
        """
        records = self.query(request, queryset)
        fmt = request.GET.get("format", "")
        if fmt in EXPORTS:
            return self.export(fmt, records)
        page = self.page(request, records)
        params = request.GET.copy()
        params.pop("page", None)
        words = flags() if flags is not None else {}
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

    def export(self, fmt: str, queryset: QuerySet[Any]) -> HttpResponse:
        data = tablib.Dataset(headers=[c.label for c in self.columns.values()])
        for record in queryset:
            data.append([_plain(value) for value in self.cells(record)])
        content = data.export(fmt)
        if fmt == "csv":
            # Excel opens a CSV as UTF-8 only when it starts with a byte order mark.
            content = "\ufeff" + content
        response = HttpResponse(content, content_type=EXPORTS[fmt])
        response["Content-Disposition"] = content_disposition_header(True, f"{self.name}.{fmt}")
        return response


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
