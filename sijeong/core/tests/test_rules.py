"""Rules over stated figures: each is shown passing on a sound record and catching a broken one."""

import datetime
from decimal import Decimal

import pytest

from sijeong.core.findings import run_checks, run_summaries
from sijeong.core.models import Indicator, Observation

AS_OF = datetime.date(2024, 8, 31)


def indicator(office, department, **extra):
    defaults = {"key": "applications", "name": "신청", "unit": "가정", "dimensions": ["가구유형"]}
    return Indicator.objects.create(office=office, department=department, **(defaults | extra))


def observe(ind, value, dims=None, **extra):
    fields = {"as_of": AS_OF, "source": "테스트"} | extra
    return Observation.objects.create(
        indicator=ind, value=Decimal(value), dimension_values=dims or {}, **fields
    )


def codes(office):
    return [f.code for f in run_checks(office)]


@pytest.fixture
def applications(office, department):
    ind = indicator(office, department)
    observe(ind, 731)
    observe(ind, 20, {"가구유형": "한부모"})
    observe(ind, 711, {"가구유형": "맞벌이"})
    observe(ind, 341, {"지역": "강남3구+강동"})
    return ind


def test_a_breakdown_that_adds_up_is_fine(office, applications):
    assert codes(office) == []


def test_a_breakdown_that_does_not_add_up_is_an_error(office, applications):
    applications.observations.filter(dimension_values={"가구유형": "맞벌이"}).update(value=710)
    assert codes(office) == ["core.breakdown_sum"]


def test_approximate_figures_are_not_added_up(office, applications):
    applications.observations.filter(dimension_values={"가구유형": "맞벌이"}).update(
        value=700, approximate=True
    )
    assert codes(office) == []


def test_a_part_larger_than_its_total_is_an_error(office, applications):
    applications.observations.filter(dimension_values={"지역": "강남3구+강동"}).update(value=800)
    assert codes(office) == ["core.part_exceeds_total"]


def test_shares_are_summarised_at_one_decimal_rounded_half_up(office, applications):
    texts = [s.text for s in run_summaries(office) if s.code == "core.share"]
    assert "731가정 중 지역 강남3구+강동 341가정 (46.6%)" in texts


def test_a_stated_change_that_matches_last_year_is_fine(office, department):
    trips = indicator(office, department, key="trips", name="이용", unit="건", dimensions=[])
    last = {"period_start": datetime.date(2023, 1, 1), "period_end": datetime.date(2023, 8, 31)}
    observe(trips, 1000, as_of=datetime.date(2023, 8, 31), **last)
    this = {"period_start": datetime.date(2024, 1, 1), "period_end": AS_OF}
    observe(trips, 932, stated_change_pct=Decimal("-6.8"), **this)
    assert codes(office) == []


def test_a_stated_change_that_does_not_match_is_a_warning(office, department):
    trips = indicator(office, department, key="trips", name="이용", unit="건", dimensions=[])
    last = {"period_start": datetime.date(2023, 1, 1), "period_end": datetime.date(2023, 8, 31)}
    observe(trips, 1000, as_of=datetime.date(2023, 8, 31), **last)
    this = {"period_start": datetime.date(2024, 1, 1), "period_end": AS_OF}
    observe(trips, 950, stated_change_pct=Decimal("-6.8"), **this)
    findings = run_checks(office)
    assert [f.code for f in findings] == ["core.yoy_mismatch"]
    assert "-5.0%" in findings[0].message


def test_a_stated_change_without_last_year_on_record_is_not_checked(office, department):
    trips = indicator(office, department, key="trips", name="이용", unit="건", dimensions=[])
    observe(trips, 810_219, stated_change_pct=Decimal("-6.8"))
    assert codes(office) == []


def test_a_period_ending_after_its_as_of_date_is_a_warning(office, department):
    ind = indicator(office, department, dimensions=[])
    observe(ind, 1, period_end=datetime.date(2024, 9, 30))
    assert codes(office) == ["core.period_after_as_of"]
