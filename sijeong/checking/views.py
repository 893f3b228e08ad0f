"""The 검산 page: upload a document, see its lines with each finding at its line, download the
findings as CSV. Any signed-in person may check a document; nothing is stored."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from sijeong.documents.reading import ACCEPT, ReadError
from sijeong.web.listing import attach, neutralised

from .document import Checked, check_file
from .findings import Finding
from .forms import DocumentForm

CSV_HEADER = ["행", "위치", "심각도", "코드", "내용", "값"]
SEVERITIES = {"오류", "경고", "참고"}


@login_required
def check_page(request: HttpRequest) -> HttpResponse:
    bound = request.method == "POST"
    form = DocumentForm(request.POST if bound else None, request.FILES if bound else None)
    context: dict[str, Any] = {"form": form, "accept": ACCEPT}
    if bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = check_file(upload.read(), upload.name or "")
        except ReadError as error:
            form.add_error("file", str(error))
        else:
            rows = [{**f.as_dict(), "place": checked.where(f.line)} for f in checked.findings]
            if request.POST.get("as") == "csv":
                return _csv(rows, upload.name or "document")
            at_line: dict[int, list[Finding]] = defaultdict(list)
            for finding in checked.findings:
                at_line[finding.line].append(finding)
            context.update(
                filename=upload.name,
                checked=checked,
                lines=_shown(checked, at_line),
                findings=[(f, checked.where(f.line)) for f in checked.findings],
                warnings=checked.warnings,
                counts={
                    label: sum(1 for f in checked.findings if f.severity.label == label)
                    for label in ("오류", "경고", "참고")
                },
                findings_json=json.dumps(rows, ensure_ascii=False),
            )
    return render(request, "checking/check.html", context)


def _shown(checked: Checked, at_line: dict[int, list[Finding]]) -> list[dict[str, Any]]:
    """The document as it was read: each line with its findings, the page (or sheet) it
    starts when it is the first line of one, and a table row's cells."""
    shown, previous = [], ""
    for line in checked.lines:
        start = checked.part(line.number)
        shown.append(
            {
                "line": line,
                "notes": at_line.get(line.number, []),
                "starts": start if start != previous else "",
                "cells": line.text.split("\t") if "\t" in line.text else None,
            }
        )
        previous = start or previous
    return shown


def _csv(rows: list[dict[str, Any]], filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                row["line"],
                neutralised(str(row.get("place", ""))),
                neutralised(str(row["severity"])),
                neutralised(str(row["code"])),
                neutralised(str(row["message"])),
                neutralised(" ".join(str(v) for v in row["values"])),
            ]
        )
    # Excel opens a CSV as UTF-8 only when it starts with a byte order mark.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    stem = filename.rsplit(".", 1)[0] or "document"
    attach(response, f"{stem}-검산.csv", "check.csv")
    return response


def _valid(rows: Any) -> list[dict[str, Any]] | None:
    if not isinstance(rows, list):
        return None
    clean = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("line"), int):
            return None
        if row.get("severity") not in SEVERITIES or not isinstance(row.get("message"), str):
            return None
        values = row.get("values")
        if not isinstance(values, list) or not all(isinstance(v, int | float) for v in values):
            return None
        place = row.get("place", "")
        clean.append({**row, "code": str(row.get("code", "")), "place": str(place)[:100]})
    return clean


@login_required
@require_POST
def findings_csv(request: HttpRequest) -> HttpResponse:
    """The findings of the page just shown, sent back by its download button, as CSV."""
    try:
        rows = _valid(json.loads(request.POST.get("findings", "")))
    except ValueError:
        rows = None
    if rows is None:
        return HttpResponse(
            "검산 결과를 읽을 수 없습니다. 파일을 다시 올려 주세요.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return _csv(rows, request.POST.get("filename", "document")[:200])
