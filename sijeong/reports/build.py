"""Report assembly: a Report's sections and blocks, queried over the records, as a document.

Each block kind is a function of (block, context) giving document blocks. The figures are
computed here from the records known on the report's as-of date, never read from the
definition; the definition only says what to print and in which shape.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, groupby

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from sijeong.budget.models import BudgetLine, Printed, budget_table
from sijeong.core.findings import Finding
from sijeong.core.formatting import (
    format_count,
    format_date_compact,
    format_date_short,
    format_month,
    format_number,
    format_percent,
    format_year,
)
from sijeong.core.models import Observation, Office
from sijeong.documents.model import (
    Block as DocBlock,
)
from sijeong.documents.model import (
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Figure,
    Flag,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Runs,
    Source,
    Table,
    runs,
)
from sijeong.org.models import StaffingSnapshot
from sijeong.press import counts as press_counts
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Narrative, Program, TrackedItem
from sijeong.programs.placeholders import (
    OfficeRecords,
    Placeholder,
    PlaceholderError,
    resolve,
    split_text,
)
from sijeong.relations.models import Agreement, MeetingSeries
from sijeong.schedule.models import Event
from sijeong.schedule.rules import DUPLICATE, no_clashes, no_duplicates, times_well_formed

from .models import Block, Report, Section

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # beyond Ⅻ, Arabic numerals


def circled(n: int) -> str:
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


def source(obj: models.Model, description: str | None = None) -> Source:
    return Source(f"{obj._meta.label_lower}#{obj.pk}", description or str(obj))


@dataclass
class Context:
    report: Report
    office: Office
    findings: dict[tuple[str, int | None], list[Finding]]
    records: OfficeRecords
    # Open findings about records the report draws on but does not print, by problem.
    unplaced: dict[str, Flag] = field(default_factory=dict)

    @property
    def start(self) -> datetime.date:
        return self.report.period_start

    @property
    def end(self) -> datetime.date:
        return self.report.period_end

    @property
    def as_of(self) -> datetime.date:
        return self.report.as_of

    def findings_for(self, obj: models.Model, field: str) -> list[Finding]:
        return [
            f for f in self.findings.get((obj._meta.label_lower, obj.pk), []) if f.field == field
        ]

    def findings_for_code(self, obj: models.Model, code: str) -> list[Finding]:
        return [f for f in self.findings.get((obj._meta.label_lower, obj.pk), []) if f.code == code]

    def title(self, block: Block) -> str:
        return block.title.format(
            period=f"{format_month(self.start)}~{format_month(self.end)}",
            as_of=format_month(self.as_of),
        )


# -- prose ----------------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def prose(text: str, ctx: Context) -> Runs:
    """Narrative text as runs: `**…**` in bold, placeholders resolved to Figures."""
    out: list[Run] = []
    position = 0
    for match in _BOLD.finditer(text):
        out.extend(_resolved(text[position : match.start()], ctx))
        out.append(Emphasis(tuple(_resolved(match.group(1), ctx))))
        position = match.end()
    out.extend(_resolved(text[position:], ctx))
    return tuple(out)


def _resolved(text: str, ctx: Context) -> Iterator[Run]:
    try:
        pieces = list(split_text(text))
    except PlaceholderError as error:
        yield Flag(text, str(error))
        return
    for piece in pieces:
        if isinstance(piece, str):
            yield piece
        else:
            yield placeholder_figure(piece, ctx)


def placeholder_figure(placeholder: Placeholder, ctx: Context) -> Run:
    try:
        result = resolve(placeholder, ctx.records, ctx.as_of)
    except PlaceholderError as error:
        return Flag("(자료 없음)", str(error))
    sources = tuple(source(s) for s in result.sources)
    return Figure(result.text, sources, key=placeholder.raw, label=placeholder.raw)


def observation_figure(observation: Observation, text: str | None = None) -> Figure:
    indicator = observation.indicator
    dims = ", ".join(f"{k}={v}" for k, v in (observation.dimension_values or {}).items())
    key = f"indicator:{indicator.key}" + (f"|{dims}" if dims else "")
    return Figure(
        text or indicator.format_value(observation.value),
        (source(observation, f"{observation} — {observation.source}".strip(" —")),),
        key=key,
        label=f"{indicator.name} {dims}".strip(),
    )


# -- block kinds ----------------------------------------------------------------------------

Renderer = Callable[[Block, Context], Iterable[DocBlock]]
RENDERERS: dict[str, Renderer] = {}


def renders(kind: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        RENDERERS[kind] = func
        return func

    return register


@renders(Block.Kind.HEADING)
def heading_only(block: Block, ctx: Context) -> Iterable[DocBlock]:
    return _titled(block, ctx)


@renders(Block.Kind.FUNCTIONS)
def functions(block: Block, ctx: Context) -> Iterable[DocBlock]:
    for function in ctx.office.functions.prefetch_related("points"):
        yield Bullet("-", 0, runs(Emphasis(runs(function.title))))
        for point in function.points.all():
            yield Bullet("-", 1, runs(point.text))


@renders(Block.Kind.STAFFING)
def staffing(block: Block, ctx: Context) -> Iterable[DocBlock]:
    snapshot = StaffingSnapshot.known_on(ctx.office, ctx.as_of)
    if snapshot is None:
        yield Paragraph(runs(Flag("(자료 없음)", "기준일 이전의 인력 현황이 없습니다.")))
        return
    series = snapshot.series_totals()
    src = (source(snapshot),)

    def count(n: int, key: str, label: str) -> Cell:
        return Cell(runs(Figure(str(n) if n else "-", src, key=key, label=label)))

    total = snapshot.total()
    header_top = [Cell(runs("구분"), rowspan=2), Cell(runs("총계"), rowspan=2)]
    header_bottom: list[Cell] = []
    for s in series:
        header_top.append(Cell(runs(s.series), colspan=len(s.lines) + 1))
        header_bottom.append(Cell(runs("소계")))
        header_bottom.extend(Cell(runs(line.grade)) for line in s.lines)
    rows = []
    for label, attr in (("정원", "posts"), ("현원", "filled")):
        row = [Cell(runs(label)), count(getattr(total, attr), f"staffing:{attr}", f"{label} 총계")]
        for s in series:
            row.append(
                count(getattr(s.total, attr), f"staffing:{attr}:{s.series}", f"{s.series} {label}")
            )
            row.extend(
                count(getattr(line, attr), f"staffing:{attr}:{line}", f"{line} {label}")
                for line in s.lines
            )
        rows.append(tuple(row))
    notes = []
    extras = list(snapshot.extra_posts.all())
    for kind, posts in groupby(extras, key=lambda p: (p.agreed_with, p.employment_type)):
        posts_ = list(posts)
        agreed, employment = kind
        agreed_text = f"{agreed}와 협의된 " if agreed else ""
        notes.append(
            runs(
                f"※ {agreed_text}{employment} ",
                Figure(format_count(len(posts_), "명"), src, f"staffing:extra:{employment}"),
                f"({', '.join(p.title for p in posts_)}) 별도",
            )
        )
    yield Table(
        header=(tuple(header_top), tuple(header_bottom)),
        rows=tuple(rows),
        units=f"(기준 / 단위 : {format_month(snapshot.as_of)} / 명)",
        notes=tuple(notes),
    )


# Under a budget table whose 계 is not the won total rounded: how its figures were printed.
ROUNDING_NOTE = (
    "※ 금액은 과목마다 천원 미만을 반올림하였으며, 계·잔액·집행률은 표에 적힌 금액으로 계산함"
)


@renders(Block.Kind.BUDGET)
def budget(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """The execution table in 천원, every figure as `budget.models.budget_table` prints it."""
    lines = BudgetLine.objects.filter(office=ctx.office, fiscal_year=ctx.as_of.year)
    table = budget_table(lines, ctx.as_of)
    if block.title:
        yield Bullet(block.symbol or "●", 0, runs(ctx.title(block)))
    header = tuple(Cell(runs(t)) for t in ("구분", "예산액", "집행액", "잔액", "비고"))

    def row(
        label: str, printed: Printed, src: tuple[Source, ...], purpose: str
    ) -> tuple[Cell, ...]:
        def figure(text: str, field: str, word: str) -> Figure:
            return Figure(text, src, f"budget:{label}:{field}", f"{label} {word}")

        rate = figure(format_percent(printed.rate), "rate", "집행률")
        return (
            Cell(runs(label)),
            Cell(runs(figure(format_number(printed.amount), "budget", "예산액")), align="right"),
            Cell(
                runs(
                    figure(format_number(printed.executed), "executed", "집행액"), " (", rate, ")"
                ),
                align="right",
            ),
            Cell(runs(figure(format_number(printed.balance), "balance", "잔액")), align="right"),
            Cell(runs(purpose), align="left"),
        )

    rows = [row("계", table.total, tuple(source(line) for line, _ in table.rows), "")]
    rows.extend(
        row(line.subject, printed, (source(line),), line.purpose) for line, printed in table.rows
    )
    yield Table(
        header=(header,),
        rows=tuple(rows),
        units=f"(기준 / 단위 : {format_month(ctx.as_of)} / 천원)",
        notes=(runs(ROUNDING_NOTE),) if table.rounded else (),
    )


@renders(Block.Kind.TASKS)
def tasks(block: Block, ctx: Context) -> Iterable[DocBlock]:
    following = list(block.section.report.sections.filter(order__gt=block.section.order))
    children = []
    for section in following:
        if section.level <= block.section.level:
            break
        if section.level == block.section.level + 1:
            children.append(section)
    for number, section in enumerate(children, 1):
        yield Paragraph(runs(f"{circled(number)} ", Emphasis(runs(section.heading_title))))


def _narratives(program: Program, section: str, params: dict) -> list[Narrative]:
    items = [n for n in program.narratives.all() if n.section == section]
    if "labels" in params:
        items = [n for n in items if n.label in params["labels"]]
    if "exclude_labels" in params:
        items = [n for n in items if n.label not in params["exclude_labels"]]
    if "slice" in params:  # a run of the section's items, as an imported document has them
        start, end = params["slice"]
        items = items[start:end]
    return items


def narrative_bullets(
    items: list[Narrative],
    ctx: Context,
    symbol: str,
    base_level: int = 0,
    show_labels: bool = True,
) -> Iterator[Bullet]:
    """Narratives as bullets: `(label) text`; consecutive items of one label on one line,
    numbered ① ② (자격요건 ① … ② …)."""
    for (label, level), group in groupby(items, key=lambda n: (n.label, n.level)):
        members = list(group)
        content: list[Run] = []
        label = label if show_labels else ""
        if label and len(members) > 1:
            content.append(f"({label}) ")
            for number, item in enumerate(members, 1):
                content.extend(runs(f" {circled(number)} " if number > 1 else f"{circled(1)} "))
                content.extend(prose(item.text, ctx))
            yield Bullet(symbol, base_level + level - 1, tuple(content))
            continue
        for item in members:
            prefix = (f"({label}) ",) if label else ()
            yield Bullet(symbol, base_level + level - 1, (*prefix, *prose(item.text, ctx)))


def _program(block: Block, ctx: Context) -> Program:
    slug = block.params.get("program")
    if slug:
        return Program.objects.prefetch_related("narratives").get(office=ctx.office, slug=slug)
    assert block.section.program is not None, "block without a programme"
    return block.section.program


def _titled(block: Block, ctx: Context) -> Iterator[DocBlock]:
    if block.title:
        title = ctx.title(block)
        if block.symbol:
            yield Bullet(block.symbol, 0, runs(title))
        else:
            yield Paragraph(runs(title))


@renders(Block.Kind.NARRATIVE)
def narrative(block: Block, ctx: Context) -> Iterable[DocBlock]:
    yield from _titled(block, ctx)
    program = _program(block, ctx)
    items = _narratives(program, block.params.get("section", "progress"), block.params)
    yield from narrative_bullets(
        items,
        ctx,
        block.params.get("item_symbol", "-"),
        show_labels=block.params.get("show_labels", True),
    )


@renders(Block.Kind.TEXT)
def text(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """Lines kept as they were written: what an import could not turn into records."""
    yield from _titled(block, ctx)
    for line in block.params.get("lines", []):
        yield Paragraph(runs(line))


@renders(Block.Kind.PROJECTS)
def projects(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """Each child project: its headline (overview) with tags, then its progress lines."""
    yield from _titled(block, ctx)
    program = _program(block, ctx)
    children = program.children.filter(kind=Program.Kind.PROJECT).prefetch_related("narratives")
    for child in children:
        headline = _narratives(child, Narrative.Section.OVERVIEW, {})
        content: list[Run] = []
        if headline:
            content.extend(prose(headline[0].text, ctx))
        else:
            content.append(Emphasis(runs(child.title)))
        for tag in child.tags:
            content.extend((" ", Emphasis(runs(tag))))
        yield Bullet("-", 0, tuple(content))
        yield from narrative_bullets(
            _narratives(child, Narrative.Section.PROGRESS, {}), ctx, "-", base_level=1
        )


def _event_time(event: Event, ctx: Context) -> Run:
    if event.start_time is not None:
        return Figure(event.time_label, (source(event),))
    problems = ctx.findings_for(event, "time_text")
    if problems:
        return Flag(event.time_text, problems[0].message)
    return event.time_text


@renders(Block.Kind.EVENTS)
def events(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """The events of the report's period by domain (추진내용): those that took place (완료).

    Params: `kinds`, the event kinds to take (all by default); `statuses`, the statuses to
    take (default `["done"]`; e.g. `["done", "planned"]` to list what is still to come too).
    Two records that look like one event (`schedule.duplicate`) are marked where printed; when
    neither is printed, the report carries the mark without a place, so that it is resolved or
    acknowledged before finalising all the same.
    """
    yield from _titled(block, ctx)
    candidates = (
        Event.objects.filter(office=ctx.office, date__range=(ctx.start, ctx.end))
        .exclude(domain=None)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("domain")
        .order_by("domain__order", "domain_id", "-date", "-start_time")
    )
    if kinds := block.params.get("kinds"):
        candidates = candidates.filter(kind__in=kinds)
    statuses = block.params.get("statuses") or [Event.Status.DONE]
    considered = list(candidates)
    items = [e for e in considered if e.status in statuses]
    unprinted: dict[str, Finding] = {}
    for event in considered:
        for finding in ctx.findings_for_code(event, DUPLICATE):
            unprinted.setdefault(finding.problem_key, finding)
    for event in items:
        for finding in ctx.findings_for_code(event, DUPLICATE):
            unprinted.pop(finding.problem_key, None)
    for key, finding in unprinted.items():
        ctx.unplaced.setdefault(key, Flag(finding.object_repr, finding.message))
    heading = None
    for domain, group in groupby(items, key=lambda e: e.domain):
        assert domain is not None
        if domain.heading and domain.heading != heading:
            symbol = "○" if heading else "-"
            yield Bullet(symbol, 0, runs(domain.heading))
            heading = domain.heading
        yield Paragraph(runs(Emphasis(runs(f"{domain.name} 분야")), " ", domain.description))
        for event in group:
            twins = ctx.findings_for_code(event, DUPLICATE)
            title: Run = Flag(event.title, twins[0].message) if twins else event.title
            yield Bullet("√", 1, runs(title))
            when = runs(
                Figure(format_date_short(event.date), (source(event),)),
                " ",
                _event_time(event, ctx),
            )
            yield Bullet("▶", 2, runs("일시/장소 : ", *when, f" / {event.place}"))
            if event.summary:
                yield Bullet("▶", 2, runs(f"주요내용 : {event.summary}"))


def _stated(indicator_key: str, ctx: Context, dims: dict | None = None) -> Observation | None:
    """The stated figure for the report's period: the latest observation within it."""
    indicator = ctx.records.indicators.get(indicator_key)
    if indicator is None:
        return None
    candidates = [
        o
        for o in indicator.observations.all()
        if (o.dimension_values or {}) == (dims or {})
        and o.as_of <= ctx.as_of
        and (o.period_start is None or o.period_start >= ctx.start)
        and (o.period_end or o.as_of) <= ctx.end
    ]
    return max(candidates, key=lambda o: (o.as_of, o.pk), default=None)


