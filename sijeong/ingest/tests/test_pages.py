"""The import pages: who may upload, the preview a person reviews, applying it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sijeong.budget.models import BudgetLine
from sijeong.core.models import OfficeFunction
from sijeong.core.testing import logged_in
from sijeong.ingest.models import ImportedDocument
from sijeong.reports.models import Report

from .test_apply import SMALL

# What a 편집자 may import: a budget line of their department, no 관리자-only kind.
BUDGET = """I. 일반 현황
3 예산 집행현황 (기준 / 단위 : '24.8월 / 천원)
구분\t예산액\t집행액\t잔액\t비고
기관운영업무추진비\t277,200\t97,993 (35.4%)\t179,207\t제반 경비
""".encode()


def upload(client, content=SMALL, name="small.txt"):
    return client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile(name, content)})


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    for url in (reverse("ingest:list"), reverse("ingest:upload")):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_viewer_sees_imports_but_cannot_upload_or_apply(bob, dave):
    document = ImportedDocument.objects.get(pk=upload(logged_in(bob)).url.split("/")[-2])
    client = logged_in(dave)
    listing = client.get(reverse("ingest:list")).content.decode()
    assert "small.txt" in listing and "보고서 파일 가져오기" not in listing
    assert client.get(reverse("ingest:upload")).status_code == 403
    assert upload(client).status_code == 403
    assert client.post(reverse("ingest:apply", args=[document.pk])).status_code == 403
    page = client.get(reverse("ingest:detail", args=[document.pk])).content.decode()
    assert "기록에 반영하기" not in page and not OfficeFunction.objects.exists()


def test_an_editor_previews_then_applies(bob, department):
    client = logged_in(bob)
    response = upload(client, BUDGET, "budget.txt")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert (
        "미리보기" in page
        and "문서에서 알아본 기록" in page
        and "예산 과목" in page
        and "기록에 반영하기" in page
    )
    assert not BudgetLine.objects.exists()  # a preview writes no record

    applied = client.post(response.url + "apply/", follow=True).content.decode()
    assert "반영했습니다" in applied and "반영된 기록" in applied
    line = BudgetLine.objects.get()
    assert line.department == department  # the importer's department owns what it made
    assert "기록에 반영하기" not in applied


def test_the_same_file_uploaded_again_is_the_same_import(bob):
    client = logged_in(bob)
    assert upload(client).url == upload(client, name="again.txt").url
    assert ImportedDocument.objects.count() == 1


def test_findings_and_unplaced_lines_are_shown_with_their_line_numbers(alice):
    content = (
        "□ 주요 추진내용 ('24. 7월~'24. 8월)\n"
        "안전 분야 재난 예방 점검\n"
        "√ 현장점검\n"
        "- ▶ 일시/장소 : '24. 8. 26.(화) 14:1 / 본관\n"
        "전혀 알 수 없는 줄\n"
    ).encode()
    client = logged_in(alice)
    page = client.get(upload(client, content).url).content.decode()
    assert "2024. 8. 26.은 월요일입니다 (적힌 요일 화)" in page
    assert '<td class="line">4</td><td class="severity-error">오류</td>' in page
    assert "시각 &#x27;14:1&#x27;이 올바른 형식" in page
    assert '<td class="line">5</td><td>전혀 알 수 없는 줄</td>' in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04junk", "broken.hwpx", "손상"),
        (b"\xd0\xcf\x11\xe0rest", "old.hwp", "한글(HWP) 문서가 아니거나 손상된 파일입니다."),
        (b"   \n", "blank.txt", "빈 파일"),
    ],
)
def test_an_unreadable_file_is_refused_on_the_form_in_korean(bob, content, name, message):
    response = upload(logged_in(bob), content, name)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and 'role="alert"' in page and "Traceback" not in page
    assert not ImportedDocument.objects.exists()


def test_no_file_is_a_korean_message(bob):
    page = logged_in(bob).post(reverse("ingest:upload"), {}).content.decode()
    assert "가져올 파일을 골라 주세요." in page


def test_applying_with_a_report_slug_makes_the_definition(alice):
    client = logged_in(alice)
    detail = upload(client).url
    page = client.post(detail + "apply/", {"report": "small-2024"}, follow=True).content.decode()
    assert "보고서 &#x27;small-2024&#x27;를" in page or "보고서 'small-2024'를" in page
    assert Report.objects.filter(slug="small-2024").exists()
    bad = client.post(detail + "apply/", {"report": "한글 식별자"}, follow=True).content.decode()
    assert "영문 소문자" in bad


def test_applying_a_document_with_nothing_read_is_a_warning_not_a_success(bob, department):
    client = logged_in(bob)
    response = upload(client, "회의 결과\n08 : 30 개회\n".encode(), "minutes.txt")
    page = client.get(response.url).content.decode()
    assert "기록으로 옮길 수 있는 내용을 찾지 못했습니다" in page
    answer = client.post(response.url + "apply/", follow=True).content.decode()
    assert "읽은 기록이 없어" in answer and "반영했습니다" not in answer


def test_a_document_without_a_date_becomes_a_report_when_its_date_is_given(alice):
    client = logged_in(alice)
    response = upload(client, "I. 일반 현황\n1 주요 기능\n- **일정기획**\n".encode(), "undated.txt")
    page = client.get(response.url).content.decode()
    field = page.split('name="as_of"')[1].split(">")[0]
    assert 'inputmode="numeric"' in field and "value=" not in field
    refused = client.post(response.url + "apply/", {"report": "undated"}, follow=True)
    assert "기준일을 적어 주세요" in refused.content.decode()
    assert not Report.objects.filter(slug="undated").exists()
    assert not OfficeFunction.objects.filter(office=alice.office).exists()  # nothing half-done
    client.post(response.url + "apply/", {"report": "undated", "as_of": "2025. 6. 30."})
    report = Report.objects.get(slug="undated")
    assert str(report.as_of) == "2025-06-30" and str(report.period_start) == "2025-01-01"


def test_the_date_field_starts_with_the_documents_own_date(alice):
    client = logged_in(alice)
    page = client.get(upload(client).url).content.decode()
    assert 'value="2024. 8. 31."' in page.split('name="as_of"')[1].split(">")[0]
