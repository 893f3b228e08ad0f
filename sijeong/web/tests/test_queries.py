"""Each page's number of SQL queries does not grow with the data (small vs ten times more)."""

import datetime

import pytest
from django.urls import reverse

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.models import Indicator, Observation
from sijeong.core.testing import logged_in, page_queries
from sijeong.org.models import StaffingSnapshot
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Milestone, Program, TrackedItem
from sijeong.relations.models import MeetingSeries, MeetingSession
from sijeong.schedule.models import Event
from sijeong.web.records import TYPES


@pytest.fixture
def client(seed_people):
    return logged_in(seed_people["admin"])


def more_of_everything(office, n=40):
    department = office.departments.first()
    program = Program.objects.get(office=office, slug="step-free-stations")
    series = MeetingSeries.objects.filter(office=office).first()
    line = BudgetLine.objects.filter(office=office).first()
    day = datetime.date(2024, 3, 1)
    MediaEngagement.objects.bulk_create(
        MediaEngagement(
            office=office, department=department, kind="briefing", date=day, title=f"설명회 {i}"
        )
        for i in range(n)
    )
    MeetingSession.objects.bulk_create(
        MeetingSession(series=series, number=100 + i, date=day) for i in range(n)
    )
    Expenditure.objects.bulk_create(Expenditure(line=line, date=day, amount=1000) for _ in range(n))
    TrackedItem.objects.bulk_create(
        TrackedItem(program=program, name=f"역 {i}", due=day) for i in range(n)
    )
    Milestone.objects.bulk_create(
        Milestone(program=program, title=f"일정 {i}", date=day) for i in range(n)
    )
    StaffingSnapshot.objects.bulk_create(
        StaffingSnapshot(office=office, department=department, as_of=datetime.date(2000 + i, 1, 1))
        for i in range(n)
    )
    # Stated figures of a derived indicator, each over its own window: the checks compare
    # every one with the records, still in a fixed number of queries.
    derived = Indicator.objects.filter(office=office, derivation="press.engagements").first()
    Observation.objects.bulk_create(
        Observation(
            indicator=derived,
            period_start=datetime.date(2000 + i, 1, 1),
            period_end=datetime.date(2000 + i, 12, 31),
            as_of=datetime.date(2000 + i, 12, 31),
            value=0,
            source="시험",
        )
        for i in range(n)
    )
    Program.objects.bulk_create(
        Program(
            office=office,
            department=department,
            parent=program,
            slug=f"p{i}",
            kind="project",
            title=f"사업 {i}",
        )
        for i in range(n)
    )


def test_no_page_queries_more_with_more_records(client, seeded):
    program = Program.objects.get(office=seeded, slug="step-free-stations")
    urls = [reverse("web:records", args=[t.slug]) for t in TYPES]
    urls += [reverse("web:records", args=[t.slug]) + "?format=csv" for t in TYPES]
    event = Event.objects.filter(office=seeded).first()
    media = MediaEngagement.objects.filter(office=seeded).first()
    urls += [
        reverse("home") + "?as_of=2024-08-31",
        reverse("schedule:detail", args=[event.pk]),
        reverse("schedule:edit", args=[event.pk]),
        reverse("web:record", args=["media", media.pk]),
        reverse("web:edit", args=["media", media.pk]),
        reverse("ingest:list"),
        reverse("reports:list"),
        reverse("programs:tree"),
        reverse("programs:detail", args=[program.pk]),
        reverse("web:record", args=["programs", program.pk]),
        reverse("web:section", args=["언론"]),
        reverse("web:section", args=["대외협력"]),
        reverse("web:section", args=["조직·예산"]) + "?as_of=2024-08-31",
    ]
    before = {url: page_queries(client, url) for url in urls}
    more_of_everything(seeded)
    after = {url: page_queries(client, url) for url in urls}
    assert after == before
