"""Schedule pages (일정) as each role uses them: calendars, list, exports, create and edit."""

import datetime
from io import BytesIO

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sijeong.core.testing import logged_in
from sijeong.schedule.models import Domain, Event

AUGUST = {"month": "2024-08"}


@pytest.fixture
def domain(office):
    return Domain.objects.create(office=office, name="안전", color="#c0392b")


@pytest.fixture
def event(office, department, domain):
    return Event.objects.create(
        office=office,
        department=department,
        domain=domain,
        title="폭염대비 현장점검",
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2024, 8, 6),
        start_time=datetime.time(11, 10),
        place="서울역",
        is_public=True,
    )


def form_data(**changes):
    data = {
        "title": "노후역사 현장점검",
        "kind": "field_visit",
        "date": "2024-08-06",
        "start_time": "11:20",
        "end_time": "",
        "place": "아현역",
        "status": "planned",
        "attendance": "in_person",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_the_login_page(event):
    for url in (
        reverse("schedule:calendar"),
        reverse("schedule:list"),
        reverse("schedule:detail", args=[event.pk]),
        reverse("schedule:create"),
        reverse("schedule:edit", args=[event.pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_month_shows_events_holidays_and_domains_in_words(dave, event):
    page = logged_in(dave).get(reverse("schedule:calendar"), AUGUST).content.decode()
    assert "2024년 8월" in page and "폭염대비 현장점검" in page and "11:10" in page
    assert "광복절" in page  # 2024-08-15
    assert "[안전]" in page  # the domain in words, not colour alone
    assert "일정 등록" not in page  # 열람자 read only


def test_the_week_view_and_its_navigation(dave, event):
    page = logged_in(dave).get(reverse("schedule:calendar"), {"view": "week", "date": "2024-08-07"})
    text = page.content.decode()
    assert "2024. 8. 4. ~ 2024. 8. 10." in text and "폭염대비 현장점검" in text
    assert "date=2024-07-31" in text and "date=2024-08-14" in text


def test_filters_narrow_the_calendar(dave, event, office, department):
    Event.objects.create(
        office=office, department=department, title="비공개 회의", kind="meeting",
        date=datetime.date(2024, 8, 7), place="본관", is_public=False,
    )  # fmt: skip
    client = logged_in(dave)
    page = client.get(reverse("schedule:calendar"), {**AUGUST, "public": "0"}).content.decode()
    assert "비공개 회의" in page and "폭염대비" not in page
    page = client.get(reverse("schedule:calendar"), {**AUGUST, "kind": "field_visit"}).content
    assert "비공개 회의" not in page.decode() and "폭염대비" in page.decode()


def test_the_list_searches_sorts_pages_and_exports(dave, event, office, department):
    Event.objects.bulk_create(
        Event(
            office=office, department=department, title=f"정례 회의 {n:02d}", kind="meeting",
            date=datetime.date(2024, 7, 1) + datetime.timedelta(days=n), place="본관",
        )
        for n in range(30)
    )  # fmt: skip
    client = logged_in(dave)
    first = client.get(reverse("schedule:list"), {"sort": "date"}).content.decode()
    assert "31건" in first and "1 / 2쪽" in first and "정례 회의 00" in first
    assert 'aria-sort="ascending"' in first
    found = client.get(reverse("schedule:list"), {"q": "서울역"}).content.decode()
    assert "1건" in found and "폭염대비 현장점검" in found

    csv = client.get(reverse("schedule:list"), {"q": "회의", "format": "csv"})
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert csv["Content-Disposition"] == (
        f'attachment; filename="export-{today}.csv"; '
        f"filename*=utf-8''%EC%9D%BC%EC%A0%95-{today}.csv"  # 일정-<today>.csv
    )
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("날짜,시각,일정명") and len(lines) == 31

    xlsx = client.get(reverse("schedule:list"), {"sort": "-date", "format": "xlsx"})
    sheet = openpyxl.load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:3] == ["날짜", "시각", "일정명"]
    assert sheet["C2"].value == "폭염대비 현장점검" and sheet.max_row == 32


def test_a_viewer_cannot_create_or_edit(dave, event):
    client = logged_in(dave)
    assert client.get(reverse("schedule:create")).status_code == 403
    assert client.post(reverse("schedule:create"), form_data()).status_code == 403
    assert client.post(reverse("schedule:edit", args=[event.pk]), form_data()).status_code == 403


def test_an_editor_creates_an_event_of_their_department_and_sees_the_clash(bob, event, department):
    response = logged_in(bob).post(reverse("schedule:create"), form_data(), follow=True)
    created = Event.objects.get(title="노후역사 현장점검")
    assert created.department == department and created.office == event.office
    page = response.content.decode()
    assert "일정을 저장했습니다." in page
    assert "시간이 겹치는 일정이 있습니다: 폭염대비 현장점검 (11:10, 서울역)" in page


def test_korean_validation_messages_next_to_the_field(bob):
    response = logged_in(bob).post(
        reverse("schedule:create"), form_data(title="", start_time="15:00", end_time="14:00")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "일정명을 적어 주세요." in page and "종료 시각이 시작 시각보다 이릅니다." in page
    assert not Event.objects.filter(place="아현역").exists()


def shown_fingerprint(client, url):
    return client.get(url).context["form"]["fingerprint"].value()


def test_an_editor_edits_only_their_own_department(bob, carol, event):
    url = reverse("schedule:edit", args=[event.pk])
    assert logged_in(carol).get(url).status_code == 403
    client = logged_in(bob)
    changes = form_data(title="폭염대비 쪽방촌 점검", fingerprint=shown_fingerprint(client, url))
    response = client.post(url, changes)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "폭염대비 쪽방촌 점검"


def test_the_later_of_two_concurrent_saves_is_refused_and_keeps_its_input(alice, bob, event):
    first, second = logged_in(alice), logged_in(bob)
    url = reverse("schedule:edit", args=[event.pk])
    stamp_a = first.get(url).context["form"]["fingerprint"].value()
    stamp_b = second.get(url).context["form"]["fingerprint"].value()
    admin_data = form_data(
        title="관리자가 고친 제목", fingerprint=stamp_a, department=event.department_id
    )
    ok = first.post(url, admin_data)
    assert ok.status_code == 302
    refused = second.post(url, form_data(title="편집자가 고친 제목", fingerprint=stamp_b))
    page = refused.content.decode()
    assert refused.status_code == 409 and "그사이 다른 사람이 이 기록을 고쳐 저장했습니다" in page
    assert 'value="편집자가 고친 제목"' in page  # the person's input is still there
    event.refresh_from_db()
    assert event.title == "관리자가 고친 제목"
    # Having seen the newer record, saving again goes through.
    stamp_c = refused.context["form"]["fingerprint"].value()
    again = second.post(url, form_data(title="편집자가 고친 제목", fingerprint=stamp_c))
    assert again.status_code == 302


def test_the_detail_shows_the_change_history(alice, event):
    client = logged_in(alice)
    url = reverse("schedule:edit", args=[event.pk])
    changes = form_data(
        place="서울역 광장",
        department=event.department_id,
        fingerprint=shown_fingerprint(client, url),
    )
    assert client.post(url, changes).status_code == 302
    page = client.get(reverse("schedule:detail", args=[event.pk])).content.decode()
    assert "변경 이력" in page and "alice" in page
    assert "장소: 서울역 → 서울역 광장" in page


@pytest.mark.parametrize(
    "url", [reverse("schedule:calendar") + "?month=2024-08", reverse("schedule:list")]
)
def test_the_number_of_queries_does_not_grow_with_the_data(dave, event, office, department, url):
    client = logged_in(dave)
    client.get(url)  # session and user loaded once

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    Event.objects.bulk_create(
        Event(
            office=office, department=department, domain=event.domain, title=f"행사 {n}",
            kind="ceremony", date=datetime.date(2024, 8, 1 + n % 28), place="광장",
        )
        for n in range(200)
    )  # fmt: skip
    assert count() == small


def test_the_form_warns_of_a_clash_while_typing(bob, event):
    client = logged_in(bob)
    form = client.get(reverse("schedule:create")).content.decode()
    assert (
        'hx-get="/schedule/clashes/"' in form
        and "htmx-2.0.11.min.js" in client.get(reverse("schedule:create")).content.decode()
    )
    near = client.get(reverse("schedule:clashes"), {"date": "2024-08-06", "start_time": "11:30"})
    assert "폭염대비 현장점검 (11:10, 서울역)" in near.content.decode()
    far = client.get(reverse("schedule:clashes"), {"date": "2024-08-06", "start_time": "13:00"})
    assert "겹치는" not in far.content.decode()
    itself = client.get(
        reverse("schedule:clashes"), {"date": "2024-08-06", "start_time": "11:10", "pk": event.pk}
    )
    assert "겹치는" not in itself.content.decode()  # an event does not clash with itself


def test_the_detail_shows_the_findings_beside_the_event(dave, event):
    event.start_time, event.time_text = None, "14:1"
    event.save()
    page = logged_in(dave).get(reverse("schedule:detail", args=[event.pk])).content.decode()
    assert "[오류] 시각 &#x27;14:1&#x27;이 올바른 형식(시:분)이 아닙니다." in page


def test_the_list_shows_the_checks_beside_each_event(dave, event):
    event.start_time, event.time_text = None, "14:1"
    event.save()
    page = logged_in(dave).get(reverse("schedule:list")).content.decode()
    row = page[page.index("폭염대비 현장점검") :]
    assert '<strong class="behind">오류 1건</strong>' in row[: row.index("</tr>")]


def test_the_live_warning_reads_the_end_time_and_a_date_as_offices_write_it(bob, event):
    client = logged_in(bob)

    # 폭염대비 현장점검 is 11:10 at 서울역 with no end: 11:10~12:10 by default.
    def warned(**query):
        return "겹치는" in client.get(reverse("schedule:clashes"), query).content.decode()

    assert warned(date="2024. 8. 6.", start_time="10:00", end_time="11:30", place="시청")
    assert not warned(date="2024. 8. 6.", start_time="10:00", end_time="10:30", place="시청")
    half_typed = client.get(
        reverse("schedule:clashes"), {"date": "2024. 8.", "start_time": "11:30"}
    )
    assert half_typed.status_code == 400 and "겹치는" not in half_typed.content.decode()
