"""Changes to reports that touch several records: copying a definition, finalising."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from sijeong.accounts.models import User
from sijeong.accounts.roles import is_admin
from sijeong.documents.model import final, flags

from .build import build, figure_values
from .models import Block, FrozenFile, Report
from .writing import FORMATS, render


class ReportError(Exception):
    """A change a report cannot take; the message is Korean, for the person asking."""


@transaction.atomic
def copy_report(report: Report, slug: str, **fields: Any) -> Report:
    """A new draft with the same sections and blocks, e.g. for another period or office.

    The copy is compared with `report` (its `based_on`) when that one is final.
    """
    if Report.objects.filter(slug=slug).exists():
        raise ReportError(f"식별자 '{slug}'인 보고서가 이미 있습니다.")
    copy = Report.objects.create(
        office=fields.pop("office", report.office),
        slug=slug,
        title=fields.pop("title", report.title),
        issued=fields.pop("issued", report.issued),
        period_start=fields.pop("period_start", report.period_start),
        period_end=fields.pop("period_end", report.period_end),
        as_of=fields.pop("as_of", report.as_of),
        based_on=report,
        **fields,
    )
    for section in report.sections.prefetch_related("blocks"):
        blocks = list(section.blocks.all())
        section.pk = None
        section.report = copy
        section.save()
        Block.objects.bulk_create(
            Block(
                section=section,
                order=b.order,
                kind=b.kind,
                title=b.title,
                symbol=b.symbol,
                params=b.params,
            )
            for b in blocks
        )
    return copy


def data_hash(figures: dict[str, list[str]], files: dict[str, bytes]) -> str:
    """A fingerprint of what a report printed: its figures and the bytes of its files."""
    digest = hashlib.sha256(json.dumps(figures, sort_keys=True, ensure_ascii=False).encode())
    for fmt in sorted(files):
        digest.update(hashlib.sha256(files[fmt]).digest())
    return digest.hexdigest()


@transaction.atomic
def finalise(report: Report, by: User, reasons: dict[int, str] | None = None) -> Report:
    """Freeze a draft: write every format once and keep the files, the figures and a hash.

    The files are finals: no draft mark and no marks of the checks. While the checks mark
    places in the report, it is finalised only by a 관리자 who gives a reason for each
    (`reasons`, by the place's number in `documents.model.flags`), kept with the report. Later edits
    to the records change drafts, never a final report's files.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_final:
        raise ReportError("이미 확정된 보고서입니다.")
    document = build(report)
    marked = flags(document)
    given = {k: v.strip() for k, v in (reasons or {}).items() if v and v.strip()}
    if marked and not is_admin(by):
        raise ReportError(
            f"확인이 필요한 곳 {len(marked)}건이 있어 확정할 수 없습니다. 기록을 고치거나, "
            "관리자가 곳마다 사유를 적어 확정해 주세요."
        )
    missing = [n for n in range(len(marked)) if n not in given]
    if missing:
        raise ReportError(
            f"확인이 필요한 곳 {len(marked)}건 중 {len(missing)}건에 사유가 없습니다. "
            "곳마다 확정하는 사유를 적어 주세요. 확정하지 않았습니다."
        )
    now = timezone.now()
    report.acknowledged = [
        {
            "text": flag.text,
            "message": flag.message,
            "reason": given[n],
            "by": by.get_full_name() or by.username,
            "at": now.isoformat(timespec="seconds"),
        }
        for n, flag in enumerate(marked)
    ]
    files = {fmt: render(final(document), fmt) for fmt in FORMATS}
    for fmt, content in files.items():
        FrozenFile.objects.create(
            report=report, format=fmt, content=content, sha256=hashlib.sha256(content).hexdigest()
        )
    report.figures = figure_values(document)
    report.data_hash = data_hash(report.figures, files)
    report.status = Report.Status.FINAL
    report.finalised_at = now
    report.finalised_by = by
    # The history names who finalised, whichever door they came by (a page, a command).
    report._history_user = by  # type: ignore[attr-defined]
    report.save()
    return report


@dataclass(frozen=True)
class MovedFigure:
    key: str
    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label} {self.before} → {self.after}"


def moved_figures(draft: Report) -> list[MovedFigure]:
    """Figures of a draft that differ from the final report it is based on.

    Printed as `집행률 40.1% → 45.2%`."""
    base = draft.based_on
    if base is None or not base.is_final:
        return []
    now = figure_values(build(draft))
    moved = []
    for key, (label, before) in base.figures.items():
        after = now.get(key, [label, "(없음)"])[1]
        if after != before:
            moved.append(MovedFigure(key, label, before, after))
    return moved
