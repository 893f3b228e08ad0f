"""Notation checks: the official date rules, and forms a document mixes."""

from sijeong.core.notation import check


def codes(text):
    return [(f.line, f.text, f.code) for f in check(text)]


def test_official_forms_pass():
    assert codes("'24. 8. 6.(화) 11:10\n기자 간담회(1.17.)\n('24.7.11.)\n'24.11월~ '24.9월~") == []


def test_a_two_digit_year_needs_its_apostrophe():
    assert codes("발표 (24.1.22.)") == [(1, "24.1.22.", "notation.year_apostrophe")]


def test_a_date_ends_with_a_period():
    assert codes("간담회(7.1)\n▶ '24. 8. 23 : 협약") == [
        (1, "7.1", "notation.date_final_period"),
        (2, "'24. 8. 23", "notation.date_final_period"),
    ]


def test_a_month_is_written_with_the_word_or_the_period_not_both():
    assert codes("('24. 1월.~'24. 8월)") == [(1, "1월.", "notation.month_period")]


def test_the_minority_of_mixed_forms_is_flagged():
    text = (
        "확대('24. 9.~)\n개편 : '24. 9월~\n배차('24.3월~)\n"
        "'23년 722대 → '24년 782대\n150개교→'24.9월"
    )
    assert codes(text) == [
        (1, "'24. 9.~", "notation.mixed_month_form"),
        (5, "교→'", "notation.mixed_arrow_spacing"),
    ]


def test_times_are_written_on_the_24_hour_clock():
    (found,) = check("간담회 : 오후 3시 30분, 시청")
    assert found.code == "notation.twelve_hour" and "(15:30)" in found.message
    assert "(09:00)" in check("오전 9시 개회")[0].message
    assert check("15:30 간담회") == []


def test_item_numbers_follow_their_order():
    text = "1. 추진 개요\n 1) 일시\n 2) 장소\n2. 추진 계획\n 가. 세부 내용\n  1) 첫째\n"
    (found,) = [f for f in check(text) if f.code == "notation.item_order"]
    assert found.line == 2 and "(1. 다음은 가.)" in found.message


def test_a_document_that_writes_dates_two_ways_is_told_its_usual_form():
    text = "2024. 9. 10. 회의\n2024. 9. 12. 회의\n2024년 9월 3일 간담회\n"
    (found,) = [f for f in check(text) if f.code == "notation.mixed_date_form"]
    assert found.line == 3 and "(주로 2024. 9. 3.)" in found.message
