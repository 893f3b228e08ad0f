"""A narrative whose placeholder cannot be read still shows on its programme's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.programs.models import Narrative, Program

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("placeholder", "finding"),
    [
        ("{{7*7}}", "{{7*7}}: 수치 자리표시를 읽을 수 없습니다."),
        ("{{ }}", "{{ }}: 수치 자리표시를 읽을 수 없습니다."),
        ("{{call-taxi-vehicles|구분}}", "구분은 &#x27;구분=값&#x27; 형식이어야 합니다."),
        ("{{call-taxi-vehicles@2024-02-30}}", "날짜 2024-02-30가 올바르지 않습니다."),
        ("{{call-taxi-vehicles:cube}}", "알 수 없는 표기 &#x27;cube&#x27;입니다."),
        ("{{milestone:한글}}", "추진일정 영문 코드가 올바르지 않습니다."),
    ],
)
def test_a_malformed_placeholder_is_shown_with_its_finding(seed_people, placeholder, finding):
    program = Program.objects.get(slug="step-free-stations")
    Narrative.objects.create(
        program=program,
        section=Narrative.Section.PROGRESS,
        text=f"장애인 콜택시 {{{{call-taxi-vehicles:plan}}}}, 시험 {placeholder} 끝",
    )
    response = logged_in(seed_people["viewer"]).get(reverse("programs:detail", args=[program.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    # The rest of the narrative is printed, the bad placeholder marked where it stands.
    assert "장애인 콜택시 &#x27;23년 722대 → &#x27;24년 782대, 시험 [확인 필요: " in page
    assert finding in page and "] 끝" in page
