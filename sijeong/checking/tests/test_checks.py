"""Each check on small snippets written the way real documents print their figures."""

import pytest

from sijeong.checking.checks import CHECKS, Document, run
from sijeong.core.testing import reference_text
from sijeong.documents.reading.text import source_lines

from .helpers import codes, findings, serious


def test_every_check_is_registered_under_its_name():
    run(Document.of(source_lines("")))
    assert {"total-mismatch", "rate-mismatch", "difference-mismatch", "duplicate-row"} <= set(
        CHECKS
    )
    assert {"malformed-number", "impossible-date", "cumulative-smaller", "name-variant"} <= set(
        CHECKS
    )


BUDGET = (
    "(단위 : 천원)\n"
    "구분\t예산액\t집행액\t잔액\t집행률\n"
    "계\t357,200\t143,413\t213,787\t40.1\n"
    "기관운영업무추진비\t277,200\t97,993\t179,207\t35.4\n"
    "시책추진업무추진비\t80,000\t45,420\t34,580\t56.8\n"
)


def test_a_table_that_adds_up_has_no_findings():
    assert findings(BUDGET) == []


def test_a_total_above_its_parts_shows_the_sum():
    text = BUDGET.replace("계\t357,200", "계\t358,200")
    (finding,) = [f for f in findings(text) if f.code == "total-mismatch"]
    assert finding.line == 3 and finding.severity.label == "오류"
    assert "277,200 + 80,000 = 357,200 (적힌 계 358,200)" in finding.message


def test_a_total_one_off_in_its_last_digit_is_a_rounding_note():
    text = BUDGET.replace("계\t357,200\t143,413", "계\t357,200\t143,414")
    found = [f for f in findings(text) if f.code == "total-mismatch"]
    assert found and all(f.severity.label == "참고" for f in found)


def test_hierarchy_of_accounts_without_markers_is_inferred_from_the_figures():
    text = (
        "| 회계별 | 예산현액 | 지출액 |\n|---|---|---|\n"
        "| 합계 | 1,600 | 160 |\n| 일반회계 | 1,000 | 100 |\n"
        "| 특별회계 | 300 | 30 |\n| 하수도특별회계 | 200 | 20 |\n| 수질개선특별회계 | 100 | 10 |\n"
        "| 기금회계 | 300 | 30 |\n| 자활기금 | 250 | 25 |\n| 재난관리기금 | 50 | 5 |\n"
    )
    assert serious(text) == []
    wrong = text.replace("| 합계 | 1,600 |", "| 합계 | 1,700 |")
    assert (3, "total-mismatch") in codes(wrong)
    (finding,) = [f for f in findings(wrong) if f.code == "total-mismatch"]
    assert "1,000 + 300 + 300 = 1,600 (적힌 합계 1,700)" in finding.message


def test_subtotals_and_total_columns_across_a_row():
    text = (
        "구분\t총계\t일반직\t\t\t별정직\t\t\n"
        "\t\t소계\t5급\t6급\t소계\t4급상당\t5급상당\n"
        "정원\t31\t9\t5\t4\t22\t5\t17\n"
        "현원\t30\t9\t5\t3\t21\t5\t16\n"
    )
    assert (4, "total-mismatch") in codes(text)  # 5 + 3 = 8, not 9
    assert (3, "total-mismatch") not in codes(text)


def test_a_table_cut_off_at_the_end_of_an_excerpt_is_not_an_error():
    text = "구분  예산  집행\n계  900  90\n본청  300  30\n사업소  200  20\n"
    assert serious(text) == []


def test_a_stated_rate_is_checked_at_its_printed_precision():
    text = BUDGET.replace("40.1\n", "41.1\n")
    (finding,) = [f for f in findings(text) if f.code == "rate-mismatch"]
    assert finding.line == 3
    assert "143,413 ÷ 357,200 = 40.1% (적힌 값 41.1%)" in finding.message


