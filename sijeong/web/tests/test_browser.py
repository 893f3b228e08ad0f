"""The pages in a real browser (Debian's chromium driven by Playwright), as staff use them.

Every page is checked with axe-core for serious and critical accessibility violations and
saved as a screenshot under test-artifacts/ for a person to look at. The pages are served
with their Content-Security-Policy, and any violation of it fails the test.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from sijeong.core.testing import PASSWORD
from sijeong.programs.models import Program
from sijeong.relations.models import Agreement
from sijeong.schedule.models import Event

pytestmark = [pytest.mark.system("chromium"), pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=ko-KR",
]
AXE = Axe()
# Reports every violation of the Content-Security-Policy to the console, where the test sees it;
# it runs before any of the page's own markup is parsed.
REPORT_CSP_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e =>
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));"""
CSP_VIOLATIONS: list[str] = []


@pytest.fixture(autouse=True)
def no_csp_violations() -> Iterator[None]:
    CSP_VIOLATIONS.clear()
    yield
    assert CSP_VIOLATIONS == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # plain synchronous code all the same.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
            )
            yield chromium
            chromium.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# Words (split at spaces and at the marks a line may break after) drawn on more than one line:
# a word or a time broken inside (대외협/력, 11:/10), which keep-all and nowrap must prevent.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const el of document.querySelectorAll('.main-menu a, .event-chip, .person, .site-name')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-·\\/,]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
          .map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


def log_in(browser: Browser, live_server, username: str, viewport=DESKTOP) -> Page:
    context = browser.new_context(locale="ko-KR", viewport=viewport)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            CSP_VIOLATIONS.append(f"{page.url}: {message.text}")
            if "CSP violation" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(live_server.url + reverse("schedule:calendar"))
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()
    return page


def check(page: Page, name: str) -> None:
    """No serious or critical axe violations, no CSP violations, nothing wider than the screen
    and no word broken inside; a screenshot to look at."""
    assert CSP_VIOLATIONS == [], name
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name}: the page is {width[0]} px wide on {width[1]}"
    assert page.evaluate(BROKEN_WORDS) == [], name
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    except PlaywrightError:
        # Chromium cannot always capture a very tall page at once under load ("Unable to
        # capture screenshot"); the picture is for people to look at, not what is tested.
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    results = AXE.run(page)
    severe = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert severe == [], f"{name}: {severe}"


def test_every_page_for_every_role(browser, live_server, seed_people):
    event = Event.objects.filter(office=seed_people["admin"].department.office).first()
    agreement = Agreement.objects.first()
    pages = [
        ("dashboard", reverse("home") + "?as_of=2024-08-31"),
        ("calendar-month", reverse("schedule:calendar") + "?month=2024-08"),
        ("calendar-week", reverse("schedule:calendar") + "?view=week&date=2024-08-06"),
        ("schedule-list", reverse("schedule:list")),
        ("event", reverse("schedule:detail", args=[event.pk])),
        ("disclosure", reverse("schedule:disclosure") + "?year=2024"),
        ("reports", reverse("reports:list")),
        ("report", reverse("reports:detail", args=["secretariat-2024-09"])),
        ("imports", reverse("ingest:list")),
        ("programs", reverse("programs:tree")),
        (
            "program",
            reverse("programs:detail", args=[Program.objects.get(slug="step-free-stations").pk]),
        ),
        ("section-press", reverse("web:section", args=["언론"])),
        ("section-relations", reverse("web:section", args=["대외협력"])),
        ("section-organisation", reverse("web:section", args=["조직·예산"]) + "?as_of=2024-08-31"),
        ("media-list", reverse("web:records", args=["media"])),
        ("budget-lines", reverse("web:records", args=["budget-lines"])),
        ("agreement", reverse("web:record", args=["agreements", agreement.pk])),
        ("feeds", reverse("feeds:manage")),
        ("api-tokens", reverse("api-tokens")),
    ]
    # Every role at a desk; the editor (who sees and may do the most) on a phone too.
    for role, viewport, size in (
        ("admin", DESKTOP, ""),
        ("editor", DESKTOP, ""),
        ("viewer", DESKTOP, ""),
        ("editor", PHONE, "phone-"),
    ):
        page = log_in(browser, live_server, role, viewport)
        if viewport is PHONE:
            # The menu folds behind its button, and opens with it.
            menu = page.get_by_role("navigation", name="주 메뉴")
            expect(menu).to_be_hidden()
            page.get_by_role("button", name="메뉴").click()
            expect(menu).to_be_visible()
        for name, url in pages:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, (role, name)
            check(page, f"{size}{role}-{name}")
        can_write = role != "viewer"
        for name, url in (
            ("event-new", reverse("schedule:create")),
            ("import-new", reverse("ingest:upload")),
        ):
            response = page.goto(live_server.url + url)
            assert response is not None
            assert response.status == (200 if can_write else 403), (role, name)
            if can_write:
                check(page, f"{size}{role}-{name}")
        page.context.close()


