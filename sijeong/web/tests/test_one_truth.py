"""One figure, one value: the same fact shows the same number and the same date on every page
that shows it (the 언론 page, the dashboard, 조직·예산, a programme and the report)."""

import csv
import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
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


class _Tables(HTMLParser):
    """Every table of a page as its caption and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._caption: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1] = ("".join(self._caption).strip(), self.tables[-1][1])
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        for part in (self._caption, self._cell):
            if part is not None:
                part.append(data)


def statuses(page: str, caption: str) -> dict[str, str]:
    """{indicator: status} from the page's table whose caption holds `caption`, read by its
    header's 지표 and 상태 columns; rows without a status are left out."""
    parser = _Tables()
    parser.feed(page)
    [rows] = [rows for title, rows in parser.tables if caption in title]
    header, *body = rows
    name, status = header.index("지표"), header.index("상태")
    return {row[name]: row[status] for row in body if len(row) == len(header) and row[status]}


def test_every_targeted_indicator_has_one_status_on_every_page_and_in_the_api(viewer, seeded):
    # Each opens on the dashboard's day unless asked: the office's last day with figures.
    dashboard = statuses(viewer.get(reverse("home")).content.decode(), "목표 대비")
    assert dashboard == {
        "늘봄학교 운영 학교": "지연",  # 26.5 % of the target with the due date a day away
        "지하철 역사": "순항",
        "장애인콜택시": "순항",
        "바우처택시": "순항",
    }
    public = Client().get(reverse("public:programs")).content.decode()
    assert "2024. 8. 31. 기준" in public
    assert statuses(public, "정책사업 지표") == dashboard
    lines = list(csv.DictReader(io.StringIO(
        Client().get(reverse("public:indicators_csv")).content.decode("utf-8-sig")
    )))  # fmt: skip
    assert {r["지표"]: r["상태"] for r in lines if r["상태"]} == dashboard
    api = Client().get("/api/v1/indicators/", {"page_size": 100}).json()["items"]
    assert {i["name"]: i["progress"]["status"] for i in api if i["progress"]["status"]} == dashboard
    programmes = {}
    for indicator in Indicator.objects.filter(office=seeded, targets__isnull=False).distinct():
        page = viewer.get(reverse("programs:detail", args=[indicator.subject_id]))
        programmes.update(statuses(page.content.decode(), "목표 대비"))
    assert programmes == dashboard
