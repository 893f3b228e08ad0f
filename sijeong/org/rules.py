"""Staffing rules and the staffing totals (총계·소계) as the report prints them."""

from __future__ import annotations

from collections.abc import Iterable

from sijeong.core.findings import Finding, Severity, SummaryLine, Years, in_years, rule, summary
from sijeong.core.formatting import format_month
from sijeong.core.models import Office

from .models import StaffingSnapshot


def _snapshots(office: Office, years: Years = None) -> list[StaffingSnapshot]:
    snapshots = in_years(office.staffing_snapshots.all(), "as_of", years)
    return list(snapshots.prefetch_related("lines"))


@rule
def filled_within_posts(office: Office, years: Years = None) -> Iterable[Finding]:
    # More people than posts in one grade happens (people placed above or below their
    # grade's posts); it is worth seeing, not an error.
    for snapshot in _snapshots(office, years):
        if not snapshot.lines.all():
            yield Finding.about(
                snapshot, Severity.WARNING, "org.empty_snapshot", "인력 현황에 행이 없습니다."
            )
        for line in snapshot.lines.all():
            if line.filled > line.posts:
                yield Finding.about(
                    line,
                    Severity.INFO,
                    "org.over_filled",
                    f"{line.series} {line.grade}의 현원 {line.filled}명이 "
                    f"정원 {line.posts}명보다 많습니다.",
                    "filled",
                )


@summary
def staffing_totals(office: Office) -> Iterable[SummaryLine]:
    for snapshot in _snapshots(office):
        total = snapshot.total()
        parts = [f"총계 정원 {total.posts} / 현원 {total.filled}"] + [
            f"{group.series} {group.total.posts} / {group.total.filled}"
            for group in snapshot.series_totals()
        ]
        yield SummaryLine(
            code="org.staffing",
            label=f"인력 현황 ({format_month(snapshot.as_of)})",
            text=", ".join(parts),
        )
