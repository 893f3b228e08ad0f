"""정책사업 pages: the programme tree, and each programme with its indicators, milestones
and tracked items."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sijeong.core.formatting import format_date, format_month
from sijeong.core.models import Indicator
from sijeong.core.progress import standing
from sijeong.schedule import months
from sijeong.web.charts import indicator_chart, indicator_rows
from sijeong.web.nonces import csp_nonce
from sijeong.web.offices import office_or_404
from sijeong.web.sections import latest_data_day

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
    # The dashboard's day unless asked: a status depends on the day it is asked on.
    opened_on = latest_data_day(office, timezone.localdate())
    as_of = months.parse_day(request.GET.get("as_of"), opened_on, "기준일")
    indicators = Indicator.objects.filter(
        subject_type=ContentType.objects.get_for_model(Program), subject_id=program.pk
    ).prefetch_related("observations", "targets")
    charts = [
        {
            "indicator": indicator,
            "standing": standing(indicator, as_of),
            "svg": indicator_chart(indicator, csp_nonce(request), as_of=as_of),
            "rows": indicator_rows(indicator, as_of),
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
        "as_of": as_of,
        "as_of_text": format_date(as_of, weekday=False),
        "milestones": milestones,
        "tracked": tracked,
    }
    return render(request, "programs/detail.html", context)
