"""Korean formatting and parsing, checked against the strings of the reference report."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal

import pytest

from sijeong.core.formatting import (
    KOREAN_WEEKDAYS,
    ParsedDate,
    change_percent,
    format_as_of_units,
    format_count,
    format_date,
    format_date_compact,
    format_date_short,
    format_korean_amount,
    format_month,
    format_month_range,
    format_number,
    format_percent,
    format_time,
    format_year,
    format_yoy,
    holiday_name,
    is_holiday,
    is_weekend,
    is_working_day,
    parse_korean_amount,
    parse_korean_date,
    parse_korean_month,
    parse_month_range,
    parse_time,
    parse_yoy,
    percent,
    round_half_up,
    weekday_ko,
)
from sijeong.core.testing import reference_text

# Every expected string below that is quoted from the reference report; the reference test at
# the end proves that each one really is in it.
SEED_STRINGS = [
    "2024. 9.",
    "(기준 / 단위 : '24.8월 / 명)",
    "(기준 / 단위 : '24.8월 / 천원)",
    "357,200",
    "143,413 (40.1%)",
    "97,993 (35.4%)",
    "45,420 (56.8%)",
    "277,200",
    "213,787",
    "'24. 8. 6.(화) 11:10",
    "'24. 7. 22.(월) / 16:00",
    "'24. 8. 9.(금) 09:35",
    "'24. 8. 26.(월) 14:1 /",
    "('24.7.11.)",
    "(24.1.22.)",
    "신년 간담회(1.17.)",
    "'24년 제7회(7.25)",
    "'24. 8. 23 :",
    "'24. 9. 3. ~ '25. 2. 28.",
    "('24. 1월.~'24. 8월)",
    "('24. 1.~'24. 8월)",
    "시범사업('24.1~6월)",
    "[~ '24.8월]",
    "'24.10월",
    "'24. 9월~",
    "총 11회",
    "25회",
    "9명",
    "565개교",
    "6개소",
    "8,600대",
    "722대",
    "131명",
    "153만 소상공인",
    "206만원",
    "(1백만원)",
    "시간당 13,700원",
    "22,379명",
    "총 395만건",
    "30일권 389만건",
    "단기권 6만건",
    "약 55만명",
    "약 37만명",
    "일 4천명",
    "관광객 3000만명",
    "341(46.6%)",
    "59(37.6%)",
    "328개 역사(97.0%)",
    "810,219건 (전년대비 6.8%↓)",
    "598,131건 (전년대비 104.6%↑)",
]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("56.775"), 1, Decimal("56.8")),  # 시책추진업무추진비 45,420 / 80,000
        (Decimal("56.65"), 1, Decimal("56.7")),  # banker's rounding would give 56.6
        (Decimal("56.75"), 1, Decimal("56.8")),
        (Decimal("0.05"), 1, Decimal("0.1")),
        (Decimal("-0.25"), 1, Decimal("-0.3")),
        (Decimal("2.5"), 0, Decimal("3")),
        (Decimal("40.149"), 1, Decimal("40.1")),
        (7, 1, Decimal("7.0")),
    ],
)
def test_round_half_up(value, places, expected):
    result = round_half_up(value, places)
    assert result == expected
    assert str(result) == str(expected)


def test_round_half_up_refuses_floats():
    # round_half_up(56.775) would see 56.77499999… and give 56.7.
    with pytest.raises(TypeError):
        round_half_up(56.775)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (143_413, 357_200, "40.1%"),  # 예산 계
        (97_993, 277_200, "35.4%"),  # 기관운영업무추진비
        (45_420, 80_000, "56.8%"),  # 시책추진업무추진비: exactly 56.775
        (328, 338, "97.0%"),  # 1동선 확보
        (341, 731, "46.6%"),  # 외국인 가사관리사 신청, 강남3구+강동
        (59, 157, "37.6%"),  # 선정, 강남3구+강동
    ],
)
def test_percent_of_seed_figures(part, whole, expected):
    assert format_percent(percent(part, whole)) == expected


def test_percent_is_unrounded():
    assert percent(45_420, 80_000) == Decimal("56.775")
    assert percent(1, 3) != round_half_up(percent(1, 3), 1)


def test_percent_of_nothing_is_none_and_prints_a_dash():
    assert percent(5, 0) is None
    assert format_percent(None) == "-"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("97"), 1, "97.0%"),
        (Decimal("100"), 0, "100%"),
        (Decimal("-0.04"), 1, "0.0%"),
        (Decimal("12.345"), 2, "12.35%"),
        (Decimal("1234.56"), 1, "1,234.6%"),
    ],
)
def test_format_percent(value, places, expected):
    assert format_percent(value, places) == expected


def test_change_percent():
    assert change_percent(110, 100) == Decimal(10)
    assert change_percent(93, 100) == Decimal(-7)
    assert change_percent(5, 0) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (357_200, "357,200"),
        (810_219, "810,219"),
        (13_700, "13,700"),
        (22_379, "22,379"),
        (731, "731"),
        (0, "0"),
        (-213_787, "-213,787"),
        (Decimal("6.8"), "6.8"),
        (Decimal("6.80"), "6.8"),
        (Decimal("104.6"), "104.6"),
        (Decimal("1E+2"), "100"),
        (Decimal("1234.50"), "1,234.5"),
        (Decimal("-0"), "0"),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("n", "counter", "expected"),
    [
        (11, "회", "11회"),
        (25, "회", "25회"),
        (9, "명", "9명"),
        (565, "개교", "565개교"),
        (6, "개소", "6개소"),
        (8_600, "대", "8,600대"),
        (722, "대", "722대"),
        (131, "명", "131명"),
    ],
)
def test_format_count(n, counter, expected):
    assert format_count(n, counter) == expected


KOREAN_AMOUNTS = [
    (3_950_000, "건", "395만건"),
    (3_890_000, "건", "389만건"),
    (60_000, "건", "6만건"),
    (550_000, "명", "55만명"),
    (370_000, "명", "37만명"),
    (4_000, "명", "4천명"),
    (2_060_000, "원", "206만원"),
    (1_000_000, "원", "1백만원"),
    (1_530_000, "", "153만"),
    (30_000_000, "명", "3000만명"),
    (22_379, "명", "22,379명"),
    (13_700, "원", "13,700원"),
]


@pytest.mark.parametrize(("n", "unit", "expected"), KOREAN_AMOUNTS)
def test_format_korean_amount_of_seed_figures(n, unit, expected):
    assert format_korean_amount(n, unit) == expected


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [
        (5_000_000, "원", "5백만원"),
        (10_000_000, "원", "1000만원"),
        (150_000_000, "원", "1억 5000만원"),
        (100_000_000, "원", "1억원"),
        (1_200_000_000_000, "원", "1조 2000억원"),
        (25_000, "명", "25,000명"),  # not written 2만5천
        (1_000, "명", "1천명"),
        (999, "명", "999명"),
        (0, "건", "0건"),
        (-60_000, "건", "-6만건"),
        (Decimal("3950000"), "건", "395만건"),
        (Decimal("6.8"), "%", "6.8%"),
    ],
)
def test_format_korean_amount_rules(n, unit, expected):
    assert format_korean_amount(n, unit) == expected


@pytest.mark.parametrize(("n", "unit", "text"), KOREAN_AMOUNTS)
def test_parse_korean_amount_reads_what_format_writes(n, unit, text):
    assert parse_korean_amount(text) == (Decimal(n), unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1억 5000만원", (Decimal(150_000_000), "원")),
        ("2만5천명", (Decimal(25_000), "명")),
        ("5천만원", (Decimal(50_000_000), "원")),
        ("８，６００대", (Decimal(8_600), "대")),
        ("6.8", (Decimal("6.8"), "")),
        ("565개교", (Decimal(565), "개교")),
        # 천 and 백 inside a group counted by the 억 or 만 that closes it, as news prints sums
        ("3조3천667억원", (Decimal(3_366_700_000_000), "원")),
        ("9천 100만원", (Decimal(91_000_000), "원")),
        ("1천500만", (Decimal(15_000_000), "")),
        ("1,222억 5천 8백만 원", (Decimal(122_258_000_000), "원")),  # (5천 + 8백)만
        ("5만 3억원", None),  # units out of order
        ("3백 2천억", None),  # within a group too
        ("1,23명", None),  # not a thousands separator
        ("약 55만명", None),
        ("건", None),
        ("", None),
    ],
)
def test_parse_korean_amount(text, expected):
    assert parse_korean_amount(text) == expected


def test_weekdays():
    assert KOREAN_WEEKDAYS == "월화수목금토일"
    assert weekday_ko(date(2024, 8, 6)) == "화"
    assert weekday_ko(date(2024, 8, 10)) == "토"
    assert weekday_ko(date(2024, 8, 9)) == "금"


def test_format_date():
    assert format_date(date(2024, 8, 6)) == "2024. 8. 6.(화)"
    assert format_date(date(2024, 8, 6), weekday=False) == "2024. 8. 6."


# The dated schedule entries of the report (▶ 일시/장소), in its own spelling.
SCHEDULE_DATES = [
    (date(2024, 8, 6), "'24. 8. 6.(화)"),
    (date(2024, 7, 22), "'24. 7. 22.(월)"),
    (date(2024, 7, 15), "'24. 7. 15.(월)"),
    (date(2024, 8, 10), "'24. 8. 10.(토)"),
    (date(2024, 8, 12), "'24. 8. 12.(월)"),
    (date(2024, 8, 26), "'24. 8. 26.(월)"),
    (date(2024, 8, 20), "'24. 8. 20.(화)"),
    (date(2024, 7, 16), "'24. 7. 16.(화)"),
    (date(2024, 7, 2), "'24. 7. 2.(화)"),
    (date(2024, 8, 13), "'24. 8. 13.(화)"),
    (date(2024, 8, 9), "'24. 8. 9.(금)"),
    (date(2024, 7, 23), "'24. 7. 23.(화)"),
]


@pytest.mark.parametrize(("day", "text"), SCHEDULE_DATES)
def test_format_date_short_round_trip(day, text):
    assert format_date_short(day) == text
    assert parse_korean_date(text) == ParsedDate(day, text[-2], weekday_matches=True)


def test_format_date_short_without_weekday():
    assert format_date_short(date(2024, 8, 6), weekday=False) == "'24. 8. 6."
    assert format_date_short(date(2024, 9, 3), weekday=False) == "'24. 9. 3."
    assert format_date_short(date(2025, 2, 28), weekday=False) == "'25. 2. 28."


# The briefing list (시장 발표 기자설명회) writes dates without spaces.
BRIEFING_DATES = [
    (date(2024, 7, 11), "'24.7.11."),
    (date(2024, 6, 26), "'24.6.26."),
    (date(2024, 5, 29), "'24.5.29."),
    (date(2024, 5, 20), "'24.5.20."),
    (date(2024, 4, 24), "'24.4.24."),
    (date(2024, 3, 26), "'24.3.26."),
    (date(2024, 2, 26), "'24.2.26."),
    (date(2024, 2, 5), "'24.2.5."),
    (date(2024, 2, 1), "'24.2.1."),
    (date(2024, 1, 22), "'24.1.22."),
]


@pytest.mark.parametrize(("day", "text"), BRIEFING_DATES)
def test_format_date_compact_round_trip(day, text):
    assert format_date_compact(day) == text
    parsed = parse_korean_date(text)
    assert parsed is not None
    assert parsed.date == day
    assert parsed.weekday_written is None
    assert parsed.weekday_matches is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024. 8. 6.(화)", date(2024, 8, 6)),
        ("'24. 9. 3.", date(2024, 9, 3)),
        ("24.1.22.", date(2024, 1, 22)),  # the report's own missing apostrophe
        ("(24.1.22.)", date(2024, 1, 22)),
        ("('24.7.11.)", date(2024, 7, 11)),
        ("'24. 8. 23", date(2024, 8, 23)),  # final period missing
        ("'25. 2. 28.", date(2025, 2, 28)),
        ("’24. 8. 6.(화)", date(2024, 8, 6)),  # curly apostrophe from a word processor
        ("＇２４．８．６．（화）", date(2024, 8, 6)),  # full-width
        ("'24.8.6.(화)", date(2024, 8, 6)),
        (" '24. 8. 6. ( 화 ) ", date(2024, 8, 6)),
        ("2024년 8월 6일(화요일)", date(2024, 8, 6)),
        ("'98. 3. 2.", date(1998, 3, 2)),
    ],
)
def test_parse_korean_date_spellings(text, expected):
    parsed = parse_korean_date(text)
    assert parsed is not None
    assert parsed.date == expected
    assert parsed.weekday_matches is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.25", date(2024, 7, 25)),  # '24년 제7회(7.25)
        ("2.27", date(2024, 2, 27)),
        ("1.17.", date(2024, 1, 17)),  # 신년 간담회(1.17.)
        ("(2.28.)", date(2024, 2, 28)),
        ("(7.1)", date(2024, 7, 1)),  # 취임 2주년 간담회(7.1)
        ("12.25.", date(2024, 12, 25)),
    ],
)
def test_parse_korean_date_takes_the_year_from_the_context(text, expected):
    parsed = parse_korean_date(text, default_year=2024)
    assert parsed is not None
    assert parsed.date == expected
    assert parse_korean_date(text) is None


def test_parse_korean_date_reports_a_wrong_weekday():
    parsed = parse_korean_date("'24. 8. 6.(수)")
    assert parsed == ParsedDate(date(2024, 8, 6), "수", weekday_matches=False)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "화요일",
        "시범사업",
        "2024. 2. 30.",
        "'23. 2. 29.",
        "'24. 13. 1.",
        "'24. 0. 1.",
        "'24. 9.",
        "'24.8월",
        "11:10",
        "'24. 8. 6.(화) 11:10",
        "'24. 8. 6.(목요)",
        "1.2.3.4",
    ],
)
def test_parse_korean_date_rejects_what_is_not_a_date(text):
    assert parse_korean_date(text, default_year=2024) is None


def test_format_year_and_month():
    assert format_year(2024) == "'24년"
    assert format_month(date(2024, 8, 31)) == "'24.8월"
    assert format_month(date(2024, 10, 1)) == "'24.10월"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'24.8월", date(2024, 8, 1)),
        ("'24. 8월", date(2024, 8, 1)),
        ("'24.10월", date(2024, 10, 1)),
        ("'24. 9월", date(2024, 9, 1)),
        ("'24. 1월.", date(2024, 1, 1)),
        ("'24. 9.", date(2024, 9, 1)),
        ("2024. 9.", date(2024, 9, 1)),  # the cover date of the report
        ("24.8월", date(2024, 8, 1)),
        ("2024년 9월", date(2024, 9, 1)),
        ("＇２４．８월", date(2024, 8, 1)),
    ],
)
def test_parse_korean_month(text, expected):
    assert parse_korean_month(text) == expected


@pytest.mark.parametrize("text", ["", "8월", "'24.13월", "12.1.", "'24. 8. 6.", "월"])
def test_parse_korean_month_rejects(text):
    assert parse_korean_month(text) is None


def test_format_month_range_round_trip():
    text = format_month_range(date(2024, 1, 1), date(2024, 8, 31))
    assert text == "'24. 1.~'24. 8."
    assert parse_month_range(text) == (date(2024, 1, 1), date(2024, 8, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("('24. 1월.~'24. 8월)", (date(2024, 1, 1), date(2024, 8, 1))),
        ("('24. 1.~'24. 8월)", (date(2024, 1, 1), date(2024, 8, 1))),
        ("'24.1~6월", (date(2024, 1, 1), date(2024, 6, 1))),
        ("'24.6~8월", (date(2024, 6, 1), date(2024, 8, 1))),
        ("'24.11~2월", (date(2024, 11, 1), date(2025, 2, 1))),
        ("'24.7월~", None),
        ("'24. 8.~'24. 1.", None),
        ("'24.1~13월", None),
    ],
)
def test_parse_month_range(text, expected):
    assert parse_month_range(text) == expected


@pytest.mark.parametrize(
    ("t", "text"),
    [
        (time(11, 10), "11:10"),
        (time(16, 0), "16:00"),
        (time(9, 35), "09:35"),
        (time(19, 0), "19:00"),
        (time(0, 5), "00:05"),
    ],
)
def test_format_time_round_trip(t, text):
    assert format_time(t) == text
    assert parse_time(text) == t


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:35", time(9, 35)), ("２３：５９", time(23, 59)), (" 14:30 ", time(14, 30))],
)
def test_parse_time_spellings(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text", ["14:1", "24:00", "12:60", "1410", "14.10", "14:100", "", "오후 2:10"]
)
def test_parse_time_does_not_guess(text):
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (Decimal("-6.8"), "(전년대비 6.8%↓)"),  # 장애인콜택시
        (Decimal("104.6"), "(전년대비 104.6%↑)"),  # 바우처택시
        (Decimal("-6.75"), "(전년대비 6.8%↓)"),
        (Decimal("0"), "(전년대비 0.0%)"),
        (Decimal("0.04"), "(전년대비 0.0%)"),  # direction is read after rounding
        (Decimal("-0.04"), "(전년대비 0.0%)"),
    ],
)
def test_format_yoy(change, text):
    assert format_yoy(change) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(전년대비 6.8%↓)", Decimal("-6.8")),
        ("(전년대비 104.6%↑)", Decimal("104.6")),
        ("(전년대비 0.0%)", Decimal("0.0")),
        ("전년 대비 3.2% 감소", Decimal("-3.2")),
        ("(전년대비 3.2%▲)", Decimal("3.2")),
        ("(전년대비 3.2%)", None),  # no direction: up or down?
        ("(6.8%↓)", None),
    ],
)
def test_parse_yoy(text, expected):
    assert parse_yoy(text) == expected


def test_format_as_of_units():
    assert format_as_of_units(date(2024, 8, 31), "천원") == "(기준 / 단위 : '24.8월 / 천원)"
    assert format_as_of_units(date(2024, 8, 1), "명") == "(기준 / 단위 : '24.8월 / 명)"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2024, 9, 17), "추석"),
        (date(2024, 9, 16), "추석 전날"),
        (date(2024, 10, 3), "개천절"),
        (date(2024, 10, 9), "한글날"),
        (date(2024, 8, 15), "광복절"),
        (date(2024, 10, 1), "국군의 날"),  # 임시공휴일 in 2024
        (date(2024, 2, 12), "설날 대체 휴일"),
    ],
)
def test_holidays_2024(day, name):
    assert holiday_name(day) == name
    assert is_holiday(day)
    assert not is_working_day(day)


def test_two_holidays_on_one_day_are_joined_with_a_middle_dot():
    assert holiday_name(date(2025, 5, 5)) == "부처님오신날·어린이날"


def test_weekends_are_not_holidays():
    saturday = date(2024, 8, 10)  # 서울달 개장식
    assert is_weekend(saturday)
    assert not is_holiday(saturday)
    assert holiday_name(saturday) is None
    assert not is_working_day(saturday)


def test_labour_day_is_not_a_public_holiday():
    # 근로자의 날 is a day off by the Labour Standards Act, not a 공휴일: offices work.
    may_day = date(2024, 5, 1)
    assert holiday_name(may_day) is None
    assert is_working_day(may_day)


def test_an_ordinary_tuesday():
    tuesday = date(2024, 8, 6)
    assert not is_weekend(tuesday)
    assert not is_holiday(tuesday)
    assert is_working_day(tuesday)


@pytest.mark.reference
def test_expected_strings_are_quoted_from_the_report():
    text = reference_text()
    missing = [s for s in SEED_STRINGS if s not in text]
    assert missing == []


@pytest.mark.reference
def test_every_dated_entry_of_the_report_parses_and_round_trips():
    text = reference_text()
    found = re.findall(r"'\d{2}\. \d{1,2}\. \d{1,2}\.\([월화수목금토일]\)", text)
    assert len(found) == len(SCHEDULE_DATES) + 1  # 7.22(월) occurs twice
    for written in found:
        parsed = parse_korean_date(written)
        assert parsed is not None, written
        assert parsed.weekday_matches, written
        assert format_date_short(parsed.date) == written


@pytest.mark.reference
def test_only_the_malformed_time_of_the_report_is_refused():
    text = reference_text()
    times = re.findall(r"(?<![\d:])\d{1,2}:\d{1,2}(?![\d:])", text)
    refused = [t for t in times if parse_time(t) is None]
    assert refused == ["14:1"]
    for written in times:
        parsed = parse_time(written)
        if parsed is not None:
            assert format_time(parsed) == written
