"""정책사업 pages: the tree, and a programme with indicators, milestones and tracked items."""

import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.programs.models import Program


@pytest.fixture
def client(seed_people):
    return logged_in(seed_people["viewer"])


def test_the_tree_lists_every_programme_under_its_parent(client, seeded):
    page = client.get(reverse("programs:tree")).content.decode()
    assert page.index("편리한 대중교통 서비스 제공") < page.index("지하철 1역사 1동선 확보")
    assert Program.objects.filter(office=seeded).count() == page.count('class="depth-')


def test_a_programme_with_its_indicator_chart_timeline_and_stations(client, seeded):
    program = Program.objects.get(office=seeded, slug="step-free-stations")
    page = client.get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert "<svg" in page and "관리 항목" in page and "상월곡" in page
    assert "&#x27;24.10월" in page  # 상월곡's target month
    assert "{{" not in page  # narratives print their figures, not their placeholders
    assert "328" in page


def test_a_programme_of_another_office_is_not_found(client, office):
    other = Program.objects.create(
        office=office, department=office.departments.create(slug="d", name="부서"),
        slug="x", kind="task", title="남의 사업",
    )  # fmt: skip
    assert client.get(reverse("programs:detail", args=[other.pk])).status_code == 404