@renders(Block.Kind.PRESS)
def press(block: Block, ctx: Context) -> Iterable[DocBlock]:
    yield from _titled(block, ctx)
    engagements = MediaEngagement.objects.filter(
        office=ctx.office, date__range=(ctx.start, ctx.end)
    )
    briefings = list(
        engagements.filter(kind=MediaEngagement.Kind.BRIEFING).order_by("-date", "order")
    )
    src = tuple(source(b) for b in briefings)
    yield Bullet(
        "-",
        0,
        runs(
            "시장 발표 기자설명회 : 총 ",
            Figure(format_count(len(briefings), "회"), src, "press:briefings", "기자설명회 횟수"),
        ),
    )
    for number, item in enumerate(briefings, 1):
        points = f" : {item.key_points}" if item.key_points else ""
        yield Bullet(
            "-",
            1,
            runs(
                f"{circled(number)} {item.title} (",
                Figure(format_date_compact(item.date), (source(item),)),
                f"){points}",
            ),
        )
    conferences = list(
        engagements.filter(kind=MediaEngagement.Kind.PRESS_CONFERENCE).order_by("date")
    )
    listed = ", ".join(f"{c.title}({c.date.month}.{c.date.day}.)" for c in conferences)
    yield Bullet(
        "-",
        0,
        runs(
            "기자 간담회 : ",
            Figure(
                format_count(len(conferences), "회"),
                tuple(source(c) for c in conferences),
                "press:conferences",
                "기자 간담회 횟수",
            ),
            f" [{listed}]" if listed else "",
        ),
    )
    key = block.params.get("interviews", press_counts.INTERVIEWS)
    total = _stated(key, ctx)
    if total is None:
        return
    indicator = total.indicator
    parts: list[Run] = []
    for dimension in indicator.dimensions:
        for obs in indicator.observations.all():
            if list((obs.dimension_values or {}).keys()) != [dimension] or obs.as_of != total.as_of:
                continue
            if obs.period_start != total.period_start or obs.period_end != total.period_end:
                continue
            name = obs.dimension_values[dimension]
            lead = f"{', '.join(obs.listed)} 등 " if obs.listed else ""
            parts.extend((", " if parts else "", f"{lead}{name}(", observation_figure(obs), ")"))
    yield Bullet(
        "-",
        0,
        runs(
            "언론 인터뷰 : ",
            observation_figure(total),
            " [" if parts else "",
            *parts,
            "]" if parts else "",
        ),
    )


