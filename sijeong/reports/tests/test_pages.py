"""The report pages: who sees them, the on-screen view, downloads, finalising."""

import subprocess
from typing import Any
from urllib.parse import quote, unquote

import pytest
from django.test import Client
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.reports.models import Report

SLUG = "secretariat-2024-09"


@pytest.fixture
def report(seeded):
    return Report.objects.get(slug=SLUG)


# The seed office's own people: a report is read only in its office.
@pytest.fixture
def dave(seed_people):
    return seed_people["viewer"]


@pytest.fixture
def bob(seed_people):
    return seed_people["editor"]


@pytest.fixture
def alice(seed_people):
    return seed_people["admin"]


def test_anonymous_visitors_are_sent_to_the_login_page(report):
    for url in (
        reverse("reports:list"),
        reverse("reports:detail", args=[SLUG]),
        reverse("reports:download", args=[SLUG, "md"]),
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_login_page_is_korean(db):
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert "아이디" in response.content.decode() and "비밀번호" in response.content.decode()


def test_a_viewer_reads_the_report_with_its_provenance(report, dave):
    client = logged_in(dave)
    assert SLUG in client.get(reverse("reports:list")).content.decode()
    page = client.get(reverse("reports:detail", args=[SLUG])).content.decode()
    assert "143,413" in page and "40.1%" in page
    assert 'tabindex="0"' in page and "출처" in page
    assert "확정하기" not in page  # only 관리자 finalise


def test_a_viewer_downloads_markdown_and_html(report, dave):
    client = logged_in(dave)
    md = client.get(reverse("reports:download", args=[SLUG, "md"]))
    assert md.status_code == 200
    # Title, month of issue, office and that it is a draft; the slug for clients that cannot
    # read filename*.
    assert md["Content-Disposition"] == (
        f'attachment; filename="{SLUG}.md"; '
        "filename*=utf-8''" + quote("주요업무보고_2024-09_시장비서실_검토용.md")
    )
    assert "357,200" in md.content.decode()
    html = client.get(reverse("reports:download", args=[SLUG, "html"]))
    assert html.content.decode().startswith("<!DOCTYPE html>")
    assert html["Content-Disposition"].startswith(f'inline; filename="{SLUG}.html"; filename*=')


def test_a_pdf_download_is_named_in_korean(report, dave):
    response = logged_in(dave).get(reverse("reports:download", args=[SLUG, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    quoted = disposition.split("; filename*=utf-8''", 1)[1]
    assert unquote(quoted, errors="strict") == "주요업무보고_2024-09_시장비서실_검토용.pdf"
    assert response.cookies["sijeong-download"].value == "1"  # site.js: the file has started


def test_an_unknown_format_is_not_found(report, dave):
    assert logged_in(dave).get(reverse("reports:download", args=[SLUG, "exe"])).status_code == 404


def test_only_an_admin_finalises(report, bob, alice):
    url = reverse("reports:finalise", args=[SLUG])
    assert logged_in(bob).post(url).status_code == 403
    client = logged_in(alice)
    page = client.get(reverse("reports:detail", args=[SLUG])).content.decode()
    assert "확인이 필요한 곳 1건" in page and 'name="reason-0"' in page
    refused = client.post(url, follow=True).content.decode()
    assert "사유가 없습니다" in refused
    report.refresh_from_db()
    assert not report.is_final
    response = client.post(url, {"reason-0": "원문 표기 그대로 보고"}, follow=True)
    assert "보고서를 확정했습니다" in response.content.decode()
    assert "원문 표기 그대로 보고" in response.content.decode()
    report.refresh_from_db()
    assert report.is_final and report.finalised_by == alice


def test_the_report_list_sorts_and_exports(report, dave):
    client = logged_in(dave)
    page = client.get(reverse("reports:list"), {"sort": "as_of"}).content.decode()
    assert 'aria-sort="ascending"' in page and "주요업무보고 (2024. 9.)" in page
    csv = client.get(reverse("reports:list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "보고서,기관,대상 기간,기준일,상태"
    assert "2024. 1. 1. ~ 2024. 8. 31." in csv


@pytest.mark.system("pdftotext")
def test_a_draft_pdf_shows_its_marks_and_the_final_pdf_none(report, alice, tmp_path):
    client = logged_in(alice)
    url = reverse("reports:download", args=[SLUG, "pdf"])

    def text_of(response: Any) -> str:
        path = tmp_path / "report.pdf"
        path.write_bytes(response.content)
        return subprocess.run(
            ["pdftotext", path, "-"], capture_output=True, text=True, check=True
        ).stdout

    draft = client.get(url)
    assert "검토용 초안" in text_of(draft) and "14:1 ⚠" in text_of(draft)
    client.post(reverse("reports:finalise", args=[SLUG]), {"reason-0": "원문 표기 그대로 보고"})
    final = client.get(url)
    disposition = final["Content-Disposition"].split("; filename*=utf-8''", 1)[1]
    assert unquote(disposition) == "주요업무보고_2024-09_시장비서실.pdf"
    text = text_of(final)
    assert "14:1" in text and "⚠" not in text and "검토용" not in text
