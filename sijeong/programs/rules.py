"""Programme rules: dates in order, tracked items dated, milestone keys and prose figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sijeong.core.findings import Finding, Severity, Years, rule
from sijeong.core.models import Office

from .models import Milestone, Narrative, TrackedItem, running_in
from .placeholders import OfficeRecords, resolve_errors

# Programmes, their tracked items, milestones and narratives are tens per office and year, and a
# milestone key must be unique over all of them: these rules look at every year.


@rule
def program_dates_in_order(office: Office, years: Years = None) -> Iterable[Finding]:
    for program in office.programs.exclude(start=None).exclude(end=None):
        assert program.start is not None and program.end is not None
        if program.end < program.start:
            yield Finding.about(
                program,
                Severity.ERROR,
                "programs.ends_before_start",
                f"종료일({program.end})이 시작일({program.start})보다 이릅니다.",
                "end",
            )


@rule
def tracked_items_dated(office: Office, years: Years = None) -> Iterable[Finding]:
    items = TrackedItem.objects.filter(program__office=office)
    for item in items.filter(status=TrackedItem.Status.DONE, done=None):
        yield Finding.about(
            item, Severity.WARNING, "programs.done_without_date", "완료 시점이 없습니다.", "done"
        )
    for item in items.filter(status=TrackedItem.Status.PLANNED, due=None):
        yield Finding.about(
            item, Severity.WARNING, "programs.planned_without_due", "목표 시점이 없습니다.", "due"
        )


@rule
def milestone_keys_unique(office: Office, years: Years = None) -> Iterable[Finding]:
    milestones = Milestone.objects.filter(program__office=office).exclude(key="")
    counts = Counter(m.key for m in milestones)
    for milestone in milestones:
        if counts[milestone.key] > 1:
            yield Finding.about(
                milestone,
                Severity.ERROR,
                "programs.milestone_key_duplicate",
                f"영문 코드 '{milestone.key}'인 추진일정이 {counts[milestone.key]}개 있습니다.",
                "key",
            )


@rule
def narrative_figures_resolve(office: Office, years: Years = None) -> Iterable[Finding]:
    # With some years, the prose of the programmes that run in them.
    found = Narrative.objects.filter(program__office=office, text__contains="{{")
    if years:
        found = found.filter(running_in(min(years), max(years), "program__"))
    narratives = list(found)
    records = OfficeRecords.load(office.pk, [n.text for n in narratives]) if narratives else None
    for narrative in narratives:
        assert records is not None
        for message in resolve_errors(narrative.text, records):
            yield Finding.about(
                narrative, Severity.ERROR, "programs.placeholder_unresolved", message, "text"
            )