def test_three_decimals_are_checked_to_three():
    text = (
        "| 회계별 | 예산현액(A) | 지출액 누계(B) | 집행률(B/A) |\n|---|---|---|---|\n"
        "| 일반회계 | 528,298,550,916 | 30,402,702,370 | 5.755% |\n"
        "| 특별회계 | 8,497,789,000 | 109,690,820 | 1.219% |\n"
    )
    (finding,) = [f for f in findings(text) if f.code == "rate-mismatch"]
    assert finding.line == 4 and "= 1.291% (적힌 값 1.219%)" in finding.message


def test_a_share_printed_beside_a_figure():
    text = BUDGET.replace("\t집행률", "").replace("\t40.1\n", "\n").replace("\t35.4\n", "\n")
    text = text.replace("\t56.8\n", "\n").replace("97,993", "97,993 (37.4%)")
    assert (4, "rate-mismatch") in codes(text)


def test_a_count_row_followed_by_its_percentage_row():
    text = "구분 계 완료 진행\n과제수 60 42 18\n비율(%) 100.0 71.0 30.0\n"
    assert (3, "rate-mismatch") in codes(text)
    assert serious(text.replace("71.0", "70.0")) == []


def test_a_sentence_stating_a_share_of_counts():
    text = "완료 42건, 전체 60건으로 달성률 71.0%를 기록\n"
    (finding,) = findings(text)
    assert finding.code == "rate-mismatch"
    assert "42 ÷ 60 = 70.0% (적힌 값 71.0%)" in finding.message
    assert findings("전체 338개 역사 중 328개 역사(97.0%) 확보\n") == []
    assert codes("전체 338개 역사 중 328개 역사(96.0%) 확보\n") == {(1, "rate-mismatch")}


def test_a_rate_defined_over_list_items():
    text = "- 대상 : 79개 사업\n- 완료 : 54개\n- 달성률(전체공약 수 대비 완료 공약 수) : 67.1%\n"
    assert codes(text) == {(3, "rate-mismatch")}


def test_difference_and_growth_columns():
    text = (
        "(단위 : 명)\n구분  2023년  2024년  증감  증감률\n"
        "방문객  1,200  1,500  300  25.0\n"
        "참가자  400  300  △100  △25.0\n"
    )
    assert serious(text) == []
    assert (3, "difference-mismatch") in codes(text.replace("  300  25.0", "  200  25.0"))
    assert (4, "rate-mismatch") in codes(text.replace("△25.0", "△20.0"))


def test_a_difference_a_thousand_times_off_is_a_unit_slip():
    text = "(단위 : 백만원)\n구분  2024년  2023년  증감액\n국토  22,030  22,923  △892,973\n"
    assert (3, "unit-slip") in codes(text)


def test_a_duplicated_row():
    text = "구분\t예산\t집행\n일반회계\t500\t50\n일반회계\t500\t50\n특별회계\t100\t10\n"
    assert (3, "duplicate-row") in codes(text)


def test_malformed_numbers():
    assert (1, "malformed-number") in codes("총 사업비 1.234.567원\n")
    assert (1, "malformed-number") in codes("참여 인원 1.500명\n")
    assert (1, "malformed-number") in codes("충북(37,6%)이 양호\n")
    assert (1, "malformed-number") in codes("예산 12,34,567원 편성\n")
    table = "구분\t예산\t집행\n계\t39,943\t100\n본청\t38.643\t60\n사업소\t1,300\t40\n"
    assert (3, "malformed-number") in codes(table)
    assert (2, "total-mismatch") not in codes(table)
    assert findings("1,2,3호선과 3,4월 일정\n") == []


def test_impossible_dates_and_wrong_weekdays():
    assert codes("2024. 8. 6.(수) 현장점검\n") == {(1, "weekday-mismatch")}
    assert findings("2024. 8. 6.(화) 현장점검\n") == []
    assert codes("'24. 2. 30. 개최\n") == {(1, "impossible-date")}
    assert codes("2024. 13월 준공 예정\n") == {(1, "impossible-date")}
    assert codes("추진기간 : '24. 9.~'24. 13.\n") == {(1, "impossible-date")}
    assert findings("추진기간 : '24. 9.~'24. 12. (4개월)\n") == []
    text = "2024. 8. 1.(목) 회의\n8. 7.(수) 간담회\n8. 8.(금) 행사\n"
    assert codes(text) == {(3, "weekday-mismatch")}


