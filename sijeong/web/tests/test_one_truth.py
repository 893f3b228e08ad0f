"""One figure, one value: the same fact shows the same number and the same date on every page
that shows it (the 언론 page, the dashboard, 조직·예산, a programme and the report)."""

import html
import re

import pytest
from django.urls import reverse

from sijeong.core.models import Indicator
from sijeong.core.testing import logged_in
from sijeong.programs.models import Program

AS_OF = {"as_of": "2024-08-31"}


@pytest.fixture
def viewer(seed_people):
    return logged_in(seed_people["viewer"])


def text(response) -> str:
    """The page's words, without markup."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def test_interviews_are_25_on_the_press_page_the_dashboard_and_the_report(viewer):
    press = text(viewer.get(reverse("web:section", args=["언론"])))
    assert re.search(r"2024년 \d+회 \d+회 25회 \(보고 수치\)", press), press[:2000]
    dashboard = text(viewer.get(reverse("home"), AS_OF))
    assert "언론 인터뷰 2024. 8. 31. 25회" in dashboard or "언론 인터뷰 '24.8.31. 25회" in dashboard
    report = text(viewer.get(reverse("reports:detail", args=["secretariat-2024-09"])))
    assert "언론 인터뷰 : 25회" in report


def test_the_budget_year_and_execution_agree_on_the_dashboard_and_organisation_page(viewer):
    for url, query in ((reverse("home"), {}), (reverse("web:section", args=["조직·예산"]), {})):
        page = text(viewer.get(url, query))
        # Opened on the same day by default: the 2024 budget, 97,993 of 277,200 (35.4 %).
        assert "97,993" in page and "35.4%" in page, url


def test_a_target_date_is_written_alike_on_the_dashboard_and_the_programme_page(viewer, seeded):
    stations = Indicator.objects.get(office=seeded, key="subway-stations")
    due = stations.targets.get().due_text
    assert due == "'24.12월"
    program = Program.objects.get(pk=stations.subject_id)
    dashboard = text(viewer.get(reverse("home"), AS_OF))
    programme = text(viewer.get(reverse("programs:detail", args=[program.pk])))
    for page in (dashboard, programme):
        assert due in page
        assert "2024. 12. 1." not in page and "2024-12-01" not in page
