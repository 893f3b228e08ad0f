"""The outline of a 개조식 report: headings, bullets, tables and paragraphs with line numbers."""

import pytest

from sijeong.core.testing import reference_text
from sijeong.documents.reading.text import source_lines
from sijeong.ingest.structure import outline


def items(text):
    return [(i.kind, i.level, i.label, i.text) for i in outline(source_lines(text))]


def test_headings_of_every_level():
    text = (
        "Ⅱ. 주요 업무\nI. 일반 현황\n3 예산 집행현황\n① 기후동행카드 본사업 시행\n"
        "2\n\n주요 시책 언론발표"
    )
    assert items(text) == [
        ("heading", 1, "Ⅱ.", "주요 업무"),
        ("heading", 1, "I.", "일반 현황"),
        ("heading", 2, "3", "예산 집행현황"),
        ("heading", 3, "①", "기후동행카드 본사업 시행"),
        ("heading", 2, "2", "주요 시책 언론발표"),
    ]


def test_symbols_numbering_and_indentation():
    text = (
        "□ 추진방향\n - 하위 항목\n- ▶ 일시/장소 : '24. 8. 6.(화)\n"
        "가. 첫째\n(1) 둘째\n* 주석\n※ 참고"
    )
    assert items(text) == [
        ("bullet", 0, "□", "추진방향"),
        ("bullet", 1, "-", "하위 항목"),
        ("bullet", 0, "-▶", "일시/장소 : '24. 8. 6.(화)"),
        ("bullet", 0, "가.", "첫째"),
        ("bullet", 0, "(1)", "둘째"),
        ("bullet", 0, "*", "주석"),
        ("bullet", 0, "※", "참고"),
    ]


def test_bold_markup_is_not_a_symbol():
    assert items("- **민생현장 중심**") == [("bullet", 0, "-", "**민생현장 중심**")]


def test_an_indented_line_under_an_item_continues_it():
    text = "- 현장에서 문제를 파악하고\n  해결방안을 모색\n\n  따로 선 문단"
    parsed = outline(source_lines(text))
    assert [(i.kind, i.text, i.lines) for i in parsed] == [
        ("bullet", "현장에서 문제를 파악하고 해결방안을 모색", [1, 2]),
        ("paragraph", "따로 선 문단", [4]),
    ]


def test_tab_and_space_separated_rows_form_one_table():
    parsed = outline(
        source_lines("구분\t예산액\t집행액\n계\t357,200\t143,413\n\n기관\t277,200   97,993")
    )
    assert [(i.kind, i.lines) for i in parsed] == [("table", [1, 2, 4])]
    assert parsed[0].cells[2] == ["기관", "277,200", "97,993"]


@pytest.mark.reference
def test_every_non_empty_line_of_the_reference_is_in_one_item():
    lines = source_lines(reference_text())
    parsed = outline(lines)
    covered = [n for item in parsed for n in item.lines]
    assert sorted(covered) == [line.number for line in lines if line.text.strip()]
    tables = [i for i in parsed if i.kind == "table"]
    assert [len(t.cells) for t in tables] == [4, 4, 5]  # staffing, budget, comparison
