"""Derivations compute a stated figure from item records, or say they cannot."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from sijeong.core.derivations import derive
from sijeong.core.findings import run_checks
from sijeong.core.models import Indicator, Observation
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Program, TrackedItem
from sijeong.relations.models import MeetingSeries, MeetingSession

AS_OF = datetime.date(2024, 8, 31)
TERM = datetime.date(2022, 7, 1)


def stated(ind, value, dims=None, **extra):
    fields = {"as_of": AS_OF, "source": "테스트"} | extra
    return Observation.objects.create(
        indicator=ind, value=Decimal(value), dimension_values=dims or {}, **fields
    )


def about(obj):
    return {"subject_type": ContentType.objects.get_for_model(obj), "subject_id": obj.pk}


def briefing(office, department, day):
    return MediaEngagement.objects.create(
        office=office, department=department, kind="briefing", date=day, title="설명회"
    )


def test_briefings_are_counted_in_the_period(office, department):
    for day in (1, 2, 3):
        briefing(office, department, datetime.date(2024, 3, day))
    briefing(office, department, datetime.date(2023, 12, 31))
    ind = Indicator.objects.create(
        office=office,
        department=department,
        key="b",
        name="기자설명회",
        unit="회",
        derivation="press.engagements",
        derivation_params={"kind": "briefing"},
    )
    obs = stated(ind, 3, period_start=datetime.date(2024, 1, 1), period_end=AS_OF)
    assert derive(obs) == 3


def test_a_count_the_records_contradict_is_a_warning(office, department):
    briefing(office, department, datetime.date(2024, 3, 1))
    ind = Indicator.objects.create(
        office=office,
        department=department,
        key="b",
        name="기자설명회",
        unit="회",
        derivation="press.engagements",
        derivation_params={"kind": "briefing"},
    )
    stated(ind, 11, period_start=datetime.date(2024, 1, 1), period_end=AS_OF)
    findings = run_checks(office)
    assert [f.code for f in findings] == ["core.stated_vs_derived"]
    assert "기재 11회, 기록 집계 1회" in findings[0].message


def test_interviews_known_only_as_counts_are_not_contradicted(office, department):
    ind = Indicator.objects.create(
        office=office,
        department=department,
        key="i",
        name="인터뷰",
        unit="회",
        derivation="press.engagements",
        derivation_params={"kind": "interview", "dimension": "매체"},
    )
    assert derive(stated(ind, 13, {"매체": "신문"})) is None


def test_attendance_adds_sessions_on_record_to_stated_earlier_counts(office, department):
    series = MeetingSeries.objects.create(office=office, department=department, name="회의")
    for number, day in ((6, datetime.date(2024, 2, 27)), (7, datetime.date(2024, 7, 25))):
        MeetingSession.objects.create(series=series, number=number, date=day, attendance="proxy")
    ind = Indicator.objects.create(
        office=office,
        department=department,
        key="a",
        name="참석",
        unit="회",
        derivation="relations.sessions_attended",
        **about(series),
    )
    total = stated(ind, 6, period_start=TERM, period_end=AS_OF)
    earlier = stated(ind, 4, period_start=TERM, period_end=datetime.date(2023, 12, 31))
    assert (derive(total), derive(earlier)) == (6, None)


def test_absent_sessions_are_not_attendance(office, department):
    series = MeetingSeries.objects.create(office=office, department=department, name="회의")
    MeetingSession.objects.create(
        series=series, date=datetime.date(2024, 2, 1), attendance="absent"
    )
    MeetingSession.objects.create(series=series, date=datetime.date(2024, 3, 1))
    ind = Indicator.objects.create(
        office=office,
        department=department,
        key="a",
        name="참석",
        unit="회",
        derivation="relations.sessions_attended",
        **about(series),
    )
    assert derive(stated(ind, 2, period_start=TERM, period_end=AS_OF)) == 1


def test_programme_children_and_tracked_items_are_counted(office, department):
    brand = Program.objects.create(
        office=office, department=department, slug="b", kind="brand", title="브랜드"
    )
    for n in range(2):
        Program.objects.create(
            office=office,
            department=department,
            slug=f"d{n}",
            kind="domain",
            title=f"분야{n}",
            parent=brand,
        )
    for status in ("planned", "planned", "done"):
        TrackedItem.objects.create(program=brand, name="역", status=status)
    domains = Indicator.objects.create(
        office=office,
        department=department,
        key="d",
        name="분야",
        unit="대",
        derivation="programs.children",
        derivation_params={"kind": "domain"},
        **about(brand),
    )
    stations = Indicator.objects.create(
        office=office,
        department=department,
        key="s",
        name="역사",
        unit="개",
        dimensions=["1동선"],
        derivation="programs.tracked_items",
        derivation_params={"dimension": "1동선", "statuses": {"미확보": "planned"}},
        **about(brand),
    )
    assert derive(stated(domains, 2)) == 2
    assert derive(stated(stations, 10, {"1동선": "미확보"})) == 2
    assert derive(stated(stations, 328, {"1동선": "확보"})) is None
