"""Publishing an event from its page in a real browser (Debian's chromium, Playwright), with
axe-core and the Content-Security-Policy checked on every page, as in web's browser tests."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sijeong.schedule.models import Event
from sijeong.web.tests import test_browser as web
from sijeong.web.tests.test_browser import REPORT_CSP_VIOLATIONS, check, log_in

pytestmark = [pytest.mark.system("chromium"), pytest.mark.django_db(transaction=True)]
# The web tests' browser, and their watch for Content-Security-Policy violations.
browser = web.browser
no_csp_violations = web.no_csp_violations

TITLE = "쪽방촌 주민 간담회"


def test_a_secretary_publishes_an_event_and_takes_it_back(browser, live_server, seed_people):
    editor = seed_people["editor"]
    event = Event.objects.create(
        office=editor.department.office, department=editor.department, title=TITLE,
        kind=Event.Kind.MEETING_TALK, date=datetime.date(2024, 8, 20),
        start_time=datetime.time(15, 0), place="돈의동 쪽방상담소",
    )  # fmt: skip
    public_day = live_server.url + reverse("public:schedule") + "?view=day&date=2024-08-20"
    citizen = browser.new_context(locale="ko-KR")
    citizen.add_init_script(REPORT_CSP_VIOLATIONS)
    reader = citizen.new_page()
    reader.goto(public_day)
    expect(reader.get_by_text(TITLE)).to_have_count(0)

    page = log_in(browser, live_server, "editor")
    page.goto(live_server.url + reverse("schedule:detail", args=[event.pk]))
    expect(page.get_by_text("비공개 일정", exact=True)).to_be_visible()
    # Its day has passed with no reason given: the check says so beside it.
    expect(page.get_by_text("공개하지 않은 일정에 비공개 사유가 없습니다.")).to_be_visible()
    check(page, "editor-event-private")

    page.get_by_role("button", name="공개하기").click()
    published = "공개했습니다. 시민이 보는 공개 일정에 지금부터 보입니다."
    expect(page.get_by_text(published)).to_be_visible()
    history = page.get_by_role("table", name="공개 이력")
    expect(history.get_by_role("row").nth(1)).to_contain_text("editor")
    expect(history.get_by_role("row").nth(1)).to_contain_text("공개")
    check(page, "editor-event-published")
    reader.goto(public_day)
    expect(reader.get_by_text(TITLE)).to_be_visible()

    # Taking it back asks for the reason.
    page.get_by_role("button", name="비공개로 돌리기").click()
    expect(page.get_by_text("비공개 사유를 골라 주세요.")).to_be_visible()
    check(page, "editor-event-unpublish-needs-a-reason")
    page.get_by_label("비공개 사유").select_option(label="경호·안전상 사유")
    page.get_by_role("button", name="비공개로 돌리기").click()
    expect(page.get_by_text("비공개로 두었습니다 (사유: 경호·안전상 사유).")).to_be_visible()
    expect(history.get_by_role("row").nth(1)).to_contain_text("비공개로 전환")
    reader.goto(public_day)
    expect(reader.get_by_text(TITLE)).to_have_count(0)

    page.goto(live_server.url + reverse("schedule:disclosure") + "?year=2024")
    check(page, "editor-disclosure")
    # 전체, 공개, 비공개 계, then 경호·안전상 사유: a count with no events has no link.
    page.get_by_role("row", name="8월").get_by_role("link").nth(3).click()
    expect(page.get_by_role("heading", name="일정 목록")).to_be_visible()
    expect(page.get_by_text("1건 · 내려받기")).to_be_visible()
    expect(page.get_by_role("link", name=f"보기 {TITLE}")).to_be_visible()
    event.refresh_from_db()
    assert not event.is_public and event.privacy_reason.text == "경호·안전상 사유"
    citizen.close()
    page.context.close()