def test_an_editor_creates_an_event_by_keyboard_and_sees_the_clash(
    browser, live_server, seed_people
):
    page = log_in(browser, live_server, "editor")
    page.goto(live_server.url + reverse("schedule:calendar") + "?month=2024-08")
    # Reach 일정 등록 with the keyboard alone.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "일정 등록":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="일정 등록")).to_be_visible()
    page.get_by_label("일정명 (필수)").fill("폭염 취약가구 방문")
    page.get_by_label("종류 (필수)").select_option(label="현장방문")
    page.get_by_label("날짜 (필수)").fill("2024-08-06")
    page.get_by_label("시작 시각").fill("11:20")
    page.get_by_label("장소 (필수)").fill("돈의동 쪽방촌")
    # The form warns of the clash before saving (HTMX asks the server as the time changes).
    expect(page.get_by_text("시간이 겹치는 일정이 있습니다. 저장할 수는 있습니다.")).to_be_visible()
    check(page, "editor-event-form-clash")
    page.get_by_label("장소 (필수)").press("Enter")  # submits the form
    expect(page.get_by_text("일정을 저장했습니다.")).to_be_visible()
    expect(page.get_by_text(re.compile("시간이 겹치는 일정이 있습니다: 폭염대비"))).to_be_visible()
    check(page, "editor-event-saved-with-clash")
    assert (
        Event.objects.get(title="폭염 취약가구 방문").department == seed_people["editor"].department
    )
    page.context.close()


def test_korean_validation_messages_beside_the_fields(browser, live_server, seed_people):
    page = log_in(browser, live_server, "editor")
    page.goto(live_server.url + reverse("schedule:create"))
    page.get_by_label("시작 시각").fill("15:00")
    page.get_by_label("종료 시각").fill("14:00")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("일정명을 적어 주세요.")).to_be_visible()
    expect(page.get_by_text("종료 시각이 시작 시각보다 이릅니다.")).to_be_visible()
    check(page, "editor-event-invalid")
    page.context.close()


def test_filtering_the_calendar_by_domain(browser, live_server, seed_people):
    page = log_in(browser, live_server, "viewer")
    page.goto(live_server.url + reverse("schedule:calendar") + "?month=2024-08")
    expect(page.get_by_text("서울달 개장식")).to_be_visible()
    page.get_by_label("분야", exact=True).select_option(label="안전")
    page.get_by_role("button", name="적용").click()
    expect(page.get_by_text("폭염대비 서울역 쪽방촌 현장점검")).to_be_visible()
    expect(page.get_by_text("서울달 개장식")).to_have_count(0)
    assert "month=2024-08" in page.url
    check(page, "viewer-calendar-filtered")
    page.context.close()


def test_downloading_the_list_as_csv(browser, live_server, seed_people):
    page = log_in(browser, live_server, "viewer")
    page.goto(live_server.url + reverse("schedule:list") + "?q=현장점검")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    path = download.value.path()
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["날짜", "시각", "일정명"]
    assert {row[2] for row in rows[1:]} >= {"폭염대비 서울역 쪽방촌 현장점검", "노후역사 현장점검"}
    assert download.value.suggested_filename == f"일정-{timezone.localdate():%Y-%m-%d}.csv"
    page.context.close()


def test_a_concurrent_edit_is_refused_and_the_input_kept(browser, live_server, seed_people):
    event = Event.objects.get(title="서울달 개장식")
    url = live_server.url + reverse("schedule:edit", args=[event.pk])
    admin, editor = log_in(browser, live_server, "admin"), log_in(browser, live_server, "editor")
    admin.goto(url)
    editor.goto(url)
    admin.get_by_label("장소 (필수)").fill("여의도공원")
    admin.get_by_role("button", name="저장").click()
    expect(admin.get_by_text("일정을 저장했습니다.")).to_be_visible()

    editor.get_by_label("일정명 (필수)").fill("서울달 개장식 및 시승")
    editor.get_by_role("button", name="저장").click()
    expect(
        editor.get_by_text(re.compile("그사이 다른 사람이 이 기록을 고쳐 저장했습니다"))
    ).to_be_visible()
    expect(editor.get_by_label("일정명 (필수)")).to_have_value("서울달 개장식 및 시승")
    check(editor, "editor-event-refused")
    event.refresh_from_db()
    assert (event.title, event.place) == ("서울달 개장식", "여의도공원")
    admin.context.close()
    editor.context.close()