def test_a_malformed_time_but_not_a_ratio():
    assert codes("'24. 8. 26.(월) 14:1 / 본관\n") == {(1, "malformed-time")}
    assert findings("일시 : '24. 8. 26.(월) 14:10\n") == []
    assert findings("1:1 매칭 지원\n") == []
    assert findings("'24. 8. 6.(화) 모집 결과 경쟁률 10:1\n") == []


def test_a_cumulative_figure_smaller_than_part_of_its_period():
    text = "구분\t8월\t누계\n충전\t450\t400\n이용\t300\t2,000\n"
    assert codes(text) == {(2, "cumulative-smaller")}
    assert codes("누적 충전 40만건, 8월 45만건\n") == {(1, "cumulative-smaller")}


def test_one_body_named_two_ways_is_a_note():
    text = "서울시설공단과 협약\n서울시설관리공단 이사회\n도봉 지하차도 점검\n도봉지하차도 개통\n"
    found = findings(text)
    assert {f.code for f in found} == {"name-variant"}
    assert all(f.severity.label == "참고" for f in found)


def test_totals_stated_in_a_sentence():
    assert findings("총 395만건 (30일권 389만건, 단기권 6만건)\n") == []
    assert codes("총 395만건 (30일권 379만건, 단기권 6만건)\n") == {(1, "total-mismatch")}


@pytest.mark.reference
def test_the_reference_report_only_its_malformed_time():
    found = findings(reference_text())
    assert [(f.line, f.code) for f in found if f.severity.label != "참고"] == [
        (103, "malformed-time")
    ]


def test_running_totals_of_sessions_in_session_order():
    text = (
        "구분 | 회기 (금회/누계) |\n"
        "제101회 임시회 | 9일/ 9일 |\n"
        "제102회 임시회 | 7일/ 16일 |\n"
        "제103회 임시회 | 9일/ 24일 |\n"
        "제104회 정례회 | 11일/ 35일 |\n"
    )
    assert codes(text) == {(4, "total-mismatch"), (5, "total-mismatch")}
    assert serious(text.replace("24일", "25일").replace("35일", "36일")) == []
    smaller = text.replace("9일/ 24일", "9일/ 12일")
    assert (4, "cumulative-smaller") in codes(smaller)


def test_an_execution_rate_stated_in_a_sentence_of_korean_amounts():
    text = "올해 예산을 30억원으로 증액했고, 9천 100만원을 집행해 집행률은 3.3%에 그쳤습니다.\n"
    (finding,) = findings(text)
    assert finding.code == "rate-mismatch" and finding.severity.label == "오류"
    assert "91,000,000 ÷ 3,000,000,000 = 3.0% (적힌 값 3.3%)" in finding.message
    rounding = "예산 20억 원 중 쓴 돈은 1억 3,300만원으로 집행률은 6.6%에 그쳤고\n"
    assert [f.severity.label for f in findings(rounding)] == ["참고"]


def test_a_row_of_shares_that_does_not_add_up_to_its_hundred():
    text = "구분 계 소방감 소방정 소방령\n비율(%) 100 0.03 20.00 81.00\n"
    assert codes(text) == {(2, "total-mismatch")}
    assert serious("구분 계 소방감 소방정 소방령\n비율(%) 100 0.03 19.98 79.99\n") == []


