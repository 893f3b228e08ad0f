"""Notation checks (표기 점검) of a written report: dates and months against the rules for
official documents, and forms that one document writes in more than one way.

The rule (행정업무의 운영 및 혁신에 관한 규정 시행규칙 제2조): dates are written in figures, with a
period standing in for each of 년, 월 and 일 — so `7. 25.` ends with a period, and `1월.` has
both the word and the period that replaces it. A two-digit year carries the apostrophe that
stands for the century (`'24.`). sijeong writes one form throughout; these checks name the
places where a document read in (or the reference report) does otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class NotationFinding:
    line: int
    column: int
    text: str
    code: str
    message: str


_RULES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "notation.year_apostrophe",
        re.compile(r"(?<!['’‘\d.])(?<!\d\. )\b\d{2}\.\d{1,2}\.\d{1,2}\."),
        "두 자리 연도 앞에 생략 표시(')가 없습니다",
    ),
    (
        "notation.date_final_period",
        re.compile(r"(?:'\d{2}\. ?\d{1,2}\. ?\d{1,2}(?=\s*[:)]|$)|(?<=\()\d{1,2}\.\d{1,2}(?=\)))"),
        "날짜의 '일' 자리에 온점이 없습니다",
    ),
    (
        "notation.month_period",
        re.compile(r"\d{1,2}월\."),
        "'월'과 그 자리를 대신하는 온점을 함께 썼습니다",
    ),
]

# Forms a document should write one way; the minority forms are flagged.
_VARIANTS: list[tuple[str, dict[str, re.Pattern[str]], str]] = [
    (
        "notation.mixed_month_form",
        {
            "'YY. M.~": re.compile(r"'\d{2}\. ?\d{1,2}\.~"),
            "'YY.M월~": re.compile(r"'\d{2}\. ?\d{1,2}월~"),
        },
        "같은 문서에서 '~부터'의 월을 다른 형식으로 썼습니다",
    ),
    (
        "notation.mixed_arrow_spacing",
        {
            "A → B": re.compile(r"\S → \S"),
            "A→B": re.compile(r"[^\s(]→[^\s)]"),
        },
        "같은 문서에서 화살표(→) 앞뒤 띄어쓰기가 다릅니다",
    ),
]


def check(text: str) -> list[NotationFinding]:
    """Every notation finding of `text`, in reading order; lines and columns count from 1."""
    lines = text.splitlines()
    found: list[NotationFinding] = []
    for number, line in enumerate(lines, 1):
        for code, pattern, message in _RULES:
            for match in pattern.finditer(line):
                found.append(
                    NotationFinding(number, match.start() + 1, match.group(), code, message)
                )
    for code, forms, message in _VARIANTS:
        hits = [
            (form, number, match)
            for number, line in enumerate(lines, 1)
            for form, pattern in forms.items()
            for match in pattern.finditer(line)
        ]
        counts = Counter(form for form, _, _ in hits)
        if len(counts) < 2:
            continue
        usual = counts.most_common(1)[0][0]
        found.extend(
            NotationFinding(
                number, match.start() + 1, match.group(), code, f"{message} (주로 {usual})"
            )
            for form, number, match in hits
            if form != usual
        )
    return sorted(found, key=lambda f: (f.line, f.column))
