"""Numbers as Korean documents print them: grouped, signed with △, in 만/억 words, with the
places the writer chose, since a rate is checked at the precision it was printed with."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sijeong.core.formatting import format_korean_amount, format_number, parse_korean_amount

# △ and ▲ are how budget and 결산 tables write a decrease (감소); − and – come from word
# processors' dashes.
NEGATIVE_SIGNS = "△▲▽-−–"
# "·" is how some tables print an empty cell.
DASHES = {"-", "–", "—", "－", "−", "―", "ㅡ", "·", "ㆍ"}

MONEY_SCALES: dict[str, int] = {
    "원": 1,
    "천원": 1_000,
    "만원": 10_000,
    "백만원": 1_000_000,
    "천만원": 10_000_000,
    "억원": 100_000_000,
    "조원": 1_000_000_000_000,
}
COUNTERS = ("명", "개", "건", "회", "개소", "가구", "가정", "대", "개교", "곳", "일", "시간", "%")

NUMBER = re.compile(
    r"(?P<sign>[△▲▽\-−–]\s?)?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
)
# A figure with a share beside it, as budget tables print executed amounts: 143,413 (40.1%).
_WITH_SHARE = re.compile(
    r"(?P<number>[△▲▽\-−–]?\s?[\d,]+(?:\.\d+)?)\s*(?P<unit>[가-힣]{0,3})\s*"
    r"\(\s*(?P<share>[\d.]+)\s*%\s*\)"
)
_PERCENT = re.compile(r"\(?(?P<number>[△▲▽\-−–]?\s?\d[\d,]*(?:\.\d+)?)\s*%\)?")
_PLAIN = re.compile(r"\(?(?P<number>[△▲▽\-−–]?\s?\d[\d,]*(?:\.\d+)?)\)?\s*(?P<unit>[가-힣]{0,3}|%)")
# A period where a thousands comma was meant (1.234.567, or 357.200 among grouped integers).
DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
WELL_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Number:
    value: Decimal
    places: int
    unit: str = ""
    share: Decimal | None = None  # the (40.1%) printed beside a figure
    share_places: int = 0
    percent: bool = False
    dash: bool = False  # "-": nothing, counted as zero in sums
    dotted: bool = False  # printed with periods for thousands commas (38.643)


def places_of(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def to_decimal(text: str) -> Decimal | None:
    """A printed number as a Decimal: "1,234", "△5", "- 3.5"; None if it is not one."""
    text = text.strip()
    negative = bool(text) and text[0] in NEGATIVE_SIGNS
    body = text[1:].strip() if negative else text
    if not body or not WELL_GROUPED.match(body) or len(body) > 24:
        # No document prints a figure of more than about 20 digits (1경 has 17); longer runs
        # are figures run together, and Decimal arithmetic would lose them anyway.
        return None
    try:
        value = Decimal(body.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if negative else value


@functools.lru_cache(maxsize=65536)
def parse_number(text: str) -> Number | None:
    """A table cell's text as a Number, or None for text, dates and malformed figures."""
    raw = text.strip()
    if not raw:
        return None
    if raw in DASHES:
        return Number(Decimal(0), 0, dash=True)
    match = _WITH_SHARE.fullmatch(raw)
    if match:
        value = to_decimal(match["number"])
        share = to_decimal(match["share"])
        if value is None or share is None:
            return None
        return Number(
            value,
            places_of(match["number"]),
            match["unit"],
            share,
            places_of(match["share"]),
        )
    match = _PERCENT.fullmatch(raw)
    if match:
        value = to_decimal(match["number"])
        if value is None:
            return None
        return Number(value, places_of(match["number"]), "%", percent=True)
    match = _PLAIN.fullmatch(raw)
    if match and (match["unit"] == "" or match["unit"] in _UNITS):
        value = to_decimal(match["number"])
        if value is None:
            return None
        return Number(value, places_of(match["number"]), match["unit"])
    if _KOREAN_UNIT.search(raw):
        amount = korean_amount(raw)
        if amount is not None:
            return Number(amount, 0, "원" if raw.endswith("원") else "")
    return None


_BIG = {"조": Decimal(10) ** 12, "억": Decimal(10) ** 8, "만": Decimal(10) ** 4}
_SMALL = {"천": 1000, "백": 100}


def korean_amount(text: str) -> Decimal | None:
    """`12억 3,450만 7천 원` as 1,234,507,000; also `9천 100만` (9,100만), as news and council
    minutes write sums of money. None when the text is not one amount."""
    parsed = parse_korean_amount(text.strip().removesuffix("원"))
    return parsed[0] if parsed and not parsed[1] else None


_KOREAN_UNIT = re.compile(r"\d\s*(?:조|억|만|천)")
_FIGURE = re.compile(r"[△▲▽\-−–]?\s?\d(?:[\d,.]*\d)?")
_UNITS = set(COUNTERS) | set(MONEY_SCALES) | {"천", "만", "억"}