CLEAN = {
    "indicators that are rates themselves": (
        "| 성과지표 | 목표 | 실적 | 달성률(%) |\n|---|---|---|---|\n"
        "| 민원처리 기간(일) | 5.0 | 4.2 | 119.0 |\n| 참여자 수(명) | 1,200 | 1,350 | 112.5 |\n"
        "| 재활용률(%) | 60.0 | 57.3 | 95.5 |\n"
    ),
    "a total column and a share column": (
        "| 구분 | 남 | 여 | 계 | 여성 비율 |\n|---|---|---|---|---|\n"
        "| 5급 이상 | 40 | 10 | 50 | 20.0 |\n| 6급 이하 | 100 | 150 | 250 | 60.0 |\n"
        "| 합계 | 140 | 160 | 300 | 53.3 |\n"
    ),
    "staffing shortfalls": "구분\t정원\t현원\t과부족\n계\t120\t115\t△5\n본청\t80\t78\t△2\n",
    "levels by indentation": (
        "구분  예산  결산\n계  1,000  900\n 가. 일반행정  600  550\n  1) 인건비  400  380\n"
        "  2) 운영비  200  170\n 나. 시설관리  400  350\n"
    ),
    "years side by side": "구분  2021년  2022년  2023년\n방문객  1,000  1,200  1,500\n",
    "headings, telephone numbers and page numbers": (
        "1. 추진배경\n- 1단계 : 2024. 3.~6. / 2단계 : 7.~12.\n문의 : 032-510-1531\n- 3 -\n"
    ),
    "shares in a sentence": "총 80개 중 완료 60개(75.0%), 정상추진 18개(22.5%), 보류 2개(2.5%)\n",
    "a council member's arithmetic": (
        "예산 4억 원 중 2억 7천만원을 집행해서 집행률은 67.5%입니다.\n"
    ),
}


@pytest.mark.parametrize("text", CLEAN.values(), ids=CLEAN.keys())
def test_documents_that_add_up_raise_nothing_above_a_note(text):
    assert serious(text) == []


def test_one_person_missing_from_a_total_is_not_rounding():
    text = "(단위 : 명)\n구분\t계\t교원\t일반직\n정원\t122\t22\t101\n"
    (finding,) = findings(text)
    assert finding.code == "total-mismatch" and finding.severity.label == "경고"
    money = "(단위 : 백만원)\n구분\t계\t국비\t시비\n예산\t122\t22\t101\n"
    assert [f.severity.label for f in findings(money)] == ["참고"]


def test_weekdays_of_a_weekly_schedule_without_a_year_agree_with_each_other():
    text = "8일(화) ▲회의\n9일(수) ▲행사\n10일(목) ▲기공식\n11일(토) ▲발대식\n12일(토) ▲대회\n"
    assert codes(text) == {(4, "weekday-mismatch")}
    assert findings(text.replace("11일(토)", "11일(금)")) == []
    lines = "07.03\n(월)\n회의\n07.04\n(화)\n07.05\n(목)\n07.06\n(목)\n"
    assert codes(lines) == {(7, "weekday-mismatch")}


def test_a_share_stated_between_two_amounts():
    text = "세출은 예산 136조5000억원의 98.3%인 134조2000억원에 그쳤다.\n"
    assert findings(text) == []
    wrong = "세출예산현액 63조4000억원의 93.8% 수준인 58조2000억원의 집행실적\n"
    (finding,) = findings(wrong)
    assert finding.code == "rate-mismatch" and "= 91.8% (적힌 값 93.8%)" in finding.message


def test_parts_named_before_their_total_in_a_sentence():
    assert findings("평가는 정량지표 98개, 정성지표 19개로 총 117개 지표로 구성\n") == []
    text = "평가는 정량지표 98개, 정성지표 19개로 총 118개 지표로 구성\n"
    (finding,) = findings(text)
    assert finding.code == "total-mismatch"
    assert "98 + 19 = 117개 (적힌 합계 118개)" in finding.message
    assert findings("60개 중앙관서 중 35개로, 총 40개 부처가 참여\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "지방세 수입이 올해 72억 1838억원으로 늘었다.",
            "억 단위가 두 번 쓰였습니다 (72조 1838억?)",
        ),
        ("사업비 5만 3억원을 들였다.", "큰 단위 억이 작은 단위 만 뒤에 쓰였습니다"),
        # No unit above 조 to suggest (this stopped the checker on a real PDF).
        ("총사업비 1조 2조원 규모", "조 단위가 두 번 쓰였습니다"),
        ("지방세 수입이 올해 72조 1838억원으로 늘었다.", None),
        ("1억 5천만원, 3억~5억원, 3억, 2억원", None),
    ],
)
def test_a_korean_amount_with_a_unit_repeated_or_out_of_order(text, expected):
    found = [f.message for f in findings(text) if f.code == "malformed-number"]
    assert found == ([] if expected is None else [found[0]]) and (
        expected is None or expected in found[0]
    )


