"""Every report sijeong writes for generated offices passes its own 검산: each table adds up
exactly as printed (issue 22). Small generated offices over several years give budget lines
whose amounts in won round to 천원 unevenly, which is where printed parts and totals parted."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sijeong.checking.document import check_file
from sijeong.reports.models import Report
from sijeong.reports.writing import write

# What the checker says of figures that do not add up, as against dates, names or duplicates.
ARITHMETIC = {
    "total-mismatch",
    "rate-mismatch",
    "difference-mismatch",
    "cumulative-smaller",
    "unit-slip",
    "share-sentence",
}


@pytest.mark.django_db
def test_every_report_of_generated_offices_adds_up_as_printed() -> None:
    call_command(
        "generate_data", years=3, offices=4, seed=7, scale=0.05, end_year=2024, stdout=StringIO()
    )
    reports = list(Report.objects.filter(office__slug__startswith="gen-").order_by("slug"))
    assert len(reports) == 12
    found = {}
    for report in reports:
        checked = check_file(write(report, "md"), f"{report.slug}.md")
        assert len(checked.tables) >= 2, report.slug  # the staffing and the budget tables
        wrong = [f"{f.line}행 {f.message}" for f in checked.findings if f.code in ARITHMETIC]
        if wrong:
            found[report.slug] = wrong
    assert found == {}
