"""The charts (sijeong.web.charts) read as the SVG a browser gets: zero baselines, whole ticks
for counts, legible Korean labels, progress toward a target drawn as such."""

from __future__ import annotations

import datetime
import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from sijeong.core.formatting import format_korean_amount, parse_korean_amount
from sijeong.core.models import Department, Indicator, Observation, Office, Target
from sijeong.core.progress import progress
from sijeong.web.charts import indicator_chart, indicator_rows, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
NONCE = "nonce-for-tests"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def value_ticks(root: ET.Element) -> list[str]:
    """The tick labels of the value axis: y in a line chart, x in a horizontal bar chart."""
    graph = root.find(f"{SVG}g")
    assert graph is not None
    axis = "x" if "horizontal" in classes(graph) else "y"
    for g in root.iter(f"{SVG}g"):
        if {"axis", axis} <= classes(g):
            return [t.text or "" for t in g.iter(f"{SVG}text")]
    raise AssertionError("no value axis")


def tick_values(root: ET.Element, unit: str) -> list[Decimal]:
    values = []
    for label in value_ticks(root):
        parsed = parse_korean_amount(label)
        assert parsed is not None, label
        assert parsed[1] == unit, label
        values.append(parsed[0])
    return values


def texts(root: ET.Element) -> list[str]:
    """Every piece of text a reader or a screen reader meets (not the stylesheet)."""
    return [
        e.text.strip() for e in root.iter() if e.tag != f"{SVG}style" and e.text and e.text.strip()
    ]


def printed(root: ET.Element) -> list[str]:
    """The values printed on the bars."""
    return [t.text or "" for t in root.iter(f"{SVG}text") if "value" in classes(t)]