MONEY = "예산 규모는 일반회계 8,035억9,385만 원과 특별회계 1,967억5,312만 원으로 총 {} 원이다.\n"


def test_sums_of_money_named_before_their_total_in_a_sentence():
    assert codes(MONEY.format("1조3억4,697만")) == set()
    (finding,) = findings(MONEY.format("1조3억4,747만"))
    assert finding.code == "total-mismatch" and finding.severity.label == "오류"
    assert "8035억 9385만원 + 1967억 5312만원 = 1조 3억 4697만원 (적힌 합계 1조 3억 4747만원)" in (
        finding.message
    )


def test_a_change_from_one_amount_to_another_is_no_sum():
    assert (
        codes("지난해 65조 7963억원에서 올해 72조 1838억원으로, 총 6조 3875억원 늘었다.\n") == set()
    )


# A budget news paragraph (figures invented): the whole's change, then its parts' in one list.
PARTS = (
    "시는 내년 예산안 1조2천500억원을 편성했다.\n"
    "올해 본예산 1조1천800억원에 견줘 700억원(5.9%)이 늘었다. 일반회계는 1조원으로 "
    "520억원(5.5%), 특별회계는 2천500억원으로 180억원(7.8%)이 늘었다.\n"
)


def test_the_changes_of_parts_add_up_to_the_change_of_their_whole():
    assert codes(PARTS) == set()
    (finding,) = findings(PARTS.replace("700억원(5.9%)", "740억원(6.3%)"))
    assert (finding.line, finding.code) == (2, "total-mismatch")
    assert "520억 + 180억 = 700억 (적힌 값 740억)" in finding.message


def test_a_whole_printed_without_its_figure_takes_its_rate_from_its_parts():
    text = (
        "추경 예산은 당초예산보다 700억원, 5.9%가 증가한 것이다.\n"
        "일반회계는 1조원으로 당초예산보다 5.5%(520억원) 늘었으며 특별회계는 2천500억원으로 "
        "당초 예산보다 7.8%(180억원) 증가했다.\n"
    )
    assert codes(text) == set()
    assert codes(text.replace("5.9%가", "3.1%가")) == {(1, "rate-mismatch")}


def test_a_change_between_two_printed_figures_is_their_difference():
    # Figures invented. The rate agrees with the two figures: the change is the one misprinted.
    line = "특별회계는 제1회 추경 400억원 대비 30억원(7.5%) 늘어난 430억원이다.\n"
    assert codes(line) == set()
    (finding,) = findings(line.replace("30억원(7.5%)", "300억원(7.5%)"))
    assert finding.code == "difference-mismatch"
    assert "430억 − 400억 = 30억 (적힌 증감 300억)" in finding.message
    # The rate agrees with the change and not with the figures: the figure after it is wrong.
    after = line.replace("430억원이다", "440억원이다")
    (finding,) = findings(after)
    assert finding.code == "total-mismatch"
    assert "400억 + 30억 = 430억 (적힌 값 440억)" in finding.message


def test_changes_listed_with_each_are_paired_in_order():
    text = (
        "회계별로는 일반회계 1100억원, 특별회계 220억원 등으로 당초 예산보다 각각 "
        "100억원(10.0%), 20억원(10.0%) 증가한 규모다.\n"
    )
    assert codes(text) == set()
    assert codes(text.replace("20억원(10.0%)", "20억원(12.0%)")) == {(1, "rate-mismatch")}


