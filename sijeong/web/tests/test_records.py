"""Record pages for every registered kind: forms with Korean messages, roles, concurrency."""

import datetime
import re
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.press.models import MediaEngagement
from sijeong.relations.models import MeetingSeries, MeetingSession


def data(**changes):
    values = {"kind": "briefing", "date": "2024-07-11", "title": "국가상징공간 조성", "order": "0"}
    values.update(changes)
    return values


def test_an_editor_creates_a_record_of_their_department(bob, department):
    response = logged_in(bob).post(reverse("web:create", args=["media"]), data(), follow=True)
    record = MediaEngagement.objects.get()
    assert (
        record.department == department
        and "언론 활동을(를) 저장했습니다." in response.content.decode()
    )


def test_korean_messages_beside_the_fields(bob):
    response = logged_in(bob).post(
        reverse("web:create", args=["media"]), data(date="7월", title="")
    )
    page = response.content.decode()
    assert response.status_code == 200 and not MediaEngagement.objects.exists()
    assert "필수 항목입니다." in page and "날짜는 2024. 8. 31.처럼 적어 주세요." in page


def test_another_departments_editor_cannot_edit(carol, briefing):
    assert logged_in(carol).get(reverse("web:edit", args=["media", briefing.pk])).status_code == 403


def test_a_child_of_another_departments_record_cannot_be_made(carol, office, department):
    series = MeetingSeries.objects.create(office=office, department=department, name="국무회의")
    response = logged_in(carol).post(
        reverse("web:create", args=["meeting-sessions"]),
        {"series": series.pk, "date": "2024-07-25", "attendance": "in_person"},
    )
    assert response.status_code == 403 and not MeetingSession.objects.exists()


def test_the_later_of_two_saves_is_refused(alice, bob, briefing, department):
    url = reverse("web:edit", args=["media", briefing.pk])
    first, second = logged_in(alice), logged_in(bob)
    stamp_a = first.get(url).context["form"]["fingerprint"].value()
    stamp_b = second.get(url).context["form"]["fingerprint"].value()
    saved = first.post(
        url, data(title="관리자 수정", department=department.pk, fingerprint=stamp_a)
    )
    assert saved.status_code == 302
    refused = second.post(url, data(title="편집자 수정", fingerprint=stamp_b))
    assert refused.status_code == 409 and 'value="편집자 수정"' in refused.content.decode()
    briefing.refresh_from_db()
    assert briefing.title == "관리자 수정"


def test_the_record_page_shows_its_history_and_the_list_exports(alice, briefing, department):
    client = logged_in(alice)
    url = reverse("web:edit", args=["media", briefing.pk])
    stamp = client.get(url).context["form"]["fingerprint"].value()
    client.post(
        url, data(title="국가상징공간 조성계획", department=department.pk, fingerprint=stamp)
    )
    page = client.get(reverse("web:record", args=["media", briefing.pk])).content.decode()
    assert "제목: 국가상징공간 조성 → 국가상징공간 조성계획" in page
    xlsx = client.get(reverse("web:records", args=["media"]), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["날짜", "종류", "제목", "매체", "매체 구분"]
    assert sheet["C2"].value == "국가상징공간 조성계획"
    assert sheet["A2"].value == datetime.datetime(2024, 7, 11)  # a date Excel can sort and add
    assert sheet["A2"].number_format == "yyyy. m. d."


@pytest.fixture
def reader(seed_people):
    return logged_in(seed_people["viewer"])


def test_the_press_section_counts_by_year_and_kind(reader):
    page = reader.get(reverse("web:section", args=["언론"])).content.decode()
    row = re.sub(r"<[^>]+>", " ", page.split('<th scope="row">2024년</th>')[1].split("</tr>")[0])
    # Briefings and conferences counted from their records; interviews as the office states them.
    assert row.split() == ["11회", "3회", "25회", "(보고", "수치)"]


def test_the_relations_section_lists_sessions_and_agreements(reader):
    page = reader.get(reverse("web:section", args=["대외협력"])).content.decode()
    assert "제7회" in page and "저출생 대응을 위한 중앙-지방 협력방안" in page
    assert "서울시-부산시 업무협약" in page and "부산광역시" in page


def test_the_organisation_section_on_the_report_date(reader):
    page = reader.get(reverse("web:section", args=["조직·예산"]), {"as_of": "2024-08-31"})
    text = page.content.decode()
    assert "2024. 8. 기준, 명" in text and "일반직 소계" in text
    assert "<td>2</td><td>6</td><td>초과 4</td>" in text  # 일반직 7급: 2 posts, 6 filled
    assert "<td>277,200</td><td>97,993</td><td>179,207</td><td>35.4%</td>" in text


def test_record_lists_show_the_checks_beside_each_record(reader):
    page = reader.get(reverse("web:records", args=["staffing-lines"])).content.decode()
    row = page[page.index("<td>7급</td>") :]
    assert "참고 1건" in row[: row.index("</tr>")]  # 일반직 7급: 6 filled of 2 posts


def test_every_list_can_be_searched(reader):
    page = reader.get(reverse("web:records", args=["agreements"]), {"q": "부산"}).content.decode()
    assert 'role="search"' in page and "1건" in page and "서울시-부산시 업무협약" in page
    assert "충청남도" not in page
    imports = reader.get(reverse("ingest:list"), {"q": "없는 파일"}).content.decode()
    assert 'role="search"' in imports and "0건" in imports


def test_a_date_field_reads_dates_as_the_addresses_do():
    from django import forms as django_forms

    from sijeong.web.editing import KoreanDateField

    field = KoreanDateField()
    for written in ("2024. 8. 31.", "2024-08-31", "2024.8.31", "2024년 8월 31일(토)"):
        assert field.clean(written) == datetime.date(2024, 8, 31), written
    with pytest.raises(django_forms.ValidationError, match=re.escape("2024. 8. 31.처럼")):
        field.clean("2024. 2. 30.")


def test_a_slug_taken_in_the_office_is_refused_beside_the_field_not_with_an_error_page(
    bob, office, department
):
    from sijeong.programs.models import Program

    Program.objects.create(
        office=office, department=department, slug="step-free", kind="brand", title="기존 사업"
    )
    fields = {"slug": "step-free", "kind": "brand", "title": "새 사업", "tags": "[]", "order": "0"}
    response = logged_in(bob).post(reverse("web:create", args=["programs"]), fields)
    assert response.status_code == 200
    assert "이미 있습니다" in response.content.decode() or "존재합니다" in response.content.decode()
    assert Program.objects.filter(office=office).count() == 1
