"""정책사업 pages: the programme tree, and each programme with its indicators, milestones
and tracked items."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sijeong.core.formatting import format_month
from sijeong.core.models import Indicator
from sijeong.web.charts import indicator_chart, indicator_rows
from sijeong.web.nonces import csp_nonce
from sijeong.web.offices import office_or_404

from .models import Program
from .placeholders import OfficeRecords, resolved_text


@login_required
def program_tree(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request.user)
    programs = list(Program.objects.filter(office=office).order_by("order", "pk"))
    children = defaultdict(list)
    for program in programs:
        children[program.parent_id].append(program)

    def branch(parent_id: int | None, depth: int) -> list[tuple[Program, int]]:
        rows = []
        for program in children.get(parent_id, []):
            rows.append((program, depth))
            rows.extend(branch(program.pk, depth + 1))
        return rows

    return render(request, "programs/tree.html", {"rows": branch(None, 0)})


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    office = office_or_404(request.user)
    program = get_object_or_404(
        Program.objects.filter(office=office).select_related("parent", "department"), pk=pk
    )
    indicators = Indicator.objects.filter(
        subject_type=ContentType.objects.get_for_model(Program), subject_id=program.pk
    ).prefetch_related("observations", "targets")
    charts = [
        {
            "indicator": indicator,
            "svg": indicator_chart(indicator, csp_nonce(request)),
            "rows": indicator_rows(indicator),
        }
        for indicator in indicators.order_by("order", "pk")
    ]
    records = OfficeRecords.load(program.office_id)
    milestones = [
        (m, format_month(m.date) + ("~" if m.open_ended else "")) for m in program.milestones.all()
    ]
    tracked = [
        (item, format_month(item.due) if item.due else "") for item in program.tracked_items.all()
    ]
    context = {
        "program": program,
        "children": program.children.order_by("order", "pk"),
        "narratives": [(n, resolved_text(n.text, records)) for n in program.narratives.all()],
        "charts": charts,
        "milestones": milestones,
        "tracked": tracked,
    }
    return render(request, "programs/detail.html", context)