def test_parts_listed_before_a_total_with_etc_may_not_exceed_it():
    text = "예산은 본청 2천억원, 교육지원청 1천억원, 예비비 50억원 등 모두 3천100억원이다.\n"
    assert codes(text) == set()  # 등: the parts listed need not be all of them
    assert codes(text.replace("3천100억원", "3천억원")) == {(1, "total-mismatch")}
    glued = "추경안은 일반회계 4억 5000만3000원, 특별회계 1억2000만원 총 5억7000만3000원이다.\n"
    assert codes(glued) == set()
    assert codes(glued.replace("총 5억", "총 4억")) == {(1, "total-mismatch")}


def test_shares_of_a_whole_printed_before_them():
    text = (
        "본예산은 2000억원(일반회계 1800억원·특별회계 200억원)이다. 전체예산 중 25%(500억원)를 "
        "농림분야에, 10%(200억원)는 복지분야에 편성했다.\n"
    )
    assert codes(text) == set()
    assert codes(text.replace("25%(500억원)", "30%(500억원)")) == {(1, "rate-mismatch")}


def test_one_change_stated_twice_with_two_results_is_judged_by_the_earlier_figure():
    text = (
        "시는 첫 추경안을 1천200억원 늘어난 1조3천500억원으로 편성했다.\n"
        "올해 본예산은 일반회계 1조2천300억원이다.\n"
        "이중 일반회계는 1천200억원 늘어난 1조3천500억원 규모다.\n"
    )
    assert codes(text) == set()
    (finding,) = findings(text.replace("1조3천500억원으로", "1조3천600억원으로"))
    assert (finding.line, finding.code) == (1, "total-mismatch")
    assert "1조 2300억 + 1200억 = 1조 3500억 (적힌 값 1조 3600억) — 3행에" in finding.message


def test_a_lead_that_slipped_a_digit_of_the_total_its_body_adds_up():
    text = (
        "도교육청은 2조1천234억5천678만원의 예산안을 제출했다.\n"
        "본청 1조5천억3천만원, 지역교육청 6천234억2천678만원 등 모두 2조1천234억5천678만원이다.\n"
    )
    assert codes(text) == set()
    slipped = text.replace("2조1천234억5천678만원의", "2조1천34억5천678만원의")
    assert codes(slipped) == {(1, "total-mismatch")}
    # A lead that states another figure altogether is another quantity, not a slip.
    assert codes(text.replace("2조1천234억5천678만원의", "2조9천억원의")) == set()


def test_a_rate_alone_between_its_two_figures():
    text = "시 예산은 기정예산 2조 2000억원보다 5.0%가 증가된 2조 3100억원이 됐다.\n"
    assert codes(text) == set()
    assert codes(text.replace("5.0%가", "6.0%가")) == {(1, "rate-mismatch")}
    # 에서 … 증액된: a rate that says more when the figures say less.
    fell = "일반회계는 당초 본예산 9000억원에서 5.0%가 증액된 9450억원으로 늘었다.\n"
    assert codes(fell) == set()
    assert codes(fell.replace("9450억원", "8550억원")) == {(1, "rate-mismatch")}


def test_parts_stated_by_their_figures_and_rates_add_up_to_their_whole():
    # The whole's earlier figure against the parts' earlier figures, each part given only as
    # its two figures and a rate.
    text = (
        "내년 예산은 올해 본예산 5조원보다 5000억원(10.0%) 늘어났다. 일반회계는 4조4000억원으로 "
        "올해 4조원보다 10.0%, 특별회계는 1조1000억원으로 올해 1조원보다 10.0% 각각 늘어났다.\n"
    )
    assert codes(text) == set()
    assert (1, "total-mismatch") in codes(
        text.replace("본예산 5조원보다", "본예산 5조5000억원보다")
    )


def test_a_change_without_a_rate_is_judged_by_what_confirms_it():
    plain = "시는 올해 당초 예산 7000억원보다 30억원이 늘어난 7025억원의 내년 예산을 편성했다.\n"
    assert codes(plain) == {(1, "difference-mismatch")}  # nothing says which figure is wrong
    parts = (
        "추경 규모는 1회 추경 2조100억원보다 2천억원 증가한 2조3100억원이다. 일반회계는 1800억원, "
        "특별회계는 200억원이 증액됐다.\n"
    )
    assert codes(parts) == {(1, "total-mismatch")}  # its parts confirm the change
    cut = "특별회계는 2000억원 중 5000만원을 삭감한 1999억5000만원을 편성했다.\n"
    assert codes(cut) == set()
    assert codes(cut.replace("1999억5000만원을", "1990억원을")) == {(1, "difference-mismatch")}


