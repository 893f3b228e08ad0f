"""Relations found in a table's own figures (issue 24): a column that is the sum, difference,
percentage or per-head quotient of two others, wherever its headers leave it unsaid."""

from decimal import Decimal

import pytest

from .helpers import codes, findings, serious

# The two shapes issue 24 quotes, figures changed: a share one row long, a per-head figure.
SHARE = "과장급 이상 비율\n구분 총원 과장급 비율\n○○구 1,200명 63명 5.10%\n"
PER_HEAD = "공무원 1인당 주민수\n구분 인구수 공무원 수 1인당 주민수\n○○구 180,000명 700명 250명\n"


@pytest.mark.parametrize(
    "text",
    [
        SHARE,
        SHARE.replace(" ", "\t").replace("과장급\t이상\t비율", "과장급 이상 비율"),
        "| 구분 | 총원 | 과장급 | 비율 |\n|---|---|---|---|\n| ○○구 | 1,200명 | 63명 | 5.10% |\n",
        # A header without the label column's name, as pages print it.
        "총원 과장급 비율\n○○구 1,200명 63명 5.10%\n",
    ],
    ids=["words", "tabs", "pipes", "unnamed label column"],
)
def test_a_share_named_by_its_header_is_checked_on_one_row(text):
    (finding,) = [f for f in findings(text) if f.code == "rate-mismatch"]
    assert "63 ÷ 1,200 = 5.25% (적힌 값 5.10%)" in finding.message
    assert serious(text.replace("5.10%", "5.25%")) == []


def test_a_per_head_figure_is_the_larger_figure_over_the_smaller():
    (finding,) = [f for f in findings(PER_HEAD) if f.code == "rate-mismatch"]
    assert finding.line == 3 and finding.severity.label == "경고"
    assert "180,000 ÷ 700 = 257.1 (적힌 값 250)" in finding.message
    assert serious(PER_HEAD.replace("250명", "257명")) == []


def test_a_per_head_column_names_its_numerator():
    # 주민수 is the numerator because the column says so, though 공무원수 comes first.
    text = (
        "공무원수 주민수 1인당 주민수\n가시 1,102명 331,194명 303명\n나시 900명 180,000명 200명\n"
    )
    assert (2, "rate-mismatch") in codes(text)
    assert serious(text.replace("303명", "301명")) == []


AVERAGES = (
    "주민수 공무원수 1인당 주민수\n"
    "가시 331,194명 1,102명 301명\n"
    "①인구 50만 미만 시 평균 203,000명 1,007명 190명\n"
    "②인구 30~50만 미만 시 419,103명 1,323명 298명\n"
)


def test_rows_of_averages_and_their_series_are_only_noted():
    """An average of ratios is not the ratio of averages: the ① row says 평균, the ② row is
    numbered in the same series, and neither is more than 참고."""
    found = findings(AVERAGES)
    assert serious(AVERAGES) == []
    assert {f.line for f in found if f.code == "rate-mismatch"} == {3, 4}
    assert all("평균·비교 행" in f.message for f in found)


UNNAMED = (
    "구분  가  나  다\n"
    "갑  1,200  1,500  300\n"
    "을  400  650  250\n"
    "병  2,000  2,100  100\n"
    "정  310  420  110\n"
    "무  50  75  25\n"
)


def test_a_relation_no_header_names_is_found_in_the_figures():
    assert serious(UNNAMED) == []
    broken = UNNAMED.replace("병  2,000  2,100  100", "병  2,000  2,100  150")
    (finding,) = [f for f in findings(broken) if f.line == 4]
    assert finding.code == "difference-mismatch" and finding.severity.label == "경고"
    assert "2,100 − 2,000 = 100 (적힌 값 150)" in finding.message
    assert "다른 4개 행에서는" in finding.message


def test_a_third_part_the_relation_left_out_is_not_a_mismatch():
    """계 = 공립 + 사립 holds where 국립 is empty; where it is not, 국립 is the gap."""
    text = (
        "구분 | 국립 | 공립 | 사립 | 계 |\n|---|---|---|---|---|\n"
        "유치원 | - | 131 | 221 | 352 |\n중학교 | - | 135 | 35 | 170 |\n"
        "특성화고 | - | 8 | 24 | 32 |\n특수목적고 | 3 | 7 | 3 | 13 |\n"
        "자율고 | - | 4 | 2 | 6 |\n"
    )
    assert serious(text) == []


