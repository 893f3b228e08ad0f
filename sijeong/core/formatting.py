"""Korean public-document formatting (표기) of dates, times, numbers and money, and the parsers
that read those forms back, so that reports and imports agree on one spelling of every figure.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import holidays

KOREAN_WEEKDAYS = "월화수목금토일"

# Korean counting groups by 만 (10^4), not by thousand: 한글 맞춤법 제44항 writes
# 12억 3456만 7898, with no thousands separators inside a group.
_MAN = 10**4
_EOK = 10**8
_JO = 10**12
_BAEKMAN = 10**6
_CHEONMAN = 10**7

_MULTIPLIERS: dict[str, int] = {
    "조": _JO,
    "억": _EOK,
    "만": _MAN,
    "천": 1000,
    "백": 100,
}

# Quotation marks and dashes that word processors substitute for the ASCII ones: '24 is
# often typed as ’24 or ‘24, and ~ as 〜 (U+301C), which NFKC leaves alone.
_LOOKALIKES = str.maketrans(
    {"‘": "'", "’": "'", "‛": "'", "′": "'", "`": "'", "´": "'", "〜": "~", "∼": "~"}
)


def _to_decimal(value: Decimal | int) -> Decimal:
    # Floats are refused rather than converted: Decimal(56.775) is 56.77499…, which rounds
    # to 56.7 and would make a correctly stated 56.8% look wrong.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected int or Decimal, got {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return result


def normalize_text(text: str) -> str:
    """Fold full-width digits and punctuation, curly apostrophes and wave dashes to ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).strip()


