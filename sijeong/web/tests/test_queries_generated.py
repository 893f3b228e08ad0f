"""Each page asks as many SQL queries for the seed office as for a generated office: the number
of queries depends on the page, not on the office's data (issue 16).

The seed's office and a small generated one (`generate_data`) share the test database; each
page is asked by each office's 관리자 (the planning page by its 일정 담당) at a record or date
where that office has data, and the counts are compared page by page: once with what the
shared cache keeps (the data checks' findings, report pages, charts) kept from the request
before, once with nothing kept.
"""

import datetime
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.core.models import Office
from sijeong.core.testing import logged_in, page_queries
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Program
from sijeong.reports.models import Report
from sijeong.schedule.models import Event
from sijeong.web.records import TYPES

# Both offices have data on this day: the seed's report is as of it, and the generated data
# ends with 2024.
AS_OF = datetime.date(2024, 8, 31)


@pytest.fixture
def generated(seeded: Office) -> Office:
    """A small generated city office in the same database as the seed."""
    call_command(
        "generate_data",
        years=2,
        offices=1,
        seed=1,
        scale=0.05,
        end_year=AS_OF.year,
        password="generated",
        stdout=StringIO(),
    )
    return Office.objects.get(slug="gen-city")


def urls(office: Office, program: Program) -> list[str]:
    """The same pages for `office`, each at a record or date where the office has data."""
    event = Event.objects.filter(office=office, date__year=AS_OF.year).order_by("date", "pk")[0]
    media = MediaEngagement.objects.filter(office=office).order_by("date", "pk")[0]
    found = [reverse("web:records", args=[t.slug]) for t in TYPES]
    found += [reverse("web:records", args=[t.slug]) + "?format=csv" for t in TYPES]
    found += [
        reverse("home") + f"?as_of={AS_OF.isoformat()}",
        reverse("schedule:calendar") + f"?month={AS_OF:%Y-%m}",
        reverse("schedule:calendar") + f"?view=week&date={event.date.isoformat()}",
        reverse("schedule:list"),
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
        reverse("web:section", args=["조직·예산"]) + f"?as_of={AS_OF.isoformat()}",
        reverse("jobs:list"),
    ]
    return found


@dataclass
class Asking:
    """One office's pages and who asks them."""

    admin: User
    planner: User
    pages: list[str]
    report: str


@pytest.fixture
def asking(
    seeded: Office, seed_people: dict[str, User], generated: Office
) -> tuple[Asking, Asking]:
    # A project with indicators, milestones and tracked items, like the seed's.
    project = Program.objects.filter(
        office=generated, kind=Program.Kind.PROJECT, tracked_items__isnull=False
    ).order_by("pk")[0]
    return (
        Asking(
            seed_people["admin"],
            seed_people["planner"],
            urls(seeded, Program.objects.get(office=seeded, slug="step-free-stations")),
            reverse("reports:detail", args=[Report.objects.get(office=seeded).slug]),
        ),
        Asking(
            User.objects.get(username="gen-city-admin"),
            User.objects.get(username="gen-city-planner"),
            urls(generated, project),
            reverse("reports:detail", args=[f"gen-city-{AS_OF.year}"]),
        ),
    )


def counts(who: Asking, keep: bool, report: bool) -> list[tuple[str, int]]:
    admin, planner = logged_in(who.admin), logged_in(who.planner)
    pages = [*who.pages, who.report] if report else who.pages
    found = [(url, page_queries(admin, url, keep)) for url in pages]
    plan = reverse("planning:plan") + "?start=2024-09-01&end=2024-09-30"
    return [*found, (plan, page_queries(planner, plan, keep))]


def differences(asking: tuple[Asking, Asking], keep: bool, report: bool = True) -> str:
    """The pages whose counts differ, one a line: `url: seed N vs generated M`."""
    seed, generated = (counts(who, keep, report) for who in asking)
    return "\n".join(
        f"{url}: seed {a} vs generated {b}  ({other})"
        for (url, a), (other, b) in zip(seed, generated, strict=True)
        if a != b
    )


def test_every_page_queries_as_much_for_generated_data_as_for_the_seed(
    asking: tuple[Asking, Asking],
) -> None:
    """The pages' own queries, with what the shared cache keeps (the data checks' findings,
    the report's page) kept from the request before."""
    differ = differences(asking, keep=True)
    assert not differ, "Query counts differ:\n" + differ


def test_with_nothing_kept_every_page_queries_as_much(asking: tuple[Asking, Asking]) -> None:
    """Nothing kept between requests: the data checks are counted too. The report's page is
    left out here: built afresh, it asks a few queries per block of the report's layout (its
    definition, which differs between the two reports), not per record."""
    differ = differences(asking, keep=False, report=False)
    assert not differ, "Query counts with nothing kept differ:\n" + differ