def test_importing_a_report_through_the_upload_page(browser, live_server, seed_people, tmp_path):
    report = tmp_path / "부서보고.txt"
    report.write_text(
        "I. 일반 현황\n1 주요 기능\n- 시민 소통\n - 현장 의견 수렴\n전혀 알 수 없는 줄\n",
        encoding="utf-8",
    )
    page = log_in(browser, live_server, "editor")
    page.goto(live_server.url + reverse("ingest:upload"))
    page.get_by_label("보고서 파일").set_input_files(str(report))
    page.get_by_role("button", name="미리보기").click()
    expect(page.get_by_role("heading", name="자리를 찾지 못한 줄")).to_be_visible()
    expect(page.get_by_role("cell", name="전혀 알 수 없는 줄")).to_be_visible()
    # 주요 기능 are the office's, not a department's: the editor is told before pressing.
    expect(page.get_by_role("heading", name="만들 권한이 없는 기록")).to_be_visible()
    check(page, "editor-import-preview")
    page.get_by_role("button", name="기록에 반영하기").click()
    expect(page.get_by_text(re.compile("아무것도 반영하지 않았습니다"))).to_be_visible()
    preview = page.url
    page.context.close()

    page = log_in(browser, live_server, "admin")
    page.goto(preview)
    expect(page.get_by_role("heading", name="만들 권한이 없는 기록")).to_have_count(0)
    page.get_by_role("button", name="기록에 반영하기").click()
    expect(page.get_by_text(re.compile("반영했습니다. 새로 만든 기록"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^올림 editor"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^반영함 admin"))).to_be_visible()
    check(page, "admin-import-applied")
    page.context.close()


def test_checking_a_published_budget_table_on_the_check_page(browser, live_server, seed_people):
    """A viewer uploads a county's published execution table (data/corpus/001): its grand
    total and its doubled row are shown at their lines, and the findings come down as CSV."""
    corpus = Path(__file__).resolve().parents[3] / "data" / "corpus"
    document = next(corpus.glob("001_*.txt"))
    page = log_in(browser, live_server, "viewer")
    page.goto(live_server.url + reverse("checking:check"))
    page.get_by_label("파일", exact=False).first.set_input_files(str(document))
    page.get_by_role("button", name="검산하기").click()
    expect(page.get_by_role("status")).to_contain_text("오류 2건")
    page.get_by_role("link", name="3행").first.click()
    flagged = page.locator("#line-3")
    expect(flagged).to_contain_text("적힌 합계 564,653,140,916")
    expect(page.locator("#line-5")).to_contain_text("두 번")
    check(page, "viewer-check-page")
    with page.expect_download() as download:
        page.get_by_role("button", name="이 결과를 CSV로 내려받기").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert any("total-mismatch" in row for row in rows[1:]), rows
    page.context.close()


UNREACHED = """() => {
  const all = Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea'));
  const visible = all.filter(e => e.getClientRects().length > 0 && !e.disabled);
  visible.forEach((e, i) => { e.dataset.kbd = String(i); });
  return visible.length;
}"""


def unreachable_by_keyboard(page: Page) -> list[str]:
    """The links, buttons and fields of the page that pressing Tab never reaches."""
    total = page.evaluate(UNREACHED)
    seen: set[int] = set()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(total * 4 + 10):  # date and time fields take several Tabs each
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement ? document.activeElement.dataset.kbd : null")
        if index is not None:
            seen.add(int(index))
        if len(seen) == total:
            break
    return page.evaluate(
        "(seen) => Array.from(document.querySelectorAll('[data-kbd]'))"
        ".filter(e => !seen.includes(Number(e.dataset.kbd)))"
        ".map(e => e.outerHTML.slice(0, 80))",
        sorted(seen),
    )