def looks_numeric(text: str) -> bool:
    """Digits, separators and signs only: a figure, well formed or not."""
    return bool(_FIGURE.fullmatch(text.strip()))


_GROUPED_HEAD = re.compile(r"\d{1,3}(?:,\d{3})*")
_DIGITS_HEAD = re.compile(r"\d+")


def split_run(token: str, count: int) -> list[list[str]]:
    """Ways to read figures printed without a separator (350,000341,0009,000) as `count`
    well-grouped numbers; text taken out of HWP and PDF tables often loses the cell gaps."""
    return [list(reading) for reading in _readings(token, count)]


@functools.lru_cache(maxsize=4096)
def _readings(token: str, count: int) -> tuple[tuple[str, ...], ...]:
    # Cached: the search tries every split of the run, and a document repeats its runs.
    return tuple(tuple(reading) for reading in _split_run(token, count))


def _split_run(token: str, count: int) -> list[list[str]]:
    commas = "," in token
    results: list[list[str]] = []
    if "." in token and not commas:
        # Shares run together keep their places: 3.3612.08 is 3.36 and 12.08.
        for places in (1, 2, 3):
            parts = re.findall(rf"\d+\.\d{{{places}}}", token)
            if "".join(parts) == token and len(parts) == count:
                results.append(parts)
        return results

    steps = [0]
    pattern = _GROUPED_HEAD if commas else _DIGITS_HEAD

    def walk(rest: str, parts: list[str]) -> None:
        # A bound on the work: readings of a long run grow combinatorially.
        steps[0] += 1
        if len(results) > 50 or steps[0] > 20_000:
            return
        if len(parts) == count:
            if not rest:
                results.append(list(parts))
            return
        if not rest:
            return
        for end in range(1, len(rest) + 1):
            head = rest[:end]
            if not pattern.fullmatch(head):
                continue
            if head.startswith("0") and head != "0":
                continue
            # In a document that groups its thousands, a bare 4-digit figure is not a reading.
            if commas and "," not in head and len(head) > 3:
                continue
            if rest[end : end + 1] == ",":
                continue
            walk(rest[end:], [*parts, head])

    if count >= 1 and len(token) <= 60:
        walk(token, [])
    return results


# A figure as prose prints it, Korean units inside it too: 1,062,612 · 100만6천199 · 3만8659.
PROSE_FIGURE = (
    r"(?<![\d.,])\d(?:[\d,]*\d)?(?:\.\d+)?"
    r"(?:\s?여?(?:[천백]?(?:조|억|만)|[천백])\s?\d(?:[\d,]*\d)?)*(?:여?(?:[천백]?(?:조|억|만)|[천백]))?"
)
# A rate in brackets (`52명(6.4%)`): what a line must hold for a change or a share stated
# with its rate, found in one fast scan.
RATE_IN_BRACKETS = re.compile(r"%[ \t]*\)")


def prose_figure(text: str) -> Decimal | None:
    """The value of a PROSE_FIGURE: 100만6천199 → 1006199, 2조2600억 → 2.26 × 10^12; an
    approximate 9,796억 3,100여만 as 9,796억 3,100만."""
    parsed = parse_korean_amount(text.replace(" ", "").replace("여", ""))
    return parsed[0] if parsed else None


def prose_amount(value: Decimal) -> str:
    """A figure as prose prints it: 2조 2600억 rather than 2,260,000,000,000, 6340만 rather
    than 63,400,000, and 4299억 686만 2000 to the last digit where it is not round; a figure
    below 1억 that is not in whole 만 keeps its digits (12,345)."""
    if value < 0:
        return f"−{prose_amount(-value)}"
    if value != value.to_integral_value():
        return format_number(value)
    whole = int(value)
    if whole < 10_000 or (whole < 10**8 and whole % 10_000):
        return format_number(whole)
    rest = whole % 10_000  # what format_korean_amount would print as digits, after its groups
    return format_korean_amount(whole - rest) + (f" {rest}" if rest else "")


def half_unit(text: str, unit: str = "") -> Decimal:
    """Half a unit of a printed figure's last place, in which it was rounded: 0.5억 for
    `604억` (or `604` printed in 억, `unit`), 0.05 for `6.1`, 5000억 for `1.9조`, 500만 for
    `2635억 4천만`."""
    text = text.strip()
    # 4천만, 5백만, 3천억: the last figure counts thousands (hundreds) of the unit after it.
    magnitude = re.search(r"([천백]?)(조|억|만|천)$", text)
    step = _BIG.get(magnitude[2] if magnitude else unit) or _SMALL.get(unit) or Decimal(1)
    if magnitude:
        step = Decimal(step) * _SMALL.get(magnitude[1], 1) if magnitude[2] != "천" else step
        text = text[: magnitude.start()].strip()
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Decimal(step).scaleb(-decimals) / 2
