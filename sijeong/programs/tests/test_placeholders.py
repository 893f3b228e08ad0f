"""Figures in prose: the placeholder grammar and its resolution against records."""

import datetime
import re
from decimal import Decimal

import pytest

from sijeong.core.models import Indicator, Observation, Target
from sijeong.core.seed import SEED_DIR
from sijeong.programs.models import Milestone, Narrative, Program
from sijeong.programs.placeholders import (
    OfficeRecords,
    PlaceholderError,
    parse_placeholders,
    resolve,
    resolve_errors,
    split_text,
)


def resolved(text, office, as_of=None):
    return "".join(
        piece
        if isinstance(piece, str)
        else resolve(piece, OfficeRecords.load(office.pk), as_of).text
        for piece in split_text(text)
    )


def test_the_grammar_reads_every_form():
    text = (
        "{{a}} {{b|권종=30일권}} {{c|권종=30일권,지역=강남:share}} {{d@2023-12-31}} "
        "{{e:plan}} {{f:listed}} {{milestone:g}}"
    )
    got = [(p.kind, p.key, p.dims, p.at, p.form) for p in parse_placeholders(text)]
    assert got == [
        ("observation", "a", (), None, "value"),
        ("observation", "b", (("권종", "30일권"),), None, "value"),
        ("observation", "c", (("권종", "30일권"), ("지역", "강남")), None, "share"),
        ("observation", "d", (), datetime.date(2023, 12, 31), "value"),
        ("observation", "e", (), None, "plan"),
        ("observation", "f", (), None, "listed"),
        ("milestone", "g", (), None, "date"),
    ]


def test_split_text_keeps_every_character():
    text = "앞 {{a}}와 {{b:plan}} 뒤"
    pieces = list(split_text(text))
    raw = [p if isinstance(p, str) else p.raw for p in pieces]
    assert raw == ["앞 ", "{{a}}", "와 ", "{{b:plan}}", " 뒤"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{a:total}}", "알 수 없는 표기"),
        ("{{a|권종}}", "'구분=값'"),
        ("{{a:share}}", "구분 값이 있어야"),
        ("{{a@2023-02-30}}", "날짜"),
        ("{{한글}}", "읽을 수 없습니다"),
        ("{{milestone:}}", "영문 코드"),
    ],
)
def test_malformed_placeholders_are_refused_in_korean(text, message):
    with pytest.raises(PlaceholderError, match=message):
        parse_placeholders(text)


@pytest.fixture
def taxi(office, department):
    program = Program.objects.create(
        office=office, department=department, slug="taxi", kind="project", title="콜택시"
    )
    indicator = Indicator.objects.create(
        office=office,
        department=department,
        key="vehicles",
        name="차량",
        unit="대",
        dimensions=["유형"],
    )
    for as_of, value in ((datetime.date(2023, 12, 31), 722), (datetime.date(2024, 8, 31), 730)):
        Observation.objects.create(indicator=indicator, as_of=as_of, value=value, source="t")
    Observation.objects.create(
        indicator=indicator,
        as_of=datetime.date(2024, 8, 31),
        value=73,
        dimension_values={"유형": "특장"},
        source="t",
        listed=["법인", "개인"],
    )
    Target.objects.create(
        indicator=indicator, value=782, due=datetime.date(2024, 12, 31), due_precision="year"
    )
    Milestone.objects.create(
        program=program,
        key="supply",
        title="공급 확대",
        date=datetime.date(2024, 8, 1),
        open_ended=True,
    )
    return indicator


def test_each_form_prints_the_recorded_value(office, taxi):
    assert resolved("{{vehicles}}", office) == "730대"
    assert resolved("{{vehicles}}", office, datetime.date(2024, 1, 1)) == "722대"
    assert resolved("{{vehicles@2023-12-31}}", office) == "722대"
    assert resolved("{{vehicles|유형=특장}}", office) == "73대"
    assert resolved("{{vehicles|유형=특장:share}}", office) == "10.0%"
    assert resolved("{{vehicles:plan}}", office) == "'23년 722대 → '24년 782대"
    assert resolved("{{vehicles|유형=특장:listed}}", office) == "법인, 개인 등"
    assert resolved("({{milestone:supply}})", office) == "('24.8월~)"


def test_a_changed_record_changes_the_sentence(office, taxi):
    Target.objects.update(value=Decimal(800))
    assert resolved("{{vehicles:plan}}", office) == "'23년 722대 → '24년 800대"


def test_resolution_errors_name_what_is_missing(office, taxi):
    assert resolve_errors("{{vehicles}} {{milestone:supply}}", OfficeRecords.load(office.pk)) == []
    errors = resolve_errors(
        "{{nothing}} {{vehicles|유형=일반}} {{vehicles@2022-12-31}} {{vehicles:listed}} "
        "{{milestone:none}}",
        OfficeRecords.load(office.pk),
    )
    assert errors == [
        "{{nothing}}: 영문 코드 'nothing'인 지표가 없습니다.",
        "{{vehicles|유형=일반}}: 지표 'vehicles'에 유형=일반 실적값이 없습니다.",
        "{{vehicles@2022-12-31}}: 지표 'vehicles'에 2022-12-31 기준 합계 실적값이 없습니다.",
        "{{vehicles:listed}}: 지표 'vehicles'의 실적값에 함께 적힌 항목이 없습니다.",
        "{{milestone:none}}: 영문 코드 'none'인 추진일정이 없습니다.",
    ]
    Target.objects.all().delete()
    assert resolve_errors("{{vehicles:plan}}", OfficeRecords.load(office.pk)) == [
        "{{vehicles:plan}}: 지표 'vehicles'에 목표가 없습니다."
    ]


def test_every_placeholder_in_the_seed_file_parses():
    text = (SEED_DIR / "seoul-secretariat-2024-09.toml").read_text(encoding="utf-8")
    narratives = re.findall(r'text = "([^"]*\{\{[^"]*)"', text)
    assert len(narratives) >= 15
    for narrative in narratives:
        assert parse_placeholders(narrative)


def test_the_seed_narratives_print_the_reports_figures(seeded):
    texts = {
        resolved(n.text, seeded)
        for n in Narrative.objects.filter(program__office=seeded, text__contains="{{")
    }
    assert (
        "'24. 9. 3. ~ '25. 2. 28.(6개월), (이용요금) 시간당 13,700원(최저임금 + 4대 보험료 등)"
        in texts
    )
    assert "장애인콜택시로 특장차량 증차 ('23년 722대 → '24년 782대)" in texts
    regions = "경북, 제주, 세종, 대전, 충북, 강원, 충남, 부산 등"
    assert f"(※ 민선 8기 지역과의 교류협약-9건({regions}))" in texts
    assert any("※'22년~'23년 4회 참석" in t for t in texts)
    assert all(
        not resolve_errors(n.text, OfficeRecords.load(seeded.pk)) for n in Narrative.objects.all()
    )
