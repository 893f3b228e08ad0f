"""Staffing rules and totals."""

import datetime

from sijeong.core.findings import run_checks, run_summaries
from sijeong.org.models import StaffingLine, StaffingSnapshot


def snapshot(office, department, *lines):
    snap = StaffingSnapshot.objects.create(
        office=office, department=department, as_of=datetime.date(2024, 8, 1)
    )
    for order, (series, grade, posts, filled) in enumerate(lines):
        StaffingLine.objects.create(
            snapshot=snap, series=series, grade=grade, posts=posts, filled=filled, order=order
        )
    return snap


def test_totals_and_subtotals_are_derived_per_series_in_table_order(office, department):
    snapshot(
        office,
        department,
        ("일반직", "5급", 2, 2),
        ("별정직", "5급상당", 17, 15),
        ("일반직", "7급", 2, 6),
    )
    [line] = [s for s in run_summaries(office) if s.code == "org.staffing"]
    assert line.label == "인력 현황 ('24.8월)"
    assert line.text == "총계 정원 21 / 현원 23, 일반직 4 / 8, 별정직 17 / 15"


def test_more_people_than_posts_is_noted_not_an_error(office, department):
    snapshot(office, department, ("일반직", "7급", 2, 6))
    [finding] = run_checks(office)
    assert (finding.code, finding.severity.value) == ("org.over_filled", "info")


def test_a_snapshot_within_its_posts_has_no_finding(office, department):
    snapshot(office, department, ("일반직", "5급", 2, 2))
    assert run_checks(office) == []


def test_an_empty_snapshot_is_a_warning(office, department):
    snapshot(office, department)
    assert [f.code for f in run_checks(office)] == ["org.empty_snapshot"]
