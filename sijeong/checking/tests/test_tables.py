"""Reading tables in the shapes real documents come in."""

from decimal import Decimal

from sijeong.checking.numbers import parse_number
from sijeong.checking.tables import normalise_label

from .helpers import tables

D = Decimal


def test_tab_table_with_two_header_rows_names_columns_under_their_parent():
    text = (
        "인력 현황 (기준 / 단위 : '24.8월 / 명)\n"
        "구분\t총계\t일반직\t\t\t별정직\t\n"
        "\t\t소계\t5급\t6급\t소계\t4급상당\n"
        "정원\t31\t9\t5\t4\t22\t22\n"
    )
    (table,) = tables(text)
    assert table.columns == [
        "총계",
        "일반직 › 소계",
        "일반직 › 5급",
        "일반직 › 6급",
        "별정직 › 소계",
        "별정직 › 4급상당",
    ]
    assert table.unit == "명"
    assert table.rows[0].values()[:3] == [D(31), D(9), D(5)]


def test_pipe_table_multirow_header_trailing_empty_cells_and_wrapped_label():
    text = (
        "(단위 : 백만원)\n"
        "| 구분 | 예산 | | |\n"
        "| | 본예산 | 추경 | 비고 |\n"
        "|---|---|---|---|\n"
        "| 합    계 | 1,500 | 300 | |\n"
        "| 일 반 회 계 | 1,000 | 200 | |\n"
        "| 주민참여 예산 | 500 | 100 | |\n"
        "| 사업 | | | |\n"
    )
    (table,) = tables(text)
    assert table.unit == "백만원"
    assert table.columns[:2] == ["예산 › 본예산", "예산 › 추경"]
    labels = [r.label for r in table.rows]
    assert labels == ["합계", "일반회계", "주민참여 예산 사업"]
    assert table.rows[0].total == "계"
    assert table.rows[2].lines == [7, 8]


def test_one_cell_per_line_is_reassembled_by_the_header_width():
    text = "※ 단위: 억원\n구분\n예산\n집행\n잔액\n" + "계\n300\n200\n100\n"
    text += "본청\n200\n150\n50\n" + "사업소\n100\n50\n50\n"
    (table,) = tables(text)
    assert table.shape == "cells"
    assert table.unit == "억원"
    assert [r.label for r in table.rows] == ["계", "본청", "사업소"]
    assert table.rows[1].values() == [D(200), D(150), D(50)]


def test_figures_run_together_are_split_by_their_comma_grouping():
    text = "구분  예산액  집행액  잔액\n합계  350,000341,0009,000\n"
    (table,) = tables(text)
    assert table.rows[0].values() == [D(350000), D(341000), D(9000)]


def test_figures_run_together_without_commas_are_chosen_by_the_row_total():
    text = "구분  계  상반기  하반기\n건수  4400  4000400\n"
    (table,) = tables(text)
    assert table.rows[0].values() == [D(4400), D(4000), D(400)]


def test_rows_of_space_separated_figures_under_a_header():
    text = "구분 계 완료 진행\n과제 60 42 18\n비율(%) 100.0 70.0 30.0\n"
    (table,) = tables(text)
    assert [r.label for r in table.rows] == ["과제", "비율(%)"]
    assert table.rows[1].values() == [D("100.0"), D("70.0"), D("30.0")]


def test_columns_aligned_by_runs_of_spaces():
    text = "구분          2023년      2024년      증감\n방문객        1,200       1,500       300\n"
    (table,) = tables(text)
    assert table.columns == ["2023년", "2024년", "증감"]
    assert table.rows[0].values() == [D(1200), D(1500), D(300)]


def test_unit_written_with_an_underscore():
    text = "단위_ 개\n구분\t계\t신규\n시설\t10\t3\n"
    (table,) = tables(text)
    assert table.unit == "개"


def test_negatives_and_korean_amounts_and_printed_places():
    assert parse_number("△1,234").value == D(-1234)  # type: ignore[union-attr]
    assert parse_number("▲ 50").value == D(-50)  # type: ignore[union-attr]
    assert parse_number("-3.5").value == D("-3.5")  # type: ignore[union-attr]
    assert parse_number("-").dash  # type: ignore[union-attr]
    assert parse_number("12억 3,450만 7천 원").value == D(1_234_507_000)  # type: ignore[union-attr]
    rate = parse_number("71.0%")
    assert rate is not None and rate.percent and rate.places == 1
    share = parse_number("143,413 (40.1%)")
    assert share is not None and share.value == D(143413) and share.share == D("40.1")


def test_letter_spaced_labels_are_normalised():
    assert normalise_label("합    계") == "합계"
    assert normalise_label("일 반 회 계") == "일반회계"
    assert normalise_label("기관운영 업무추진비") == "기관운영 업무추진비"


def test_korean_amounts_as_news_and_minutes_write_them():
    from sijeong.checking.numbers import korean_amount

    assert korean_amount("9천 100만원") == D(91_000_000)
    assert korean_amount("1억 3,300만원") == D(133_000_000)
    assert korean_amount("18억 6,700만 원") == D(1_867_000_000)
    assert korean_amount("30억원") == D(3_000_000_000)
    assert korean_amount("3만 2억") is None


def test_shares_run_together_keep_their_places():
    text = "구분 계 소방감 소방정 소방령\n비율(%) 100 0.03 3.3612.08\n"
    (table,) = tables(text)
    assert table.rows[0].values() == [D(100), D("0.03"), D("3.36"), D("12.08")]


def test_a_total_row_missing_its_text_columns_is_aligned_to_the_right():
    text = (
        "연번 | 전략목표 | 성과목표 | 성과지표 |\n---|---|---|---|\n"
        "1 | 복지 | 3 | 35 |\n2 | 환경 | 3 | 28 |\n총계 | 6 | 63 |\n"
    )
    (table,) = tables(text)
    assert table.rows[-1].values() == [None, D(6), D(63)]


def test_each_cell_knows_its_kind_unit_and_scale():
    text = "(단위 : 천원)\n구분\t예산액\t집행률\t비고\n계\t357,200\t40.1\t경비\n본청\t300명\t-\t\n"
    (table,) = tables(text)
    total, part = table.rows
    assert [(c.kind, c.unit, c.scale) for c in total.cells] == [
        ("amount", "천원", 1000),
        ("percent", "%", 1),
        ("text", "", 1),
    ]
    assert part.cells[0].unit == "명" and part.cells[0].scale == 1


def test_figures_run_together_are_chosen_by_the_column_totals():
    text = "구분  상반기  하반기\n합계  4400  1100\n본청  3000  1000\n사업소  1400100\n"
    (table,) = tables(text)
    assert table.rows[2].values() == [D(1400), D(100)]
