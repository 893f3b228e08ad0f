"""Programme rules."""

import datetime

from sijeong.core.findings import run_checks
from sijeong.programs.models import Milestone, Narrative, Program, TrackedItem


def program(office, department, slug="p", **extra):
    return Program.objects.create(
        office=office, department=department, slug=slug, kind="project", title="사업", **extra
    )


def codes(office):
    return sorted(f.code for f in run_checks(office))


def test_a_programme_ending_before_it_starts_is_an_error(office, department):
    program(office, department, start=datetime.date(2025, 2, 28), end=datetime.date(2024, 9, 3))
    assert codes(office) == ["programs.ends_before_start"]


def test_tracked_items_need_their_dates(office, department):
    node = program(office, department)
    TrackedItem.objects.create(
        program=node, name="마천", status="done", done=datetime.date(2024, 6, 1)
    )
    TrackedItem.objects.create(program=node, name="상월곡", due=datetime.date(2024, 10, 1))
    assert codes(office) == []
    TrackedItem.objects.create(program=node, name="청담", status="done")
    TrackedItem.objects.create(program=node, name="복정")
    assert codes(office) == ["programs.done_without_date", "programs.planned_without_due"]


def test_a_milestone_key_used_twice_in_an_office_is_an_error(office, department):
    for slug in ("a", "b"):
        Milestone.objects.create(
            program=program(office, department, slug),
            key="launch",
            title="출시",
            date=datetime.date(2024, 11, 1),
        )
    assert codes(office) == ["programs.milestone_key_duplicate"] * 2


def test_a_figure_in_prose_that_names_nothing_is_an_error(office, department):
    Narrative.objects.create(
        program=program(office, department), section="progress", text="단시간 운전원 {{drivers}}"
    )
    assert codes(office) == ["programs.placeholder_unresolved"]