def titles(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text") if "title" in classes(t)]


@pytest.fixture
def make(office: Office, department: Department):
    def make(name: str, unit: str, **fields: object) -> Indicator:
        return Indicator.objects.create(
            office=office,
            department=department,
            key=f"k{Indicator.objects.count()}",
            name=name,
            unit=unit,
            **fields,
        )

    return make


def observe(indicator: Indicator, day: datetime.date, value: int | str, **fields: object) -> None:
    Observation.objects.create(
        indicator=indicator, as_of=day, value=Decimal(value), source="테스트 자료", **fields
    )


def chart(indicator: Indicator, **kwargs: object) -> ET.Element:
    kwargs.setdefault("as_of", LATER)
    fresh = Indicator.objects.prefetch_related("observations", "targets").get(pk=indicator.pk)
    return parse(indicator_chart(fresh, NONCE, **kwargs))  # type: ignore[arg-type]


END_2023 = datetime.date(2023, 12, 31)
AUG_2024 = datetime.date(2024, 8, 31)
LATER = datetime.date(2030, 1, 1)  # a day after every figure of these tests


def test_a_count_over_time_starts_at_zero(make):
    # 722 → 782 used to be drawn on an axis from 720 to 790, a change of 8 % as a tenfold rise.
    vehicles = make("장애인콜택시", "대")
    observe(vehicles, END_2023, 722)
    observe(vehicles, AUG_2024, 782)
    root = chart(vehicles)
    ticks = tick_values(root, "대")
    assert min(ticks) == 0
    assert max(ticks) >= 782
    assert value_ticks(root)[0] == "0대"


def test_small_counts_have_whole_ticks(make):
    visits = make("현장 방문", "명")
    observe(visits, END_2023, 1)
    observe(visits, AUG_2024, 2)
    ticks = tick_values(chart(visits), "명")
    assert ticks[0] == 0 and max(ticks) >= 2
    assert all(t == t.to_integral_value() for t in ticks), ticks  # no 0.2명
    assert not any("." in label for label in value_ticks(chart(visits)))


@pytest.mark.parametrize("top", [1, 2, 3, 7, 10, 49, 722, 3_950_000])
def test_ticks_are_round_and_whole_for_counts(top):
    ticks = nice_ticks([Decimal(top)], whole=True)
    assert ticks[0] == 0 and ticks[-1] >= top and 2 <= len(ticks) <= 6
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    (step,) = steps
    assert step >= 1 and step == step.to_integral_value()
    assert step.normalize().as_tuple().digits[0] in (1, 2, 5)


def test_fractions_are_ticked_only_when_the_records_have_them():
    ticks = nice_ticks([Decimal("0.6")], whole=False)
    assert ticks[0] == 0 and ticks[-1] >= Decimal("0.6") and len(ticks) > 2


def test_ticks_are_spelled_as_the_tables_spell_figures(make):
    charges = make("누적 충전", "건", display=Indicator.Display.KOREAN)
    observe(charges, END_2023, 1_500_000)
    observe(charges, AUG_2024, 3_950_000)
    root = chart(charges)
    labels = value_ticks(root)
    values = tick_values(root, "건")
    assert labels[0] == "0건" and max(values) >= 3_950_000
    # format_korean_amount, as reports and tables spell the figures (1백만건, not 1,000,000).
    assert labels == [format_korean_amount(v, "건") for v in values]
    assert "1백만건" in labels


def test_labels_are_legible(make):
    vehicles = make("장애인콜택시", "대")
    observe(vehicles, END_2023, 722)
    observe(vehicles, AUG_2024, 782)
    Target.objects.create(indicator=vehicles, value=800, due=datetime.date(2024, 12, 31))
    for root in (chart(vehicles), chart(make("빈 지표", "건"))):
        (style,) = root.iter(f"{SVG}style")
        sizes = re.findall(r"font-size:\s*([^;}]+)", style.text or "")
        assert sizes
        for size in sizes:
            assert size.endswith("px"), size  # no em sizes relative to something smaller
            assert float(size.removesuffix("px")) >= 12, size
        for element in root.iter():
            if element.get("font-size"):
                assert float(element.get("font-size", "").removesuffix("px")) >= 12
        # The chart is drawn at its own size, so these px are the rendered px.
        assert root.get("width") and root.get("viewBox", "").endswith(
            f"{root.get('width')} {root.get('height')}"
        )


def test_nothing_is_in_english(make):
    empty = make("빈 지표", "건")
    visits = make("현장 방문", "명", dimensions=["구분"])
    observe(visits, AUG_2024, 3, dimension_values={"구분": "주민"})
    for root in (chart(empty), chart(visits)):
        words = [t for t in texts(root) if re.search(r"[A-Za-z]", t)]
        assert words == []
    assert "자료 없음" in titles(chart(empty)) or "자료 없음" in texts(chart(empty))


def test_a_breakdown_alone_is_drawn_not_called_missing(make):
    # The cause of "No data" beside a table of figures: only totals were drawn, and this
    # indicator is recorded only by its breakdown.
    users = make("일 사용자 수", "명", display=Indicator.Display.KOREAN, dimensions=["요일"])
    observe(users, AUG_2024, 550_000, dimension_values={"요일": "평일"}, approximate=True)
    observe(users, AUG_2024, 370_000, dimension_values={"요일": "주말"}, approximate=True)
    root = chart(users)
    assert "자료 없음" not in texts(root)
    assert sorted(printed(root)) == ["약 37만명", "약 55만명"]
    assert min(tick_values(root, "명")) == 0
    assert len(indicator_rows(users, LATER)) == 2


def test_a_target_is_drawn_as_progress(make):
    vehicles = make("장애인콜택시", "대")
    observe(vehicles, END_2023, 700)
    observe(vehicles, AUG_2024, 722)
    Target.objects.create(
        indicator=vehicles, value=782, due=datetime.date(2024, 12, 31), due_precision="year"
    )
    root = chart(vehicles)
    assert "목표 782대 중 722대 (92.3%)" in titles(root)
    assert sorted(printed(root)) == ["722대", "782대"]
    assert min(tick_values(root, "대")) == 0
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "목표 '24년" in labels and "실적 '24.8.31." in labels
    # The share is computed from the records: a new figure changes it.
    observe(vehicles, datetime.date(2024, 9, 30), 391)
    assert "목표 782대 중 391대 (50.0%)" in titles(chart(vehicles))
    # …and a figure after the chart's date is not yet known.
    assert "목표 782대 중 722대 (92.3%)" in titles(chart(vehicles, as_of=AUG_2024))


def test_progress_compares_the_target_with_the_figure_of_its_own_breakdown(make):
    stations = make("지하철 역사", "개", dimensions=["1동선"])
    observe(stations, AUG_2024, 338)
    observe(stations, AUG_2024, 328, dimension_values={"1동선": "확보"})
    Target.objects.create(
        indicator=stations,
        value=338,
        due=datetime.date(2024, 12, 1),
        dimension_values={"1동선": "확보"},
    )
    reached = progress(stations, LATER)
    assert reached is not None
    assert reached.achieved.value == 328 and reached.share is not None
    assert reached.label == "목표 338개 중 328개 (97.0%)"


def test_the_seed_subway_indicator_shows_328_of_338(seeded):
    stations = Indicator.objects.prefetch_related("observations", "targets").get(
        office=seeded, key="subway-stations"
    )
    root = parse(indicator_chart(stations, NONCE, as_of=AUG_2024))
    assert "목표 338개 중 328개 (97.0%)" in titles(root)
    assert sorted(printed(root)) == ["328개", "338개"]
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert "지하철 역사" in (title.text or "") and "328개" in (desc.text or "")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_every_seed_chart_has_the_data_of_its_table(seeded):
    indicators = Indicator.objects.filter(office=seeded).prefetch_related("observations", "targets")
    assert indicators.count() > 20
    for indicator in indicators:
        root = parse(indicator_chart(indicator, NONCE, as_of=AUG_2024))
        rows = indicator_rows(indicator, AUG_2024)
        assert rows, indicator.key
        assert "자료 없음" not in texts(root), indicator.key
        assert "No data" not in " ".join(texts(root)), indicator.key
        # Latin letters only where the records have them (TV·라디오).
        recorded = " ".join(f"{r.breakdown} {r.value}" for r in rows) + indicator.name
        for word in re.findall(r"[A-Za-z]+", " ".join(texts(root))):
            assert word in recorded, (indicator.key, word)
        assert min(tick_values(root, indicator.unit)) == 0, indicator.key
        for label, value in zip(value_ticks(root), tick_values(root, indicator.unit), strict=True):
            assert value == value.to_integral_value(), (indicator.key, label)


def test_the_svg_keeps_to_the_content_security_policy(make):
    vehicles = make("장애인콜택시", "대")
    observe(vehicles, END_2023, 722)
    observe(vehicles, AUG_2024, 782)
    root = chart(vehicles)
    assert not list(root.iter(f"{SVG}script"))
    assert all(e.get("style") is None for e in root.iter())
    (style,) = root.iter(f"{SVG}style")
    assert style.get("nonce") == NONCE


def test_the_programme_page_prints_the_chart_and_its_table_in_one_spelling(seeded, seed_people):
    from django.urls import reverse

    from sijeong.core.testing import logged_in
    from sijeong.programs.models import Program

    program = Program.objects.get(office=seeded, slug="step-free-stations")
    page = logged_in(seed_people["viewer"]).get(reverse("programs:detail", args=[program.pk]))
    html = page.content.decode()
    assert "목표 338개 중 328개 (97.0%)" in html
    assert "<td>328개</td>" in html and "<td>338개</td>" in html
    assert "&#x27;24.12월" in html  # the target's month, as the chart prints it
    assert "No data" not in html


def standing(indicator: Indicator, day: datetime.date):
    fresh = Indicator.objects.prefetch_related("observations", "targets").get(pk=indicator.pk)
    return progress(fresh, day)


def test_progress_says_the_direction_of_the_latest_change_and_whether_on_track(make):
    visits = make("현장 방문", "회", direction=Indicator.Direction.UP)
    observe(visits, datetime.date(2024, 1, 1), 100)
    observe(visits, datetime.date(2024, 6, 30), 150)
    Target.objects.create(indicator=visits, value=200, due=datetime.date(2024, 12, 31))
    # 75 % of the target with half the year gone: on track, and rising is better.
    now = standing(visits, datetime.date(2024, 7, 1))
    assert (now.trend, now.status, now.on_track) == ("개선", "순항", True)
    # A figure under 1 % below the one before is no change; 74.5 % with 75 % of the time gone
    # is behind.
    observe(visits, datetime.date(2024, 10, 1), 149)
    later = standing(visits, datetime.date(2024, 10, 1))
    assert (later.trend, later.status, later.on_track) == ("유지", "지연", False)
    observe(visits, datetime.date(2024, 11, 1), 120)
    assert standing(visits, datetime.date(2024, 11, 1)).trend == "악화"
    assert standing(visits, datetime.date(2025, 1, 1)).status == "미달"
    observe(visits, datetime.date(2024, 12, 1), 200)
    assert standing(visits, datetime.date(2024, 12, 1)).status == "달성"


def test_lower_is_better_turns_the_direction_round(make):
    waiting = make("대기 시간", "분", direction=Indicator.Direction.DOWN)
    observe(waiting, datetime.date(2024, 1, 1), 40)
    observe(waiting, datetime.date(2024, 6, 1), 30)
    Target.objects.create(indicator=waiting, value=25, due=datetime.date(2024, 12, 31))
    assert standing(waiting, datetime.date(2024, 6, 1)).trend == "개선"
    observe(waiting, datetime.date(2024, 7, 1), 24)
    assert standing(waiting, datetime.date(2024, 7, 1)).status == "달성"
