"""Sentences that state a share of counts: `완료 42건 … 전체 60건 … 달성률 71.0%`,
`전체 338개 역사 중 328개 역사(97.0%)`, `42/60(70.0%)`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding
from ..numbers import korean_amount, to_decimal
from . import Document, check, inline
from .rates import agrees, finding, rate

CODE = "rate-mismatch"
_RATE = re.compile(
    r"(?P<word>달성률|완료율|집행률|진척률|이행률|참여율|추진율|가입률|공정률|완료율|처리율|실적률|비율|달성도)"
    r"\s*[:：은는이가]?\s*(?:약\s*)?(?P<rate>\d{1,3}(?:\.\d+)?)\s*%"
)
_COUNT = r"(?P<{0}>\d[\d,]*)\s*(?P<{0}c>개소|개교|가구|가정|개|건|명|곳|회|대|척)"
_WHOLE = re.compile(r"(?:전체|총|목표|계획|대상)\s*[:：]?\s*" + _COUNT.format("n"))
_PART = re.compile(
    r"(?:완료|달성|집행|실적|추진|이행|참여|처리|확보|준공|개소|가입)\s*[:：]?\s*"
    + _COUNT.format("n")
)
_OF = re.compile(
    r"(?<![\d,])(?P<whole>\d[\d,]*+)\s*(?P<wc>[가-힣]{1,2})[^()\d]{0,12}?\s*중\s*[^()\d]{0,12}?"
    r"(?P<part>\d[\d,]*)\s*(?P<pc>[가-힣]{1,2})[^()\d]{0,12}?\(\s*(?P<rate>\d{1,3}(?:\.\d+)?)\s*%\s*\)"
)
_SLASH = re.compile(
    r"(?<![\d,])(?P<part>\d[\d,]*+)\s*/\s*(?P<whole>\d[\d,]*)\s*[가-힣]{0,2}\s*\(\s*(?P<rate>\d{1,3}(?:\.\d+)?)\s*%\s*\)"
)


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


_LISTED = re.compile(
    r"^[\s\-○·•ㅇ▪]*(?P<label>[가-힣][가-힣\s()]*?)\s*(?:\([^)]*\))?\s*[:：]\s*(?P<rest>.+)$"
)
_COUNTED = re.compile(r"(?P<n>\d[\d,]*)\s*(?P<c>개|건|명|곳|개소|회)(?![가-힣]*률)")
_DEFINED = re.compile(
    r"(?P<word>[가-힣]+(?:률|율))\s*\((?P<whole>[^)]*?)\s*대비\s*(?P<part>[^)]*)\)\s*[:：]\s*"
    r"(?P<rate>\d{1,3}(?:\.\d+)?)\s*%"
)


def _listed(document: Document, index: int) -> list[tuple[str, Decimal, str]]:
    """Counts given as list items (- 완료 : 54개) around line `index`, with their labels."""
    found = []
    for line in document.lines[max(0, index - 10) : index + 10]:
        match = _LISTED.match(line.text)
        if not match:
            continue
        counts = list(_COUNTED.finditer(match["rest"]))
        if counts:
            value = to_decimal(counts[-1]["n"])
            if value is not None:
                found.append((match["label"].strip(), value, counts[-1]["c"]))
    return found


_VERSUS = re.compile("대비")
_EXECUTED = re.compile("집행")
_PERCENT = re.compile("%")


def _defined(document: Document) -> Iterator[Finding]:
    """`달성률(전체공약 수 대비 완료 공약 수) : 67.1%` against the list items giving the counts."""
    for index, line in document.lines_with(_VERSUS):
        match = _DEFINED.search(line.text)
        if not match:
            continue
        listed = _listed(document, index)
        whole_words = {w for w in re.split(r"\s|수", match["whole"]) if len(w) >= 2} | {
            "대상",
            "전체",
        }
        part_words = {w[:2] for w in re.split(r"\s|수", match["part"]) if len(w) >= 2}
        wholes = [v for label, v, _ in listed if any(w[:2] in label for w in whole_words)]
        parts = [v for label, v, _ in listed if any(w in label for w in part_words)]
        if len(wholes) != 1 or len(parts) != 1:
            continue
        yield from _one(line.number, str(parts[0]), str(wholes[0]), match["rate"])


_AMOUNT = (
    r"\d[\d,]*+(?:\.\d++)?[ \t]*(?:조|억|천만|백만|만|천)"
    r"(?:[ \t]*\d[\d,]*[ \t]*(?:억|천만|백만|만|천))*[ \t]*원?"
)
_EXECUTION_RATE = inline(r"집행[률율][은는이가]?\s*(?:약\s*)?(?P<rate>\d{1,3}(?:\.\d+)?)\s*%")
_BUDGET = inline(r"예산(?:액|현액)?[을은이]?[^\d\n]{0,12}?(?P<amount>" + _AMOUNT + ")")
_SPENT = inline(
    r"(?:(?:쓴\s*돈|집행액|지출액)[은는이가]?\s*(?P<a>"
    + _AMOUNT
    + r")|(?<![\d,.])(?P<b>"
    + _AMOUNT
    + r")[을를]?\s*(?:집행|지출|사용))"
)


_SHARE_OF = inline(
    r"(?<![\d,.])(?P<whole>" + _AMOUNT + r")의\s*(?P<rate>\d{1,3}(?:\.\d+)?)\s*%\s*(?:수준)?인\s*"
    r"(?P<part>" + _AMOUNT + ")"
)


def _stated_rate(line: int, part: str, whole: str, rate: str) -> Iterator[Finding]:
    """A rate a sentence states of two Korean amounts it names, checked at its precision."""
    parts, wholes = korean_amount(part), korean_amount(whole)
    if parts is None or wholes is None or not wholes:
        return
    found = finding(
        line,
        parts,
        wholes,
        Decimal(rate),
        _places(rate),
        f"{part.strip()} ÷ {whole.strip()}: ",
        CODE,
    )
    if found:
        yield found


def _shares_of(document: Document) -> Iterator[Finding]:
    """`예산 136조5000억원의 98.3%인 134조2000억원`: the share and both amounts in one phrase."""
    for _, line in document.lines_with(_PERCENT):
        if "의" not in line.text:
            continue
        for match in _SHARE_OF.finditer(line.text):
            yield from _stated_rate(line.number, match["part"], match["whole"], match["rate"])


def _execution_rates(document: Document) -> Iterator[Finding]:
    """`예산 30억원 … 9천 100만원을 집행해 집행률은 3.3%` in one sentence."""
    for _, line in document.lines_with(_EXECUTED):
        if "%" not in line.text:
            continue
        for match in _EXECUTION_RATE.finditer(line.text):
            head = line.text[: match.start()]
            budgets = list(_BUDGET.finditer(head))
            spent = list(_SPENT.finditer(head))
            if not budgets or not spent:
                continue
            part_text = spent[-1]["a"] or spent[-1]["b"]
            whole, part = korean_amount(budgets[-1]["amount"]), korean_amount(part_text)
            if whole is not None and part is not None and part > whole:
                continue  # more spent than budgeted: not this budget's execution
            yield from _stated_rate(line.number, part_text, budgets[-1]["amount"], match["rate"])


@check("share-sentence")
def shares(document: Document) -> Iterator[Finding]:
    yield from _defined(document)
    yield from _execution_rates(document)
    yield from _shares_of(document)
    for _, line in document.lines_with(_PERCENT):
        text = line.text
        # Each pattern needs its own word or sign (중, /): most lines with a % have neither.
        if "중" in text:
            for match in _OF.finditer(text):
                if match["wc"][0] == match["pc"][0]:
                    yield from _one(line.number, match["part"], match["whole"], match["rate"])
        if "/" in text:
            for match in _SLASH.finditer(text):
                yield from _one(line.number, match["part"], match["whole"], match["rate"])
        for match in _RATE.finditer(text):
            wholes = list(_WHOLE.finditer(text))
            parts = [
                p
                for p in _PART.finditer(text)
                if p.start() != (wholes[0].start() if wholes else -1)
            ]
            if len(wholes) != 1 or not parts:
                continue
            whole = wholes[0]
            same = [p for p in parts if p["nc"] == whole["nc"] and p["n"] != whole["n"]]
            if not same:
                continue
            stated = Decimal(match["rate"])
            places = _places(match["rate"])
            whole_value = to_decimal(whole["n"])
            values = [to_decimal(p["n"]) for p in same]
            if whole_value is None or any(v is None for v in values):
                continue
            if any(agrees(stated, rate(v, whole_value), places) for v in values if v is not None):
                continue
            yield from _one(line.number, same[0]["n"], whole["n"], match["rate"])


def _one(line: int, part_text: str, whole_text: str, rate_text: str) -> Iterator[Finding]:
    part, whole = to_decimal(part_text), to_decimal(whole_text)
    if part is None or whole is None or not whole or part > whole:
        return
    found = finding(line, part, whole, Decimal(rate_text), _places(rate_text), "", CODE)
    if found:
        yield found