def test_shares_that_add_up_to_100_are_of_the_sum_of_their_parts():
    text = "세출은 경상지출이 55%인 2천7백50억원이며, 투자비는 45%인\n2천2백50억원이다.\n"
    assert codes(text) == set()
    assert codes(text.replace("55%인", "60%인").replace("45%인", "40%인")) == {(1, "rate-mismatch")}


def test_a_total_whose_second_group_lost_its_unit():
    text = "총규모는 4조 2000억원(일반회계 3조5000억 원, 특별회계 7000억 원)이다.\n"
    assert codes(text) == set()
    assert codes(text.replace("4조 2000억원(", "4조 2000원(")) == {(1, "total-mismatch")}


def test_prose_slips_seen_in_budget_news():
    assert codes("특별회계는 317억 원이 증가한 1.420억 원이다.\n") == {(1, "malformed-number")}
    assert codes("비중은 2006년 21.8%, 올해 25.2%로 높아졌다.\n") == set()
    # A total after a clause that ended: the figures before it are another statement's.
    text = (
        "세입을 8400억원으로 전망하여 편성했는데, 실제 세입은 일반회계 8334억원, "
        "특별회계 1933억원으로 모두 1조 267억원이다.\n"
    )
    assert codes(text) == set()
    # Amounts in 억 rounded to it: a gap of one is rounding (참고), not an error.
    (rounded,) = findings(text.replace("1조 267억원", "1조 268억원"))
    assert rounded.severity.label == "참고"


def test_a_change_is_of_the_figure_right_before_it_not_one_compared_earlier():
    text = (
        "해양환경분야 예산은 2270억원으로 올해에 비해 44억원(2.0%) 증가했고 과학기술분야는 "
        "1937억원으로 80억원(4.3%)이 늘었다.\n"
    )
    assert codes(text) == set()
    assert codes(text.replace("80억원(4.3%)", "80억원(5.3%)")) == {(1, "rate-mismatch")}


def test_a_subtotal_of_rows_the_table_leaves_out_is_not_checked_against_those_above():
    text = (
        "직급 | 총계 | 본청\n3급 | 1 | 1\n4급 | 8 | 8\n5급 | 61 | 61\n"
        "6급이하 소계 | 1,353 | 1,353\n"
    )
    assert codes(text) == set()
    # A subtotal near the sum of the rows above it is theirs, and checked.
    assert codes(text.replace("6급이하 소계 | 1,353 | 1,353", "소계 | 75 | 75")) == {
        (5, "total-mismatch")
    }


def test_a_rate_that_is_its_change():
    text = "시가 당초보다 5.0%인 500억 원이 늘어난 1조 500억 원의 추경예산안을 편성했다.\n"
    assert codes(text) == set()
    assert codes(text.replace("5.0%인", "14.4%인")) == {(1, "rate-mismatch")}


def test_parts_whose_earlier_figures_add_up_check_the_whole_change_and_result():
    text = (
        "추경예산을 당초 9,000억 원보다 400억 원(4.4%)이 증액된 9,400억 원으로 의결했다. "
        "일반회계는 당초예산 7,000억 원보다 4.3%인 300억 원이 증가된 7,300억 원, 특별회계는 "
        "당초예산인 2,000억 원보다 5.0%인 100억 원이 증가된 2,100억 원이다.\n"
    )
    assert codes(text) == set()
    wrong = text.replace("400억 원(4.4%)이 증액된 9,400억", "300억 원(3.3%)이 증액된 9,300억")
    assert codes(wrong) == {(1, "total-mismatch")}


def test_a_breakdown_whose_bracket_was_never_closed():
    text = "총사업비는 1조 495억원(기투자 1202억원, 임기 내 7252억원, 임기 후 2041억원이다.\n"
    assert codes(text) == set()
    assert codes(text.replace("2041억원이다", "241억원이다")) == {(1, "total-mismatch")}


