"""The 검산 page: any signed-in person uploads a document and sees each finding at its line."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sijeong.core.testing import logged_in

pytestmark = pytest.mark.django_db
WRONG = "구분\t예산액\t집행액\n계\t1,300\t600\n본청\t1,000\t500\n사업소\t200\t100\n"


def upload(client, text: str, **extra: str):
    file = SimpleUploadedFile("budget.txt", text.encode("utf-8"), content_type="text/plain")
    return client.post(reverse("checking:check"), {"file": file, **extra})


def test_the_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("checking:check"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post(reverse("checking:csv"), {"findings": "[]"})
    assert response.status_code == 302


def test_a_viewer_sees_the_finding_at_its_line(dave):
    response = upload(logged_in(dave), WRONG)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#line-2">2행</a>' in page
    line = re.search(r'<li id="line-2"[^>]*>.*?</li>\s*</ul>', page, re.S)
    assert line is not None
    assert 'aria-describedby="notes-2"' in line.group()
    assert "[오류]" in line.group()  # the severity in words, not by colour alone
    assert "1,000 + 200 = 1,200 (적힌 계 1,300)" in line.group()


def test_the_page_keeps_to_the_content_security_policy(dave):
    response = upload(logged_in(dave), WRONG)
    page = response.content.decode()
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    nonce = re.search(r"<style nonce=\"([^\"]+)\">", page)
    assert nonce and nonce.group(1) in response["Content-Security-Policy"]


def test_the_findings_download_as_csv_with_formulas_neutralised(dave):
    client = logged_in(dave)
    response = upload(client, WRONG, **{"as": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["행", "위치", "심각도", "코드", "내용", "값"]
    assert rows[1][:4] == ["2", "", "오류", "total-mismatch"]
    forged = (
        '[{"line": 1, "severity": "경고", "code": "=HYPERLINK(1)", "message": "=1+2", '
        '"values": [1], "place": "=cmd|x"}]'
    )
    response = client.post(reverse("checking:csv"), {"findings": forged, "filename": "a.txt"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'=cmd|x"
    assert rows[1][3:5] == ["'=HYPERLINK(1)", "'=1+2"]
    assert client.post(reverse("checking:csv"), {"findings": "[{}]"}).status_code == 400


def test_the_result_page_offers_its_findings_for_download(dave):
    page = upload(logged_in(dave), WRONG).content.decode()
    assert f'action="{reverse("checking:csv")}"' in page
    assert "total-mismatch" in page


def test_an_unreadable_file_is_refused_with_the_reason(dave):
    file = SimpleUploadedFile("old.hwp", b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    response = logged_in(dave).post(reverse("checking:check"), {"file": file})
    assert response.status_code == 200
    assert "한글(HWP) 문서가 아니거나 손상된 파일입니다." in response.content.decode()


def test_nothing_is_stored(dave):
    client = logged_in(dave)
    with CaptureQueriesContext(connection) as queries:
        upload(client, WRONG)
    # Reads of the session and the user (in a transaction on PostgreSQL), nothing written.
    written = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert written == [] and len(queries) <= 5
