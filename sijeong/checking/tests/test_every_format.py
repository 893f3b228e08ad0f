"""Every door takes every format: the 검산 page, `check_document`, the 가져오기 page and
`import_report` read HWP, PDF and XLSX files as issuers publish them, and a finding says the
page or the sheet and row it is on."""

import io
import json
import subprocess
import sys

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.ingest.models import ImportedDocument

from .test_binary_corpus import BINARY

ROOT = BINARY.parents[2]
HWP = BINARY / "104_moel-org-staff-budget-2025.hwp"
PDF = BINARY / "114_assembly-env-labour-review-2125318.pdf"


def budget_workbook() -> bytes:
    """A budget table a council receives as XLSX, below a title, whose 합계 is 100 too much."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "세출예산"
    sheet["B2"] = "(단위: 천원)"
    rows = [
        ["구분", "예산액", "집행액"],
        ["합계", 357_300, 143_413],
        ["기관운영업무추진비", 277_200, 97_993],
        ["시책추진업무추진비", 80_000, 45_420],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(row=r, column=c, value=value).number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check_page(client, name: str, content: bytes) -> str:
    response = client.post(reverse("checking:check"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    return response.content.decode()


def test_the_check_page_finds_a_wrong_total_in_a_sheet_at_its_row(dave):
    page = check_page(logged_in(dave), "budget.xlsx", budget_workbook())
    assert "277,200 + 80,000 = 357,200 (적힌 합계 357,300)" in page
    assert "&#x27;세출예산&#x27; 시트 4행" in page  # the 합계 row is the sheet's fourth
    assert 'class="part"' in page and 'class="cells"' in page


def test_the_check_page_reads_hwp_and_pdf_page_by_page(dave):
    client = logged_in(dave)
    hwp = check_page(client, HWP.name, HWP.read_bytes())
    assert "예산 현황" in hwp and "표 2개" in hwp and 'role="alert"' not in hwp
    pdf = check_page(client, PDF.name, PDF.read_bytes())
    assert '<li class="part" aria-hidden="true">2쪽</li>' in pdf
    assert "표 2개" in pdf and 'role="alert"' not in pdf


def test_the_command_reads_every_format_in_its_own_process(tmp_path):
    workbook = tmp_path / "budget.xlsx"
    workbook.write_bytes(budget_workbook())
    for path in (HWP, PDF, workbook):
        done = subprocess.run(
            [sys.executable, "manage.py", "check_document", str(path), "--json"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        findings = json.loads(done.stdout)
        if path == workbook:
            assert [(f["code"], f["place"]) for f in findings] == [
                ("total-mismatch", "'세출예산' 시트 4행")
            ]


@pytest.mark.parametrize("path", [HWP, PDF], ids=["hwp", "pdf"])
def test_the_import_page_previews_hwp_and_pdf(bob, path):
    client = logged_in(bob)
    response = client.post(
        reverse("ingest:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    document = ImportedDocument.objects.get()
    assert document.format == path.suffix.lstrip(".")
    page = client.get(response.url).content.decode()
    assert "Traceback" not in page and path.name in page


def test_a_formula_saved_without_its_value_is_said_on_every_door(dave, bob):
    """openpyxl saves formulas without their values: read as empty cells, and said so."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["구분", "예산액"])
    sheet.append(["가", 100])
    sheet.append(["계", "=SUM(B2:B2)"])
    out = io.BytesIO()
    book.save(out)
    note = "값이 저장되지 않은 수식 1개는 빈칸으로 읽었습니다."
    assert note in check_page(logged_in(dave), "sum.xlsx", out.getvalue())
    client = logged_in(bob)
    upload = SimpleUploadedFile("sum.xlsx", out.getvalue())
    response = client.post(reverse("ingest:upload"), {"file": upload})
    assert note in client.get(response.url).content.decode()
