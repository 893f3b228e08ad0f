"""The one chart module: server-rendered SVG charts (pygal) of an indicator, for every page.

Every page that draws an indicator (a programme's 지표, the dashboard) calls
`indicator_chart(indicator, nonce, as_of=...)` and prints `indicator_rows(indicator, as_of=...)`
beside it, so that the drawing and the table show the same figures in the same spelling.

What is drawn, by what the records hold on `as_of`:

- **progress toward a target** (`progress()`): when the indicator has a target and a figure of
  the same breakdown (a target for `1동선: 확보` is compared with the `확보` figure, not with the
  total), two bars from zero, the latest figure and the target, titled
  "목표 338개 중 328개 (97.0%)"; the share is computed from the two records, never typed;
- **a trend**: totals on two or more dates, a line from zero (with a dashed target line when the
  indicator has targets for its total but no figure to compare them with yet);
- **a breakdown**: otherwise the figures of the latest date, total and breakdown (권종, 요일 …),
  as bars from zero. An indicator recorded only by its breakdown is drawn by it: this is why the
  old charts said "No data" beside a table that had data (they drew totals only);
- nothing recorded: "자료 없음", never pygal's English.

The value axis always starts at zero. The figures are counts and amounts, where the length of a
bar or the height of a line is read as the size of the figure; an axis cut at 700 makes 722 → 782
look like a tenfold rise (or, with pygal's automatic range, a flat line under a 740 gridline). An
axis break was considered and not chosen: a break mark is easily missed on a small chart, and
the distance still to go is what the progress chart's title states in figures. Ticks are round
figures (1, 2 or 5 × 10ⁿ), whole numbers for indicators whose records are all whole (no "0.2명"),
spelled by the indicator's own formatter (`Indicator.format_value`: `format_number` or
`format_korean_amount` with the unit) as the tables spell them; dates are spelled by
`format_as_of` and `Target.due_text`, which the tables use too.

Legibility: every font in the chart is at least 14 px at the chart's own size (the SVG has an
explicit width and height, so it is drawn at that size); labels are never truncated.

Accessibility: the SVG is `role="img"` with a Korean `<title>` (the indicator) and `<desc>`
(the figures in a sentence), and every chart is printed beside a table of the same figures, so
that nothing depends on colour or on seeing the drawing.

CSP: the SVG is inlined in the page and needs no script, so it keeps to the page's
Content-Security-Policy: pygal's configuration script and tooltip are dropped, its stylesheet
carries the request's nonce and no element has a style attribute.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pygal
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from sijeong.core.formatting import (
    format_date_compact,
    format_month_range,
)
from sijeong.core.models import Indicator, Observation
from sijeong.core.progress import format_dims, known, number, progress, targets

WIDTH = 400
MARGIN = 12
FONT_SIZE = 14  # at the chart's own size; the floor asked for is 12 px
ACHIEVED_COLOUR = "#1d4ed8"
TARGET_COLOUR = "#b45309"

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#111",
    foreground_strong="#111",
    foreground_subtle="#444",
    colors=(ACHIEVED_COLOUR, TARGET_COLOUR, "#047857", "#7c3aed", "#be123c"),
    font_family="NanumGothic, 'Noto Sans CJK KR', 'Malgun Gothic', sans-serif",
    label_font_size=FONT_SIZE,
    major_label_font_size=FONT_SIZE,
    legend_font_size=FONT_SIZE,
    title_font_size=FONT_SIZE + 1,
    value_font_size=FONT_SIZE,
    value_label_font_size=FONT_SIZE,
    tooltip_font_size=FONT_SIZE,
    no_data_font_size=FONT_SIZE + 2,
)

NO_DATA = "자료 없음"

# pygal's stylesheet sizes its tooltip (dropped here) and a few unused labels in em, down to
# half the tooltip's size; those rules are removed so that every size left is a legible px.
_UNUSED_RULES = re.compile(r"[^{}]*\.(?:tooltip|bound|max-value)\b[^{}]*\{[^}]*\}")


# -- spelling of dates and figures, shared with the tables ---------------------------------


def format_as_of(d: datetime.date) -> str:
    """The date of a figure: "'24.8.31."."""
    return format_date_compact(d)


def format_period(observation: Observation) -> str:
    """The months a figure counts: "'22. 7.~'24. 8."; "~'24. 8." with no start; "" with none."""
    start, end = observation.period_start, observation.period_end
    if start and end:
        return format_month_range(start, end)
    if end:
        return "~" + format_month_range(end, end).split("~")[1]
    return ""


# -- what the records say ------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the table printed beside a chart."""

    kind: str  # 실적 or 목표
    date: datetime.date
    when: str
    period: str
    breakdown: str
    value: str
    source: str


