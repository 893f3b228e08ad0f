"""Small server-rendered SVG charts (pygal) of an indicator over time, with its targets.

The SVG needs no script: tooltips are off, and every chart is accompanied by a table of the
same figures, so that nothing depends on colour or on seeing the drawing. The SVG is inlined
in the page, so it keeps to the page's Content-Security-Policy: pygal's configuration script
is dropped, its stylesheet carries the request's nonce and no element has a style attribute.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from sijeong.core.formatting import format_date_compact
from sijeong.core.models import Indicator

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#111",
    foreground_strong="#111",
    foreground_subtle="#555",
    colors=("#1d4ed8", "#b45309"),
    font_family="NanumGothic, 'Noto Sans CJK KR', sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    title_font_size=13,
)


def keep_to_policy(nonce: str) -> Any:
    """A pygal XML filter that makes the chart's SVG acceptable to a nonce-based CSP."""

    def apply(root: Any) -> Any:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "script":
                    # The configuration of pygal's tooltips script, which is not loaded.
                    parent.remove(child)
                elif child.tag == "style":
                    child.set("nonce", nonce)
        for element in root.iter():
            # pygal hides its tooltip box with style="opacity: 0"; the same declarations as SVG
            # presentation attributes are not styles to the CSP.
            declarations = element.attrib.pop("style", "")
            for declaration in declarations.split(";"):
                name, _, value = declaration.partition(":")
                if name.strip() and value.strip():
                    element.set(name.strip(), value.strip())
        return root

    return apply


def indicator_chart(indicator: Indicator, nonce: str) -> SafeString:
    """A line of the indicator's totals (no breakdown) over time and a dashed target line.

    `nonce` is the request's CSP nonce (`request.csp_nonce`), given to the chart's stylesheet.
    """
    totals = sorted(
        (o for o in indicator.observations.all() if not o.dimension_values), key=lambda o: o.as_of
    )
    targets = sorted(
        (t for t in indicator.targets.all() if not t.dimension_values), key=lambda t: t.due
    )
    dates = sorted({o.as_of for o in totals} | {t.due for t in targets})
    chart = pygal.Line(
        width=420,
        height=220,
        style=STYLE,
        js=[],
        show_dots=True,
        dots_size=4,
        min_scale=2,
        max_scale=5,
        show_legend=True,
        legend_at_bottom=True,
        truncate_legend=-1,
        x_label_rotation=0,
        value_formatter=lambda v: indicator.format_value(Decimal(str(v))) if v is not None else "",
        disable_xml_declaration=True,
        explicit_size=True,
    )
    chart.title = indicator.name
    chart.x_labels = [format_date_compact(d) for d in dates]
    observed = {o.as_of: float(o.value) for o in totals}
    planned = {t.due: float(t.value) for t in targets}
    chart.add("실적", [observed.get(d) for d in dates], allow_interruptions=True)
    if planned:
        chart.add(
            "목표",
            [planned.get(d) for d in dates],
            stroke_style={"dasharray": "6, 4", "width": 2},
            allow_interruptions=True,
        )
    chart.add_xml_filter(keep_to_policy(nonce))
    return mark_safe(chart.render(is_unicode=True))  # pygal escapes the labels it writes