@renders(Block.Kind.MEETINGS)
def meetings(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """Sessions of one meeting series held in the period, newest first."""
    yield from _titled(block, ctx)
    series = MeetingSeries.objects.get(office=ctx.office, name=block.params["series"])
    sessions = series.sessions.filter(date__range=(ctx.start, ctx.end)).order_by("-date")
    for session in sessions:
        number = f"제{session.number}회" if session.number else ""
        yield Bullet(
            "▶",
            block.params.get("level", 2),
            runs(
                f"{format_year(session.date.year)} {number}(",
                Figure(f"{session.date.month}.{session.date.day}.", (source(session),)),
                f") : {session.agenda}",
            ),
        )


@renders(Block.Kind.AGREEMENTS)
def agreements(block: Block, ctx: Context) -> Iterable[DocBlock]:
    yield from _titled(block, ctx)
    items = Agreement.objects.filter(office=ctx.office, date__range=(ctx.start, ctx.end))
    if kind := block.params.get("kind"):
        items = items.filter(kind=kind)
    for item in items.order_by("-date"):
        topics = ", ".join(item.topics) + (" 등" if item.topics_open_ended else "")
        yield Bullet(
            "▶",
            block.params.get("level", 2),
            runs(
                Figure(format_date_short(item.date, weekday=False), (source(item),)),
                f" : {item.title}({topics})" if topics else f" : {item.title}",
            ),
        )


def _month_span(months: list[datetime.date]) -> str:
    first, last = min(months), max(months)
    if first == last:
        return format_month(first)
    if first.year == last.year:
        return f"'{first.year % 100:02d}.{first.month}~{last.month}월"
    return f"{format_month(first)}~{format_month(last)}"


def _items_by_month(items: list[TrackedItem]) -> list[tuple[datetime.date, list[TrackedItem]]]:
    months: dict[datetime.date, list[TrackedItem]] = defaultdict(list)
    for item in items:
        assert item.month is not None
        months[item.month].append(item)
    return sorted(months.items())


def _item_names(items: list[TrackedItem], between_groups: str = ", ") -> str:
    """`⑤상일동·까치산, ⑥구산·대흥`: items grouped by their line (group) number."""
    out = []
    for group, members in groupby(items, key=lambda i: i.group):
        mark = circled(int(group)) if group.isdigit() else group
        out.append(mark + "·".join(m.name for m in members))
    return between_groups.join(out)


@renders(Block.Kind.TRACKED)
def tracked(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """Tracked items done this year (one line) or still to do (a line per due month)."""
    yield from _titled(block, ctx)
    program = _program(block, ctx)
    unit = block.params.get("unit", "개")
    items = list(program.tracked_items.all())
    if block.params.get("status") == "done":
        done = [
            i
            for i in items
            if i.status == TrackedItem.Status.DONE
            and i.done is not None
            and i.done.year == ctx.as_of.year
            and i.done <= ctx.as_of
        ]
        if not done:
            return
        by_month = _items_by_month(done)
        parts = ", ".join(
            f"{_item_names(members, '·')}({month.month}월)" for month, members in by_month
        )
        yield Bullet(
            "-",
            0,
            runs(
                f"{format_year(ctx.as_of.year)} ",
                Figure(
                    f"{len(done)}{unit}",
                    tuple(source(i) for i in done),
                    f"tracked:{program.slug}:done",
                    f"{program.title} 완료",
                ),
                f" {block.params.get('label', '완료')}({_month_span([m for m, _ in by_month])}) : ",
                parts,
            ),
        )
        return
    pending = [
        i
        for i in items
        if (i.status == TrackedItem.Status.PLANNED or (i.done and i.done > ctx.as_of))
        and i.due is not None
    ]
    for month, members in _items_by_month(pending):
        yield Bullet(
            "-",
            1,
            runs(
                f"({format_month(month)}) ",
                Figure(f"{len(members)}{unit}", tuple(source(i) for i in members)),
                f" : {_item_names(members)}",
            ),
        )


@renders(Block.Kind.MILESTONES)
def milestones(block: Block, ctx: Context) -> Iterable[DocBlock]:
    """Milestones still ahead on the as-of date: `title : '24.11월~`."""
    yield from _titled(block, ctx)
    program = _program(block, ctx)
    for milestone in program.milestones.filter(date__gt=ctx.as_of):
        text = format_month(milestone.date) + ("~" if milestone.open_ended else "")
        yield Bullet("-", 0, runs(f"{milestone.title} : ", Figure(text, (source(milestone),))))


@renders(Block.Kind.COMPARISON)
def comparison(block: Block, ctx: Context) -> Iterable[DocBlock]:
    yield from _titled(block, ctx)
    program = _program(block, ctx)
    for table in program.comparisons.prefetch_related("rows"):
        header = [Cell(runs(table.corner))]
        for column in table.columns:
            period = f"({_column_period(column)})" if column.get("start") else ""
            header.append(Cell(runs(f"{column['label']}{period}")))
        rows = tuple(
            (Cell(runs(row.label)), *(Cell(runs(c), align="left") for c in row.cells))
            for row in table.rows.all()
        )
        yield Table(header=(tuple(header),), rows=rows)


def _column_period(column: dict) -> str:
    start = datetime.date.fromisoformat(f"{column['start']}-01")
    if not column.get("end"):
        return f"{format_month(start)}~"
    end = datetime.date.fromisoformat(f"{column['end']}-01")
    if start.year == end.year:
        return f"'{start.year % 100:02d}.{start.month}~{end.month}월"
    return f"{format_month(start)}~{format_month(end)}"


# -- the whole report -----------------------------------------------------------------------


def _numbering(sections: list[Section]) -> Iterator[tuple[Section, int, str]]:
    """Each section with its level (1–3) and its number: Ⅰ., 1, ①."""
    counters = [0, 0, 0, 0]
    for section in sections:
        level = min(max(section.level, 1), 3)
        counters[level] += 1
        for deeper in range(level + 1, 4):
            counters[deeper] = 0
        n = counters[level]
        roman = ROMAN[n - 1] if n <= len(ROMAN) else str(n)
        label = {1: f"{roman}.", 2: str(n), 3: circled(n)}[level]
        yield section, level, label


def build(report: Report) -> Document:
    """The report as a document, computed from the records known on its as-of date."""
    office = report.office
    # Only findings about what a report prints as written (a malformed time) or prints twice
    # (one event recorded twice) mark the text.
    findings: dict[tuple[str, int | None], list[Finding]] = defaultdict(list)
    years = range(report.period_start.year, report.as_of.year + 1)
    duplicated = (f for f in no_clashes(office, years) if f.code == DUPLICATE)
    for finding in chain(
        times_well_formed(office, years), no_duplicates(office, years), duplicated
    ):
        findings[(finding.model, finding.object_id)].append(finding)
    ctx = Context(report, office, findings, OfficeRecords.load(office.pk))
    document = Document(report.title)
    document.add(
        Cover(report.title, f"{report.issued.year}. {report.issued.month}.", office.name),
        PageBreak(),
    )
    sections = list(report.sections.select_related("program").prefetch_related("blocks"))
    for section, level, label in _numbering(sections):
        if section.page_break:
            document.add(PageBreak())
        summary = runs(section.program.summary) if section.show_summary and section.program else ()
        document.add(Heading(level, label, runs(section.heading_title), summary))
        for block in section.blocks.all():
            document.add(*_rendered(block, ctx))
    document.unplaced.extend(ctx.unplaced.values())
    return document


def _rendered(block: Block, ctx: Context) -> list[DocBlock]:
    """The block's part of the document; a block whose conditions name what is no longer
    there (a series renamed since, a programme's code changed) prints a marked place saying
    so, for the person finalising to see, and the rest of the report is written."""
    try:
        renderer = RENDERERS[block.kind]
    except KeyError:
        return [_unmade(block, f"알 수 없는 구성 요소 종류 '{block.kind}'입니다.")]
    try:
        return list(renderer(block, ctx))
    except ObjectDoesNotExist:
        return [_unmade(block, "조건이 가리키는 기록이 없습니다. 구성 요소의 조건을 고쳐 주세요.")]
    except (KeyError, TypeError, ValueError) as error:
        return [
            _unmade(block, f"조건을 읽을 수 없습니다 ({error!r}). 구성 요소의 조건을 고쳐 주세요.")
        ]


def _unmade(block: Block, reason: str) -> DocBlock:
    return Paragraph(runs(Flag(f"({block} 부분을 만들 수 없음)", reason)))


def figure_values(document: Document) -> dict[str, list[str]]:
    """{figure key: [label, printed text]} of a document's keyed figures."""
    return {f.key: [f.label, f.text] for f in document.figures() if f.key}