def test_every_action_is_reachable_by_keyboard(browser, live_server, seed_people):
    page = log_in(browser, live_server, "editor")
    for url in (
        reverse("home") + "?as_of=2024-08-31",
        reverse("schedule:calendar") + "?month=2024-08",
        reverse("schedule:list"),
        reverse("schedule:create"),
        reverse("web:create", args=["media"]),
        reverse("web:section", args=["조직·예산"]),
        reverse("ingest:upload"),
    ):
        page.goto(live_server.url + url)
        assert unreachable_by_keyboard(page) == [], url
    # The check itself catches a control taken out of the tab order.
    page.evaluate("document.querySelector('button[type=submit]').tabIndex = -1")
    assert len(unreachable_by_keyboard(page)) == 1
    page.context.close()


def test_a_csp_violation_is_caught(browser, live_server, seed_people):
    page = log_in(browser, live_server, "viewer")
    response = page.goto(live_server.url + reverse("home"))
    assert response is not None
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">')")
    page.wait_for_timeout(200)
    assert any("style-src-attr" in v for v in CSP_VIOLATIONS), CSP_VIOLATIONS
    CSP_VIOLATIONS.clear()
    page.context.close()


def test_the_planner_runs_a_month_compares_it_and_books_a_visit(
    browser, live_server, seeded, seed_people
):
    from sijeong.planning.models import VisitCandidate

    department = seed_people["planner"].department
    for title, district, priority in (
        ("빗물펌프장 가동 점검", "강서구", 5),
        ("추석 전통시장 장보기", "동대문구", 4),
        ("청년 창업공간 간담회", "성동구", 3),
    ):
        VisitCandidate.objects.create(
            office=seeded, department=department, title=title, place=f"{district} 현장",
            district=district, priority=priority, duration_minutes=90,
            earliest=timezone.datetime(2024, 9, 2).date(),
            latest=timezone.datetime(2024, 9, 27).date(),
        )  # fmt: skip
    url = reverse("planning:plan") + "?start=2024-09-01&end=2024-09-30"
    for viewport, size in ((DESKTOP, ""), (PHONE, "phone-")):
        page = log_in(browser, live_server, "planner", viewport)
        page.goto(live_server.url + url)
        expect(page.get_by_role("heading", name="후보 방문 3건")).to_be_visible()
        check(page, f"{size}planner-plan")
        page.get_by_label("빗물펌프장 가동 점검 고정 날짜").fill("2024. 9. 10.")
        page.get_by_label("빗물펌프장 가동 점검 고정 시각").fill("10:00")
        page.get_by_role("button", name="기획 실행").click()
        expect(page.get_by_role("heading", name="제안: 방문 3건")).to_be_visible()
        expect(page.get_by_text("필수 규칙 위반 없음")).to_be_visible()
        row = page.get_by_role("row", name=re.compile("2024. 9. 10."))
        expect(row.get_by_text("10:00–11:30 빗물펌프장 가동 점검")).to_be_visible()
        check(page, f"{size}planner-proposal")
        page.context.close()
    page = log_in(browser, live_server, "planner")
    page.goto(live_server.url + url)
    page.get_by_role("button", name="기획 실행").click()
    expect(page.get_by_role("heading", name="제안: 방문 3건")).to_be_visible()
    # KRDS draws the box beside the label: a person clicks the label.
    choice = page.get_by_role("checkbox", name=re.compile("추석 전통시장 장보기 ·"))
    page.locator("label", has_text="추석 전통시장 장보기 ·").click()
    expect(choice).not_to_be_checked()
    page.get_by_role("button", name="고른 방문 반영").click()
    expect(page.get_by_text("방문 2건을 예정 일정으로 반영했습니다")).to_be_visible()
    booked = Event.objects.filter(office=seeded, kind=Event.Kind.FIELD_VISIT, date__month=9)
    assert sorted(booked.values_list("title", flat=True)) == [
        "빗물펌프장 가동 점검",
        "청년 창업공간 간담회",
    ]
    page.context.close()


def test_a_citizen_reads_the_public_pages_without_an_account(browser, live_server, seeded):
    pages = [
        ("public-index", reverse("public:index")),
        ("public-schedule", reverse("public:schedule") + "?month=2024-08"),
        ("public-week", reverse("public:schedule") + "?view=week&date=2024-08-06"),
        ("public-reports", reverse("public:reports")),
        ("public-programs", reverse("public:programs")),
        ("public-data", reverse("public:data")),
    ]
    for viewport, size in ((DESKTOP, ""), (PHONE, "phone-")):
        context = browser.new_context(locale="ko-KR", viewport=viewport)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page = context.new_page()
        for name, url in pages:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, name
            expect(page.locator("nav.main-menu")).to_have_attribute("aria-label", "공개 메뉴")
            check(page, f"{size}{name}")
        context.close()