def test_quotients_of_small_counts_prove_nothing():
    """1 and 2 as 27 ÷ 24 and 29 ÷ 20: too coarse to be a relation."""
    rows = [(27, 24, 1), (30, 24, 1), (29, 20, 1), (40, 25, 2), (50, 41, 1), (66, 44, 3)]
    body = "".join(f"위원회{i}  {a}  {b}  {c}\n" for i, (a, b, c) in enumerate(rows))
    text = "구분  총원  민간  기타\n" + body
    assert serious(text) == []


def test_a_breakdown_in_brackets_inherits_the_total_s_unit():
    text = "기금회계\n1조 9,896억원 (도 9,641, 시군 1조 228)\n"
    (finding,) = findings(text)
    assert finding.code == "total-mismatch" and finding.line == 2
    assert "9641억원 + 1조 228억원 = 1조 9869억원 (적힌 합계 1조 9896억원)" in finding.message
    assert findings(text.replace("9,896", "9,869")) == []
    assert findings("재정자립도 평균 34.4% (도 34.7, 시군 20.7)\n") == []


def test_a_table_given_one_cell_per_line_with_its_pipes_is_read_cell_by_cell():
    cells = ["| 구분 |", "2026 예산 |", "2025 예산 |", "증감액 |", "증감률 |"]
    for label, now, before, change, rate in [
        ("일반회계", "9,122", "8,462", "660", "7.80%"),
        ("특별회계", "295", "450", "∆155", "∆34.47%"),
        ("기타", "1,923", "1,704", "219", "156.28%"),
    ]:
        cells += [f"| {label} |", f"{now} |", f"{before} |", f"{change} |", f"{rate} |"]
    found = findings("\n".join(cells) + "\n")
    # The wrong rate is reported at the line it is printed on, not at its row's label.
    serious_ones = [(f.line, f.code) for f in found if f.severity.label != "참고"]
    assert serious_ones == [(20, "rate-mismatch")]


def test_rows_that_take_turns_add_up_within_their_series():
    """정원 and 현원 rows under each group: the 정원 total adds up the 정원 rows only."""
    text = (
        "직급별 구분\t\t계\t5급\t6급이하\n"
        "합계\t정원\t1,000\t100\t900\n"
        "\t현원\t1,044\t110\t934\n"
        "본부\t정원\t400\t40\t360\n"
        "\t현원\t410\t45\t365\n"
        "소속기관\t정원\t600\t60\t540\n"
        "\t현원\t590\t60\t530\n"
        "기타\t현원\t44\t5\t39\n"
    )
    assert serious(text) == []
    broken = text.replace("본부\t정원\t400\t40\t360", "본부\t정원\t400\t41\t359")
    assert (2, "total-mismatch") in codes(broken)


def test_the_contents_and_the_headings_they_announce_agree():
    text = (
        "보고순서\nⅠ. 일반현황\nⅡ. 주요업무 추진실적\nⅢ. 현안사항\n\n"
        "Ⅰ. 일반 현황\n1. 조직\nⅡ. 주요업무 추진실적\nⅢ. 주요 현안\n"
    )
    (finding,) = findings(text)
    assert (finding.line, finding.code) == (9, "restatement-mismatch")
    assert "보고순서에는 「Ⅲ. 현안사항」, 본문 제목은 「Ⅲ. 주요 현안」" in finding.message
    assert findings(text.replace("Ⅲ. 주요 현안", "Ⅲ. 현안 사항")) == []


def test_one_change_stated_with_two_amounts_is_told_by_its_base():
    text = (
        "지난해보다 1732억원(12.1%) 늘어\n"
        "내년도 예산안은 올해 본예산 2조2600억원 보다 2732억원(12.1%) 늘어난 규모다.\n"
    )
    found = [f for f in findings(text) if f.code == "restatement-mismatch"]
    assert [(f.line, f.values) for f in found] == [
        (1, (Decimal(173_200_000_000), Decimal(273_200_000_000)))
    ]