def round_half_up(value: Decimal | int, places: int = 1) -> Decimal:
    """Round to `places` decimals the way Korean documents do (반올림): 56.775 → 56.8.

    Python's round() is banker's rounding (56.75 → 56.8 but 56.65 → 56.6); the checks compare
    stated figures with computed ones, so only ROUND_HALF_UP on Decimals gives the same digit
    as the person who wrote the report. Negative values round away from zero (-0.25 → -0.3).
    """
    return _to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` as a percentage of `whole`, unrounded; None when `whole` is 0."""
    whole_d = _to_decimal(whole)
    if whole_d == 0:
        return None
    return _to_decimal(part) * 100 / whole_d


def change_percent(current: Decimal | int, previous: Decimal | int) -> Decimal | None:
    """Change from `previous` to `current` in percent (증감률), unrounded; None from zero."""
    return percent(_to_decimal(current) - _to_decimal(previous), previous)


def format_number(n: Decimal | int) -> str:
    """357200 → "357,200"; Decimal("6.80") → "6.8" (significant decimals only)."""
    value = _to_decimal(n)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def format_percent(value: Decimal | None, places: int = 1) -> str:
    """Decimal("40.149") → "40.1%", Decimal("97") → "97.0%"; None (no base) → "-"."""
    if value is None:
        return "-"
    rounded = round_half_up(value, places)
    if rounded == 0:
        # -0.04 rounds to -0.0; a minus sign on zero would read as a decrease.
        rounded = rounded.copy_abs()
    return f"{rounded:,f}%"


def format_count(n: int, counter: str) -> str:
    """A count with its counter word (수량 단위): 11회, 9명, 565개교, 8,600대."""
    return f"{format_number(n)}{counter}"


def format_korean_amount(n: Decimal | int, unit: str = "") -> str:
    """A large round figure in Korean units, as reports print headline numbers.

    The rules, from the reference report:
    - a multiple of 1만 is written in 만 groups: 3,950,000 → 395만, 60,000 → 6만,
      30,000,000 → 3000만 (no separator inside a group, 한글 맞춤법 제44항),
      150,000,000 → 1억 5000만, 10^12 → 1조;
    - except a whole number of 백만 below 1천만, which is written N백만: 1,000,000 → 1백만
      (the report's 산후조리 경비 1백만원), 5,000,000 → 5백만;
    - a multiple of 1천 below 1만 is written N천: 4,000 → 4천;
    - anything else is not a round figure and keeps its digits with separators: 22,379명,
      13,700원, 25,000명 (no mixed 2만5천), Decimal("6.8") → 6.8.
    """
    value = _to_decimal(n)
    if value != value.to_integral_value():
        return f"{format_number(value)}{unit}"
    whole = int(value)
    if whole < 0:
        return f"-{format_korean_amount(-whole, unit)}"
    if whole == 0 or whole % 1000:
        return f"{format_number(whole)}{unit}"
    if whole < _MAN:
        return f"{whole // 1000}천{unit}"
    if whole % _MAN:
        return f"{format_number(whole)}{unit}"
    if whole < _CHEONMAN and whole % _BAEKMAN == 0:
        return f"{whole // _BAEKMAN}백만{unit}"
    jo, rest = divmod(whole, _JO)
    eok, rest = divmod(rest, _EOK)
    man = rest // _MAN
    groups = [f"{count}{name}" for count, name in ((jo, "조"), (eok, "억"), (man, "만")) if count]
    return f"{' '.join(groups)}{unit}"


# 백만 and 천만 are read as 백 and 천 before 만, so that 5천 8백만 is (5천 + 8백)만.
_AMOUNT_TERM = re.compile(
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?\s*(?P<mult>조|억|만|천|백)?"
)


_BARE_BIG = re.compile(r"(?P<mult>조|억|만)")


def parse_korean_amount(text: str) -> tuple[Decimal, str] | None:
    """Read "395만건", "1백만원", "1억 5000만원", "3조3천667억원", "9천 100만원", "22,379명",
    "6.8" as (value, unit word).

    Digits with 천 and 백 make one group, counted by the 만, 억 or 조 that closes it
    (3천667억 is 3,667억, 2천억 is 2,000억), as Korean counts. The counter or unit word is
    whatever follows the number ("건", "개교", "" …). Returns None for text that does not start
    with a number, has its units out of order, or a group after 조 without its unit.
    """
    rest = normalize_text(text)
    total, group = Decimal(0), Decimal(0)
    last_big: int | None = None
    last_small: int | None = None
    while rest:
        match = _AMOUNT_TERM.match(rest)
        bare = _BARE_BIG.match(rest) if group and match is None else None
        if bare is not None:
            match, number = bare, Decimal(0)  # 3천억: the group 3천 counted by 억
        elif match is None:
            break
        else:
            number = Decimal(match["digits"].replace(",", "") + (match["fraction"] or ""))
        multiplier = _MULTIPLIERS.get(match["mult"] or "", 1)
        if multiplier >= _MAN:
            if last_big is not None and multiplier >= last_big:
                return None
            total += (group + number) * multiplier
            group, last_big, last_small = Decimal(0), multiplier, None
        else:
            if last_small is not None and multiplier >= last_small:
                return None
            group += number * multiplier
            last_small = multiplier
        rest = rest[match.end() :].lstrip()
    if (last_big is None and last_small is None) or re.search(r"\d", rest):
        return None
    if last_big == _JO and group:
        return (
            None  # 4조 2892원: a group right after 조 is counted by 억 or 만, or its unit was lost
        )
    return total + group, rest


def weekday_ko(d: datetime.date) -> str:
    """The one-syllable weekday that follows a date in parentheses: 2024-08-06 → "화"."""
    return KOREAN_WEEKDAYS[d.weekday()]


def _short_year(year: int) -> str:
    # The apostrophe stands for the dropped century: '24 is 2024.
    return f"'{year % 100:02d}"


def format_date(d: datetime.date, weekday: bool = True) -> str:
    """Full date as on a report's cover: "2024. 8. 6.(화)".

    The rule for official documents (행정업무의 운영 및 혁신에 관한 규정 시행규칙 제2조):
    periods stand in for 년·월·일, each followed by a space; the weekday follows in
    parentheses with no space before it.
    """
    text = f"{d.year}. {d.month}. {d.day}."
    return f"{text}({weekday_ko(d)})" if weekday else text


def format_date_short(d: datetime.date, weekday: bool = True) -> str:
    """Date with a two-digit year, as in schedules: "'24. 8. 6.(화)", or "'24. 8. 6."."""
    text = f"{_short_year(d.year)}. {d.month}. {d.day}."
    return f"{text}({weekday_ko(d)})" if weekday else text


def format_date_compact(d: datetime.date) -> str:
    """Date without spaces, as in dense lists (기자설명회 목록): "'24.7.11."."""
    return f"{_short_year(d.year)}.{d.month}.{d.day}."


def format_year(year: int) -> str:
    """A year with a two-digit short form: 2024 → "'24년"."""
    return f"{_short_year(year)}년"


def format_month(d: datetime.date) -> str:
    """The month of `d`: "'24.8월" (as-of months, milestones)."""
    return f"{_short_year(d.year)}.{d.month}월"


def format_month_range(start: datetime.date, end: datetime.date) -> str:
    """A period of whole months: "'24. 1.~'24. 8."."""
    return f"{_short_year(start.year)}. {start.month}.~{_short_year(end.year)}. {end.month}."


def format_time(t: datetime.time) -> str:
    """24-hour clock with a colon between hour and minute, as official documents require and
    the report prints it: "09:35"."""
    return f"{t.hour:02d}:{t.minute:02d}"


def format_yoy(change_pct: Decimal, places: int = 1) -> str:
    """Year-on-year change: Decimal("-6.8") → "(전년대비 6.8%↓)", 104.6 → "(…104.6%↑)".

    The arrow carries the sign, so the figure is printed without one. The direction is read
    after rounding: a change that rounds to zero is "(전년대비 0.0%)", with no arrow.
    """
    rounded = round_half_up(change_pct, places)
    if rounded == 0:
        return f"(전년대비 {format_percent(rounded, places)})"
    arrow = "↑" if rounded > 0 else "↓"
    return f"(전년대비 {format_percent(rounded.copy_abs(), places)}{arrow})"


_YOY = re.compile(
    r"\(?\s*전년\s*(?:동기\s*)?대비\s*(?P<number>\d+(?:\.\d+)?)\s*%\s*"
    r"(?P<direction>[↑▲↓▼]|증가|감소)?\s*\)?"
)


def parse_yoy(text: str) -> Decimal | None:
    """Read "(전년대비 6.8%↓)" back as Decimal("-6.8"); ▲/▼ and 증가/감소 are accepted too.

    A non-zero change written without a direction is ambiguous and gives None.
    """
    match = _YOY.fullmatch(normalize_text(text))
    if match is None:
        return None
    number = Decimal(match["number"])
    direction = match["direction"]
    if direction is None:
        return number if number == 0 else None
    return -number if direction in ("↓", "▼", "감소") else number


def format_as_of_units(as_of_month: datetime.date, unit: str) -> str:
    """The caption beside a table title: "(기준 / 단위 : '24.8월 / 천원)"."""
    return f"(기준 / 단위 : {format_month(as_of_month)} / {unit})"


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a document, with the weekday that was written beside it, if any."""

    date: datetime.date
    weekday_written: str | None
    weekday_matches: bool


_YEAR = r"(?P<year>'\s*\d{2}|\d{4}|\d{2})"

_DATE = re.compile(
    rf"(?:{_YEAR}\s*[.년]\s*)?"
    r"(?P<month>\d{1,2})\s*[.월]\s*(?P<day>\d{1,2})\s*[.일]?\s*"
    r"(?:\(\s*(?P<weekday>[월화수목금토일])(?:요일)?\s*\))?"
)

_MONTH = re.compile(rf"{_YEAR}\s*[.년]\s*(?P<month>\d{{1,2}})\s*(?P<suffix>월\s*\.?|\.)?")

_MONTH_ONLY = re.compile(r"(?P<month>\d{1,2})\s*(?:월\s*\.?|\.)?")


def _full_year(written: str) -> int:
    digits = written.lstrip("'").strip()
    if len(digits) == 4:
        return int(digits)
    # Two-digit years follow the POSIX strptime pivot: '69–'99 are 1969–1999, '00–'68 are
    # 2000–2068, so that older documents still read correctly.
    short = int(digits)
    return 1900 + short if short >= 69 else 2000 + short


def _unwrap(text: str) -> str:
    # Dates are often quoted in parentheses, as in 신년 간담회(1.17.) or ('24.7.11.).
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        return text[1:-1].strip()
    return text


def parse_korean_date(text: str, *, default_year: int | None = None) -> ParsedDate | None:
    """Read a date in any of the spellings Korean reports use; None if it is not one.

    Accepts "2024. 8. 6.(화)", "'24. 8. 6.(화)", "'24.7.11.", "24.1.22." (apostrophe
    missing), "'24. 8. 23" (final period missing), "2024년 8월 6일", full-width digits, and
    "7.25" or "1.17." when `default_year` supplies the year. Impossible dates (2024. 2. 30.)
    give None, never an exception. A written weekday that disagrees with the date is kept
    and reported through `weekday_matches`, not corrected.
    """
    match = _DATE.fullmatch(_unwrap(normalize_text(text)))
    if match is None:
        return None
    if match["year"] is not None:
        year = _full_year(match["year"])
    elif default_year is not None:
        year = default_year
    else:
        return None
    try:
        day = datetime.date(year, int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    written = match["weekday"]
    return ParsedDate(
        date=day,
        weekday_written=written,
        weekday_matches=written is None or written == weekday_ko(day),
    )


def parse_korean_month(text: str) -> datetime.date | None:
    """Read "'24.8월", "'24. 8월", "'24.10월", "'24. 9.", "2024. 9." as the month's first day.

    A bare two-digit year ("24.8월") is accepted only with 월, since "12.1." is a day.
    """
    match = _MONTH.fullmatch(_unwrap(normalize_text(text)))
    if match is None:
        return None
    written_year = match["year"]
    suffix = match["suffix"] or ""
    if len(written_year) == 2 and not suffix.startswith("월"):
        return None
    try:
        return datetime.date(_full_year(written_year), int(match["month"]), 1)
    except ValueError:
        return None


def parse_month_range(text: str) -> tuple[datetime.date, datetime.date] | None:
    """Read "'24. 1.~'24. 8.", "('24. 1월.~'24. 8월)" or "'24.1~6월" as first days of months.

    An end month written without a year takes the start's year (the next year if it comes
    before the start month). Open ranges ("'24.7월~") give None.
    """
    parts = _unwrap(normalize_text(text)).split("~")
    if len(parts) != 2:
        return None
    start = parse_korean_month(parts[0])
    if start is None:
        return None
    end = parse_korean_month(parts[1])
    if end is None:
        match = _MONTH_ONLY.fullmatch(parts[1].strip())
        if match is None or not 1 <= int(match["month"]) <= 12:
            return None
        month = int(match["month"])
        end = datetime.date(start.year + (month < start.month), month, 1)
    if end < start:
        return None
    return start, end


_TIME = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{2})")


def parse_time(text: str) -> datetime.time | None:
    """Read "11:10" or "9:35"; None for anything else.

    Malformed times are not guessed: "14:1" could be 14:01 or 14:10, so it is a finding for
    a person to resolve. "24:00" is not accepted either, as schedules run 00:00–23:59.
    """
    match = _TIME.fullmatch(normalize_text(text))
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


@functools.lru_cache(maxsize=32)
def _public_holidays(year: int) -> holidays.HolidayBase:
    # One table per year, built once: the package computes lunar holidays (설날, 추석) and
    # substitute days (대체 휴일) on construction, which is too slow to repeat per date.
    return holidays.country_holidays("KR", years=year, language="ko", expand=False)


def holiday_name(d: datetime.date) -> str | None:
    """The Korean name of the public holiday (공휴일) on `d`, or None on a working day.

    Two holidays on one day are joined with a middle dot (가운뎃점), the Korean list
    separator: "부처님오신날·어린이날".
    """
    names = _public_holidays(d.year).get_list(d)
    return "·".join(names) if names else None


def is_holiday(d: datetime.date) -> bool:
    """Whether `d` is a public holiday; weekends are not holidays here (see is_weekend)."""
    return holiday_name(d) is not None


def is_weekend(d: datetime.date) -> bool:
    """Whether `d` is a Saturday or a Sunday."""
    return d.weekday() >= 5


def is_working_day(d: datetime.date) -> bool:
    """Whether government offices work on `d`: neither a weekend nor a public holiday."""
    return not is_weekend(d) and not is_holiday(d)


_WRITTEN_DATE = re.compile(
    r"^\s*(?P<y>\d{4})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})\s*[.일]?\s*"
    r"(?:\([월화수목금토일]\))?\s*$"
)


def read_date(text: str) -> datetime.date | None:
    """A date as offices write it in a field: 2024-08-31, 2024. 8. 31., 2024.8.31, 2024/8/31,
    2024년 8월 31일 (a weekday after it allowed); None for anything else or no such day."""
    found = _WRITTEN_DATE.match(text)
    if found is None:
        return None
    try:
        return datetime.date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        return None