def test_rounded_figures_of_budget_news_are_not_misprints():
    # 4천만 and 4천5백만 are rounded to 천만 and 백만: a gap within that is rounding.
    text = "기금은 본예산의 2635억 4천만 원보다 4천5백만 원 감액된 2634억 9천만 원이다.\n"
    assert codes(text) == set()
    # Shares of amounts rounded to 억 allow the amounts' rounding.
    shares = (
        "환경분야가 955억원(19.62%),사회복지분야 785억원(16.11%),농림분야 715억원(14.67%),"
        "국토분야 445억원(9.13%) 등이다.\n"
    )
    assert codes(shares) == set()
    # The 보다 of the first change is not the second's.
    each = (
        "총 규모는 본예산 1조 9000억 원보다 1680억 원이 증액된 2조 680억 원으로, 이 가운데 "
        "일반회계는 1423억 원이 증액된 1조 7783억 원, 특별회계는 257억 원이 증액된 2897억 원이다.\n"
    )
    assert codes(each) == set()


def test_a_ratio_row_of_the_two_rows_above_it_is_no_row_of_shares():
    text = (
        "구 분 | 2008 | 2009 | 2010\n세출결산액 | 564,775 | 703,949 | 675,747\n"
        "기본경비 | 5,610 | 6,372 | 6,035\n비율(%) | 0.99 | 0.91 | 0.89\n"
    )
    assert codes(text) == set()
    assert codes(text.replace("0.91 |", "0.95 |")) == {(4, "rate-mismatch")}


SCHEDULE = """회별 | 원서접수 | 시험시행 | 발표
제1회 | 1. 23(화)∼1. 26(금) | 2. 15(목)∼3. 7(목) | 3. 13(수)
제2회 | 4. 16(화)∼4. 19(금) | 5. 9(목)∼5. 28(화) | 6. 5(수)
제3회 | 6. 18(화)∼6. 21(금) | 7. 5(금)∼7. 27(토) | 8. 7(수)
"""


def test_a_schedule_without_its_year_is_checked_in_the_year_its_weekdays_name():
    assert codes(SCHEDULE) == set()
    (finding,) = findings(SCHEDULE.replace("5. 28(화)", "5. 28(금)"))
    assert (finding.line, finding.code) == (3, "weekday-mismatch")
    assert "2024. 5. 28.은 화요일입니다 (적힌 요일 금)" in finding.message


def test_a_schedule_from_march_to_february_is_not_wrong_in_its_second_year():
    # 2023-03 … 2024-02: nine dates name 2023; January and February fit the year after it.
    text = (
        "3. 2(목) 개강\n3. 20(월) 등록\n4. 20(목) 중간\n5. 1(월) 휴강\n6. 15(목) 기말\n"
        "9. 1(금) 개강\n10. 23(월) 중간\n11. 1(수) 축제\n12. 18(월) 기말\n"
        "1. 2(화) 신정\n2. 9(금) 설\n"
    )
    assert codes(text) == set()
    assert codes(text.replace("2. 9(금)", "2. 9(토)")) == {(11, "weekday-mismatch")}


def test_notation_is_noted_in_prose_but_not_in_tables_or_captions():
    text = (
        "1. 추진 개요\n 1) 간담회 : 오후 3시, 시청\n"
        "(단위 : 천원, 오후 3시 기준)\n구분\t예산액\t집행액\n계\t1,000\t900\n"
    )
    found = findings(text)
    assert {(f.line, f.code) for f in found} == {
        (2, "notation.item_order"),
        (2, "notation.twelve_hour"),
    }
    assert all(f.severity.label == "참고" for f in found)


def test_a_line_separator_inside_a_line_keeps_the_notes_at_their_lines():
    """\\u2028 or \\x1c inside a line is no line break: a note on the next line stays there."""
    found = findings("가\u2028나\x1c다\n오후 3시 회의\n")
    assert [(f.line, f.code) for f in found] == [(2, "notation.twelve_hour")]
