"""A build of two reports started from the reports page, in a real browser: the job's page
waits, moves to 완료 on its own while the worker runs, and offers the ZIP."""

from __future__ import annotations

import re
import threading
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from sijeong.reports.models import Report
from sijeong.web.tests.test_browser import browser, check, log_in, no_csp_violations

from .conftest import final_report

pytestmark = [pytest.mark.system("chromium"), pytest.mark.django_db(transaction=True)]

__all__ = ["browser", "no_csp_violations"]  # fixtures, used by name


def run_worker_in_a_thread() -> threading.Thread:
    """The queue's own worker, in a thread with a database connection of its own, as
    `db_worker --batch` runs it (the command itself sets signal handlers, which only the main
    thread may)."""

    def work() -> None:
        try:
            Worker(
                queue_names=["default"],
                interval=0.1,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="browser-test",
                excluded_queue_names=[],
            ).run()
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_building_two_reports_from_the_list_page(browser, live_server, seed_people, tmp_path):
    draft = Report.objects.get()
    final = final_report(draft.office)
    page = log_in(browser, live_server, "viewer")
    page.goto(live_server.url + reverse("reports:list"))
    form = page.get_by_role("region", name="여러 보고서 한꺼번에 내려받기")
    form.get_by_role("checkbox", name=re.compile(f"^{draft.title}.*작성 중$")).check()
    form.get_by_role("checkbox", name=re.compile(f"^{final.title}")).check()
    expect(form.get_by_role("checkbox", name="PDF")).to_be_checked()
    form.get_by_role("checkbox", name="마크다운").check()
    check(page, "jobs-build-form")
    form.get_by_role("button", name="작성 시작").click()

    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.get_by_role("heading", name=re.compile("보고서 일괄 작성"))).to_be_visible()
    expect(page.get_by_text("대기 중", exact=True)).to_be_visible()
    expect(page.get_by_text("0 / 4")).to_be_visible()
    check(page, "jobs-queued")

    worker = run_worker_in_a_thread()
    # The page asks for its progress every second: no reload here.
    expect(page.get_by_text("완료", exact=True)).to_be_visible(timeout=60_000)
    worker.join()
    expect(page.get_by_text("4 / 4")).to_be_visible()
    download_link = page.get_by_role("link", name=re.compile(r"\.zip 내려받기$"))
    expect(download_link).to_be_visible()
    check(page, "jobs-done")
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith("보고서_")
    assert download.suggested_filename.endswith(".zip")
    path = tmp_path / "reports.zip"
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert len(names) == 4
        assert all(archive.read(n).startswith(b"%PDF-") for n in names if n.endswith("_검토용.pdf"))
    page.context.close()
