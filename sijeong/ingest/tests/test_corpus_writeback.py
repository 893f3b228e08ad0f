"""Real work reports of other offices (data/corpus/, 주요업무보고) imported and written back:
the imported report definition keeps at least 95 % of each document's non-blank lines."""

from __future__ import annotations

import datetime
import html
import re
import tomllib
from pathlib import Path

import pytest

from sijeong.core.models import Office
from sijeong.ingest import actions
from sijeong.reports.models import Report
from sijeong.reports.writing import write

CORPUS = Path(__file__).resolve().parents[3] / "data" / "corpus"
WORK_REPORTS = sorted(
    path.with_suffix(".txt")
    for path in CORPUS.glob("*.toml")
    if tomllib.loads(path.read_text(encoding="utf-8"))["kind"].startswith("주요업무보고")
)


def squeezed(text: str) -> str:
    """Text without the marks a writer adds or drops: spaces, table rules, bold, headings."""
    return re.sub(r"[\s*|#>\\-]+", "", text)


def test_the_corpus_holds_work_reports():
    assert len(WORK_REPORTS) >= 5


@pytest.mark.parametrize("path", WORK_REPORTS, ids=lambda path: path.stem)
def test_an_imported_work_report_written_back_keeps_its_lines(db, path):
    office = Office.objects.create(
        slug="corpus", organization="기관", organization_short="기관", name="기관"
    )
    try:
        actions.apply(path.read_bytes(), path.name, office, report="corpus")
    except actions.ReportDefinitionError as refused:
        # A document that states no date is refused with a reason, and imported once the
        # person gives its 기준일, as the message asks.
        assert "기준일을 적어 주세요" in str(refused)
        as_of = datetime.date.fromisoformat(
            tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))["retrieved"]
        )
        actions.apply(path.read_bytes(), path.name, office, report="corpus", as_of=as_of)
    # The Markdown escapes < and & as entities, which a reader shows as the characters.
    written = squeezed(html.unescape(write(Report.objects.get(slug="corpus"), "md").decode()))
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lost = [line for line in lines if squeezed(line) not in written]
    assert len(lost) <= 0.05 * len(lines), lost