def indicator_rows(indicator: Indicator, as_of: datetime.date) -> list[Row]:
    """The figures of the indicator known on `as_of`, and its targets, as the table prints them."""
    rows = [
        Row(
            "실적",
            o.as_of,
            format_as_of(o.as_of),
            format_period(o),
            format_dims(o.dimension_values),
            ("약 " if o.approximate else "") + indicator.format_value(number(o.value)),
            o.source,
        )
        for o in known(indicator, as_of)
    ]
    rows += [
        Row(
            "목표",
            t.due,
            t.due_text,
            "",
            format_dims(t.dimension_values),
            indicator.format_value(number(t.value)),
            t.source,
        )
        for t in targets(indicator)
    ]
    return rows


# -- axes ------------------------------------------------------------------------------------


def nice_ticks(values: Iterable[Decimal], whole: bool) -> list[Decimal]:
    """Ticks from zero to a round figure at or above every value, 2 to 6 of them.

    Steps are 1, 2 or 5 × 10ⁿ; with `whole` (counts) never below 1, so that no tick is a
    fraction of a person. Negative values take the axis below zero the same way.
    """
    values = list(values)
    top = max([*values, Decimal(0)])
    bottom = min([*values, Decimal(0)])
    span = (top - bottom) or Decimal(1)
    raw = span / 4
    magnitude = Decimal(10) ** (raw.adjusted())
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(step, Decimal(1))
    low = (bottom / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (top / step).to_integral_value(rounding="ROUND_CEILING") * step
    if high == low:
        high = low + step
    count = int((high - low) / step)
    return [low + step * i for i in range(count + 1)]


def _is_whole(values: Iterable[Decimal]) -> bool:
    return all(v == v.to_integral_value() for v in values)


def _formatter(indicator: Indicator) -> Callable[[Any], str]:
    def spell(value: Any) -> str:
        if value is None:
            return ""
        figure = Decimal(repr(float(value))).normalize()
        if figure == figure.to_integral_value():
            figure = figure.quantize(Decimal(1))
        return indicator.format_value(figure)

    return spell


# -- drawing ---------------------------------------------------------------------------------


def keep_to_policy(nonce: str, title: str, description: str) -> Any:
    """A pygal XML filter that makes the chart's SVG acceptable to a nonce-based CSP and gives
    it a Korean title and description for assistive technology."""

    def apply(root: Any) -> Any:
        chart_id = root.get("id") or f"chart-{uuid.uuid4()}"
        for parent in list(root.iter()):
            for child in list(parent):
                if not isinstance(child.tag, str):
                    parent.remove(child)  # pygal's comments ("Generated with pygal …")
                elif child.tag == "script":
                    # The configuration of pygal's tooltips script, which is not loaded.
                    parent.remove(child)
                elif child.get("class") == "tooltip" or (
                    child.tag == "title" and parent is not root
                ):
                    # Tooltips are shown only by that script; the axes' <title>s are pygal's
                    # positions of the labels (0.25, 0.75), which mean nothing to a reader.
                    parent.remove(child)
                elif child.tag == "style":
                    child.set("nonce", nonce)
                    child.text = _UNUSED_RULES.sub("", child.text or "")
        horizontal = "horizontal" in next(e for e in root if e.tag == "g").get("class", "")
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if horizontal and element.tag == "text" and element.get("class") == "value":
                # A bar's value is printed after its end, not centred across it.
                element.set("text-anchor", "start")
                element.set("x", f"{float(element.get('x', 0)) - FONT_SIZE / 2 + 4:.1f}")
            # pygal sets colours with style="fill: …"; the same declarations as SVG
            # presentation attributes are not styles to the CSP.
            declarations = element.attrib.pop("style", "")
            for declaration in declarations.split(";"):
                name, _, value = declaration.partition(":")
                if name.strip() and value.strip():
                    element.set(name.strip(), value.strip())
        title_element = next(e for e in root if e.tag == "title")
        title_element.text = title
        title_element.set("id", f"{chart_id}-title")
        desc = root.makeelement("desc", {"id": f"{chart_id}-desc"})
        desc.text = description
        root.insert(list(root).index(title_element) + 1, desc)
        root.set("role", "img")
        root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
        return root

    return apply


def _text_width(text: str, size: float) -> float:
    """The drawn width of `text` in px, roughly: Hangul and other wide characters take a full
    em, the rest 0.6 em (pygal counts 0.6 em for every character, which is too little for
    Hangul: its left margin would cut "매체 통신인터넷 등" short)."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


def _wrap(text: str, size: float, width: float = WIDTH - 40) -> str:
    """`text` broken into lines (at spaces) that fit `width` px, by `_text_width`; its own
    line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        start = len(lines)
        for word in paragraph.split(" "):
            if len(lines) > start and _text_width(f"{lines[-1]} {word}", size) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
    return "\n".join(lines)


def _config(
    indicator: Indicator, ticks: Sequence[Decimal], height: int, side_labels: Sequence[str]
) -> dict[str, Any]:
    """pygal's settings shared by every chart; `side_labels` are the labels left of the plot
    (the value ticks of a line chart, the categories of a bar chart), to make room for them."""
    longest = max(side_labels, key=lambda label: _text_width(label, FONT_SIZE), default="")
    missing = _text_width(longest, FONT_SIZE) - 0.6 * FONT_SIZE * len(longest)
    return {
        "margin_left": MARGIN + round(missing),
        "width": WIDTH,
        "height": height,
        "style": STYLE,
        "js": [],
        "css": ["file://style.css", "file://graph.css"],
        "disable_xml_declaration": True,
        "explicit_size": True,
        "no_data_text": NO_DATA,
        "truncate_label": -1,
        "truncate_legend": -1,
        "x_label_rotation": 0,
        "show_minor_y_labels": True,
        "range": (float(ticks[0]), float(ticks[-1])),
        "y_labels": [float(t) for t in ticks],
        "value_formatter": _formatter(indicator),
        "margin": MARGIN,
        "spacing": 10,
    }


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    colour: str = ACHIEVED_COLOUR
    approximate: bool = False


def _spelling(indicator: Indicator, bar: Bar) -> str:
    return ("약 " if bar.approximate else "") + indicator.format_value(bar.value)


def _bars(indicator: Indicator, title: str, bars: Sequence[Bar]) -> pygal.HorizontalBar:
    """Horizontal bars from zero, one per `Bar`, top to bottom, the value printed after each."""
    values = [bar.value for bar in bars]
    # Room after the longest bar for its printed value.
    ticks = nice_ticks([*values, max(values) * 5 / 4], _is_whole(values))
    labels = [bar.label for bar in bars]
    chart = pygal.HorizontalBar(
        **_config(indicator, ticks, 110 + 44 * len(bars), labels),
        show_legend=False,
        print_values=True,
        print_values_position="top",
    )
    chart.title = _wrap(title, FONT_SIZE + 1)
    # pygal draws the first category at the bottom; the lists are reversed to read top-down.
    chart.x_labels = list(reversed(labels))
    chart.add(
        indicator.name,
        [
            {
                "value": float(bar.value),
                "color": bar.colour,
                "formatter": lambda _, bar=bar: _spelling(indicator, bar),
            }
            for bar in reversed(bars)
        ],
    )
    return chart


def _line(
    indicator: Indicator,
    title: str,
    dates: Sequence[datetime.date],
    observed: dict[datetime.date, Decimal],
    planned: dict[datetime.date, Decimal],
) -> pygal.Line:
    """A line of the figures over `dates` from zero, and of the targets dashed."""
    values = [*observed.values(), *planned.values()]
    ticks = nice_ticks(values, _is_whole(values))
    spell = _formatter(indicator)
    chart = pygal.Line(
        **_config(indicator, ticks, 250, [spell(t) for t in ticks]),
        show_dots=True,
        dots_size=4,
        show_legend=bool(planned),
        legend_at_bottom=True,
    )
    chart.title = _wrap(title, FONT_SIZE + 1)
    chart.x_labels = [format_as_of(d) for d in dates]
    chart.add(
        "실적",
        [float(observed[d]) if d in observed else None for d in dates],
        allow_interruptions=True,
    )
    if planned:
        chart.add(
            "목표",
            [float(planned[d]) if d in planned else None for d in dates],
            stroke_style={"dasharray": "6, 4", "width": 2},
            allow_interruptions=True,
        )
    return chart


def _fingerprint(records: Iterable[Any]) -> list[list[tuple[str, str]]]:
    return [
        sorted((k, repr(v)) for k, v in vars(r).items() if not k.startswith("_")) for r in records
    ]


# Drawn once per what a chart shows: the SVG is kept under a digest of the indicator, its
# figures and targets, so that a page of many charts draws only those whose figures changed.
# The request's nonce goes in when it is served.
_NONCE_SLOT = "sijeong-chart-nonce"
CHART_SECONDS = 24 * 3600


def indicator_chart(indicator: Indicator, nonce: str, *, as_of: datetime.date) -> SafeString:
    """The indicator's chart on `as_of`, as inline SVG.

    `nonce` is the request's CSP nonce (`csp_nonce(request)`), given to the chart's stylesheet.
    Reads `indicator.observations` and `indicator.targets` (prefetch them for a list).
    """
    shown = [
        _fingerprint([indicator]),
        _fingerprint(indicator.observations.all()),
        _fingerprint(indicator.targets.all()),
        repr(as_of),
    ]
    digest = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()
    key = f"chart:{digest}"
    svg: str | None = caches["charts"].get(key)
    if svg is None:
        svg = _draw_indicator_chart(indicator, _NONCE_SLOT, as_of=as_of)
        caches["charts"].set(key, svg, CHART_SECONDS)
    return mark_safe(svg.replace(_NONCE_SLOT, nonce))  # drawn by pygal, which escapes labels


def _draw_indicator_chart(indicator: Indicator, nonce: str, *, as_of: datetime.date) -> str:
    fmt = indicator.format_value
    observations = known(indicator, as_of)
    reached = progress(indicator, as_of)
    totals = [o for o in observations if not o.dimension_values]
    total_dates = sorted({o.as_of for o in totals})
    chart: Any
    sentences: list[str]

    if reached is not None:
        breakdown = reached.target.dimension_values
        name = f"{indicator.name} ({format_dims(breakdown)})" if breakdown else indicator.name
        title = f"{name}\n{reached.label}"
        bars = [
            Bar(f"목표 {reached.target.due_text}", number(reached.target.value), TARGET_COLOUR),
            Bar(
                f"실적 {format_as_of(reached.achieved.as_of)}",
                number(reached.achieved.value),
                ACHIEVED_COLOUR,
                reached.achieved.approximate,
            ),
        ]
        chart = _bars(indicator, title, bars)
        title = title.replace("\n", ": ")
        sentences = [f"{title}."] + [f"{bar.label} {_spelling(indicator, bar)}." for bar in bars]
    elif len(total_dates) >= 2:
        overall = [t for t in targets(indicator) if not t.dimension_values]
        observed = {o.as_of: number(o.value) for o in totals}
        planned = {t.due: number(t.value) for t in overall}
        dates = sorted(set(observed) | set(planned))
        title = f"{indicator.name} 추이"
        chart = _line(indicator, title, dates, observed, planned)
        sentences = [f"{title}:"]
        sentences += [f"실적 {format_as_of(d)} {fmt(v)}." for d, v in sorted(observed.items())]
        sentences += [f"목표 {t.due_text} {fmt(number(t.value))}." for t in overall]
    elif observations:
        latest = observations[-1].as_of
        figures = [o for o in observations if o.as_of == latest]
        figures.sort(key=lambda o: (bool(o.dimension_values), o.order, o.pk or 0))
        labels = [format_dims(o.dimension_values) for o in figures]
        bars = [
            Bar(
                # Two figures of one breakdown on one date differ by the period they count.
                f"{label} {format_period(o)}" if labels.count(label) > 1 else label,
                number(o.value),
                approximate=o.approximate,
            )
            for label, o in zip(labels, figures, strict=True)
        ]
        title = f"{indicator.name} ({format_as_of(latest)} 기준)"
        chart = _bars(indicator, title, bars)
        sentences = [f"{title}:"] + [f"{bar.label} {_spelling(indicator, bar)}." for bar in bars]
    else:
        settings = _config(indicator, [Decimal(0)], 140, [])
        del settings["range"], settings["y_labels"]  # pygal has no axis to tick without data
        chart = pygal.HorizontalBar(**settings)
        chart.title = title = indicator.name
        sentences = [f"{indicator.name}: {NO_DATA}."]

    chart.add_xml_filter(keep_to_policy(nonce, title, " ".join(sentences)))
    return str(chart.render(is_unicode=True))
