"""Totals and subtotals (합계·소계) against their parts, down the rows, across the columns, and
in sentences that give a total and its breakdown (총 395만건 (30일권 389만건, 단기권 6만건))."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from sijeong.core.formatting import format_korean_amount, parse_korean_amount

from ..findings import ERROR, INFO, WARNING, Finding, Severity, mismatch_severity, shown
from ..numbers import half_unit, korean_amount, prose_amount, to_decimal
from ..tables import MARKERS, PATH, Row, Table, normalise_label, total_marker
from . import Document, check, inline
from .common import (
    addition,
    is_rate_row,
    is_share_row,
    places,
    slipped_copies,
    sum_columns,
    thousandfold,
    value,
)

CODE = "total-mismatch"
_UNRELATED = 15


@check(CODE)
def totals(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        for part in _series(table):
            yield from _down_rows(part)
        yield from _across_columns(table)
        yield from _shares_add_up(table)
    yield from _in_sentences(document)
    yield from _breakdowns(document)
    yield from _unit_lost(document)
    yield from _totals_after_parts(document)


def _series(table: Table) -> list[Table]:
    """The table, or — when a second label column takes turns (합계 정원 / 현원, 본부 정원 /
    현원 …) — one table per series, each row under the label of its group: 정원 rows add up
    to the 정원 total and 현원 rows to the 현원 total, never the two together."""
    kinds = {j: table.kind(j) for j in range(len(table.columns))}
    for j, kind in kinds.items():
        if kind != "text" and any(r.cells[j].number for r in table.rows if j < len(r.cells)):
            continue
        figured = [r for r in table.rows if r.numbered]
        keys = [normalise_label(r.cells[j].raw) if j < len(r.cells) else "" for r in figured]
        distinct = set(keys) - {""}
        if not 2 <= len(distinct) <= 4 or any(keys.count(k) < 2 for k in distinct):
            continue
        if not all(keys):
            continue
        parts = []
        for key in sorted(distinct, key=keys.index):
            rows, group = [], ""
            for row, row_key in zip(figured, keys, strict=True):
                group = row.label or group
                if row_key == key:
                    rows.append(_relabelled(row, group))
            parts.append(replace(table, rows=rows, summed=None))
        return parts
    return [table]


def _relabelled(row: Row, label: str) -> Row:
    """The row under its group's label, with what was read of its cells."""
    copy = replace(row, label=label or row.label)
    copy.figures, copy.numbers = row.figures, row.numbers
    copy.numbered, copy.blank = row.numbered, row.blank
    return copy


def _hierarchy(rows: list[Row], columns: list[int], total_first: bool) -> dict[int, list[int]]:
    """Which rows each row is the sum of, where a row is one.

    Tables rarely mark their hierarchy: 특별회계 is the sum of the special accounts under it
    with no 소계 and no indentation. A row that adds up to the rows just after it (just before
    it, in tables whose totals come last) in most of its columns is their parent; the deepest
    groups are found first, so that a parent adds up its children's parents.
    """
    step = 1 if total_first else -1
    claimed: set[int] = set()
    children: dict[int, list[int]] = {}
    # Every row is tried against up to 40 rows after it: its figures, padded to the columns
    # added, are read once here rather than cell by cell in that loop.
    width = max(columns, default=-1) + 1
    grid = [_padded(row.figures, width) for row in rows]
    grand = [row.total == "계" for row in rows]
    order = range(len(rows) - 1, -1, -1) if total_first else range(len(rows))
    for i in order:
        row = rows[i]
        if grand[i] or not row.numbered:
            continue
        following: list[int] = []
        k = i + step
        while 0 <= k < len(rows) and len(following) < 40 and not grand[k]:
            if k not in claimed:
                following.append(k)
            k += step
        found = None
        stated = grid[i]
        running = dict.fromkeys(columns, Decimal(0))
        known = {j for j in columns if stated[j] is not None}
        for n, p in enumerate(following, 1):
            figures = grid[p]
            for j in list(known):
                figure = figures[j]
                if figure is None:
                    known.discard(j)
                else:
                    running[j] += figure
            if not known:
                break  # no column left to add up: no later row can make this one a parent
            if n < 2:
                continue
            matches = [j for j in known if running[j] == stated[j]]
            mismatches = len(known) - len(matches)
            if mismatches and len(matches) < 2 * mismatches:
                continue  # not a parent, whatever its largest figure
            largest = max((abs(stated[j] or Decimal(0)) for j in matches), default=Decimal(0))
            if not largest:
                continue
            if mismatches == 0 or largest >= 10:
                found = following[:n]
                break
        if found is None and row.total == "소계":
            found = following
            cut = [p for p in following if rows[p].total or rows[p].blank]
            if cut:
                found = following[: following.index(cut[0])]
        if found and len(found) >= 2:
            children[i] = found
            claimed.update(found)
    return children


def _merged_over(total_row: Row, parts: list[Row]) -> bool:
    """A cell merged down the rows, printed once: the first part repeats the total's figure
    (세출결산액 675,989 on 합계 and on 일반운영비) and the parts after it have one figure fewer,
    the others shifted left under the wrong columns. Such rows cannot be added as printed."""
    if len(parts) < 2:
        return False
    first = parts[0]
    repeated = any(
        a.value and a.value == b.value  # a figure, not 0 or an empty ·
        for a, b in zip(total_row.cells, first.cells, strict=False)
    )
    width = len(first.numbers)
    return repeated and any(len(row.numbers) < width for row in parts[1:])


def _padded(figures: tuple[Decimal | None, ...], width: int) -> tuple[Decimal | None, ...]:
    if len(figures) >= width:
        return figures
    return figures + (None,) * (width - len(figures))


def _prefix(total: Row, parts: list[Row], columns: list[int]) -> list[Row] | None:
    """The first rows of `parts` when the total adds up only them: the rows after them are
    another category printed under the same header (학력인정평생교육시설 below the schools)."""
    # Running sums per column, None from the first row without a figure there.
    running: dict[int, list[Decimal | None]] = {}
    for j in columns:
        sums: list[Decimal | None] = [Decimal(0)]
        for row in parts:
            figure = value(row, j)
            previous = sums[-1]
            sums.append(None if figure is None or previous is None else previous + figure)
        running[j] = sums
    stated_in = {j: value(total, j) for j in columns}
    for n in range(len(parts) - 1, 1, -1):
        matches = mismatches = 0
        for j in columns:
            stated, added = stated_in[j], running[j][n]
            if stated is None or added is None:
                continue
            if stated == added:
                matches += 1
            else:
                mismatches += 1
        if matches >= 2 and matches > 2 * mismatches:
            return parts[:n]
    return None


def _groups(table: Table) -> list[tuple[Row, list[list[Row]]]]:
    """Each total row with the candidate sets of rows it should be the sum of."""
    rows = [r for r in table.rows if not is_rate_row(r)]
    data = [r for r in rows if r.numbered]
    if len(data) < 3 or _side_by_side(table):
        return []
    total_first = bool(data[0].total)
    children = _hierarchy(rows, sum_columns(table), total_first)
    claimed = {p for parts in children.values() for p in parts}
    result: list[tuple[Row, list[list[Row]]]] = [
        (rows[i], [[rows[p] for p in sorted(parts)]]) for i, parts in children.items()
    ]
    for i, parts in _marked_children(rows).items():
        if i not in children and not rows[i].total:
            result.append((rows[i], [[rows[p] for p in parts]]))
    grand = [i for i, r in enumerate(rows) if r.total == "계"]
    for position, i in enumerate(grand):
        if total_first:
            end = grand[position + 1] if position + 1 < len(grand) else len(rows)
            scope = list(range(i + 1, end))
        else:
            start = grand[position - 1] + 1 if position > 0 else 0
            scope = list(range(start, i))
        if sum(1 for k in scope if rows[k].numbered) < 2:
            continue
        figured = [k for k in scope if not rows[k].blank]
        top = [rows[k] for k in figured if k not in claimed]
        candidates = [
            _prefix(rows[i], top, sum_columns(table)) or top,
            [rows[k] for k in figured if not rows[k].total],
        ]
        levels = {rows[k].level for k in figured}
        if len(levels) > 1:
            candidates.append([rows[k] for k in figured if rows[k].level == min(levels)])
        candidates = [c for c in candidates if len(c) >= 2]
        if candidates:
            result.append((rows[i], candidates))
    return result


def _marked_children(rows: list[Row]) -> dict[int, list[int]]:
    """Rows whose parts the table marks (- 기본급, - 고정수당 under 평균 보수액): the run of
    rows just after a row, each opened by a marker and deeper than it. Found by the marks,
    so that a parent that does not add up is still known as one."""
    children: dict[int, list[int]] = {}
    for i, row in enumerate(rows[:-1]):
        if not row.numbered or _marked(row):
            continue
        run = []
        for k in range(i + 1, len(rows)):
            below = rows[k]
            if below.level <= row.level or not _marked(below):
                break
            run.append(k)
        if len(run) >= 2:
            children[i] = run
    return children


def _side_by_side(table: Table) -> bool:
    """Two tables printed side by side (세입 | 세출), which a page flattens into one whose
    rows no longer line up: a total row names its total again in a cell of its own."""
    return any(
        row.total and any(total_marker(cell.raw.strip()) == row.total for cell in row.cells)
        for row in table.rows
    )


def _marked(row: Row) -> bool:
    first = row.raw_label.lstrip()[:1]
    return bool(first) and first in MARKERS


def _distinct(rows: list[Row]) -> list[Row]:
    """The rows without the repeats of a row printed twice: the duplicate is its own finding
    (duplicate-row), and the total is checked against the rows as meant."""
    seen: set[tuple[str, tuple[Decimal | None, ...]]] = set()
    distinct = []
    for row in rows:
        key = (row.label, row.figures)
        if key not in seen:
            distinct.append(row)
        seen.add(key)
    return distinct


def _down_rows(table: Table) -> Iterator[Finding]:
    columns = sum_columns(table)
    groups = _groups(table)
    # A table whose last row closes a group that adds up was not cut off in that group.
    last = table.rows[-1] if table.rows else None
    closed = any(
        len(candidates) == 1 and candidates[0][-1] is last and total_row.total != "계"
        for total_row, candidates in groups
    )
    for total_row, given in groups:
        candidates = [_distinct(c) for c in given]
        if any(_merged_over(total_row, rows) for rows in candidates):
            continue
        mismatches = []
        compared = 0
        for j in columns:
            stated = value(total_row, j)
            if stated is None or total_row.cells[j].number is None:
                continue
            usable = []
            sums = []
            for rows in candidates:
                figures = [value(r, j) for r in rows]
                if None not in figures:
                    usable.append(rows)
                    sums.append(sum((f or Decimal(0) for f in figures), Decimal(0)))
            if not usable:
                continue
            compared += 1
            if stated in sums:
                continue
            parts_rows = usable[0]
            computed = sums[0]
            if computed > 0 and _UNRELATED * computed < stated < 500 * computed:
                # `6급이하 소계 1,353` under 3급 1, 4급 8, 5급 61: a subtotal of rows the table
                # leaves out, not of those above it (a slipped digit makes at most ~10×, a
                # slipped unit 1,000×).
                continue
            mismatches.append((j, parts_rows, stated, computed))
        total_first = bool(mismatches) and mismatches[0][1][0].line > total_row.line
        short = all(computed < stated for _, _, stated, computed in mismatches)
        cut_off = table.cut_off and not closed
        if total_first and cut_off and len(mismatches) == compared and short:
            continue  # the page or the excerpt ends before the last parts
        for j, parts_rows, stated, computed in mismatches:
            printed = places([total_row, *parts_rows], j)
            yield from _report(table, total_row, parts_rows, j, stated, computed, printed)


def _report(
    table: Table,
    total_row: Row,
    parts_rows: list[Row],
    j: int,
    stated: Decimal,
    computed: Decimal,
    printed: int,
) -> Iterator[Finding]:
    parts = [value(r, j) or Decimal(0) for r in parts_rows]
    column = table.column(j) or f"{j + 1}번째 열"
    for row, part in zip(parts_rows, parts, strict=True):
        if not part:
            continue
        for other in (part / 1000, part * 1000):
            if abs(other) < 1 or (other < part and abs(part) < 10_000):
                continue
            if abs(computed - part + other - stated) <= 1:
                yield Finding(
                    row.line,
                    ERROR,
                    "unit-slip",
                    f"'{row.label}'의 {column} {shown(part)}이(가) "
                    "단위를 잘못 적은 값으로 보입니다: "
                    f"{shown(other)}(으)로 보면 합계 {shown(stated)}와(과) 맞습니다",
                    (part, other, stated),
                )
                return
    if thousandfold(stated, computed):
        yield Finding(
            total_row.line,
            ERROR,
            "unit-slip",
            f"{column}: {addition(parts, printed)} "
            f"(적힌 {total_row.label} {shown(stated, printed)}, "
            "1,000배 차이로 단위가 다른 것으로 보입니다)",
            (*parts, stated),
        )
        return
    severity = _counted(
        table,
        mismatch_severity(stated, computed, printed),
        printed,
        table.column(j),
        total_row.label,
    )
    if severity is None:
        return
    note = " — 끝자리 반올림 차이로 보입니다" if severity == INFO else ""
    yield Finding(
        total_row.line,
        severity,
        CODE,
        f"'{total_row.label}' {column}: {addition(parts, printed)} "
        f"(적힌 {total_row.label} {shown(stated, printed)}){note}",
        (*parts, computed, stated),
    )


# People, places and things counted are never rounded, nor are amounts in whole won: a gap of
# one there is a slip, not rounding.
EXACT_UNITS = {"명", "개", "건", "회", "개소", "교", "가구", "대", "원"}


_COUNTED_WORDS = re.compile(r"정원|현원|인원|학생|교원|직원|학교수|학급수|건수|개소|명\)")


def _counted(table: Table, severity: Severity | None, printed: int, *names: str) -> Severity | None:
    if severity != INFO or printed:
        return severity
    exact = table.unit in EXACT_UNITS or any(_COUNTED_WORDS.search(n) for n in names)
    return WARNING if exact else severity


def _column_groups(table: Table) -> list[tuple[int, list[list[int]]]]:
    """Each total column with the candidate sets of columns it should be the sum of."""
    usable = set(sum_columns(table))
    split = [name.split(PATH) for name in table.columns]
    result: list[tuple[int, list[list[int]]]] = []
    grand = [
        j
        for j, parts in enumerate(split)
        if j in usable and total_marker(parts[0]) == "계" and len(set(parts)) == 1
    ]
    sub: dict[str, int] = {}
    members: dict[str, list[int]] = {}
    for j, parts in enumerate(split):
        if j not in usable or len(parts) < 2:
            continue
        if total_marker(parts[-1]):
            sub[parts[0]] = j
        else:
            members.setdefault(parts[0], []).append(j)
    for group, j in sub.items():
        if len(members.get(group, [])) >= 2:
            result.append((j, [members[group]]))
    for j in grand:
        others = [k for k in usable if k != j and k not in grand]
        grouped = {k for ks in members.values() for k in ks}
        candidates = [
            [k for k in others if k not in sub.values()],
            [k for k in others if k not in grouped],
        ]
        candidates = [c for c in candidates if len(c) >= 2]
        if candidates:
            result.append((j, candidates))
    return result


def _across_columns(table: Table) -> Iterator[Finding]:
    if not table.header_fits:
        return  # which column a figure sits under is not known
    groups = _column_groups(table)
    if not groups:
        return
    for row in table.rows:
        if is_rate_row(row):
            continue
        for j, candidates in groups:
            stated = value(row, j)
            if stated is None:
                continue
            usable = [c for c in candidates if all(value(row, k) is not None for k in c)]
            if not usable:
                continue
            sums = [sum((value(row, k) or Decimal(0) for k in c), Decimal(0)) for c in usable]
            if stated in sums:
                continue
            parts = [value(row, k) or Decimal(0) for k in usable[0]]
            printed = max(row.cells[k].places for k in [j, *usable[0]])
            severity = mismatch_severity(stated, sums[0], printed)
            severity = _counted(table, severity, printed, row.label, table.column(j))
            if severity is None:
                continue
            column = table.column(j)
            yield Finding(
                row.line,
                severity,
                CODE,
                f"'{row.label}' 행: {addition(parts, printed)} "
                f"(적힌 {column} {shown(stated, printed)})",
                (*parts, sums[0], stated),
            )


_COUNTED = re.compile(
    r"(?:총|계|합계|전체)\s*[:：]?\s*(?P<number>\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?)\s*"
    r"(?P<counter>[가-힣]{1,3}?)\s*(?=[(\[])"
)


# A line _COUNTED can match on: a total word with a bracket after it (found in one scan).
_TOTAL_THEN_BRACKET = re.compile(r"(?:총|계|전체)[^\n]*[(\[]")


def _bracketed(text: str, start: int) -> str | None:
    depth = 0
    for k in range(start, len(text)):
        if text[k] in "([":
            depth += 1
        elif text[k] in ")]":
            depth -= 1
            if depth == 0:
                return text[start + 1 : k]
    return None


def _in_sentences(document: Document) -> Iterator[Finding]:
    for _, line in document.lines_with(_TOTAL_THEN_BRACKET):
        text = line.text
        for match in _COUNTED.finditer(text):
            counter = match["counter"]
            if not counter:
                continue
            inner = _bracketed(text, match.end())
            if inner is None or re.search(r"등\s*$|포함|중\s|외\s*\d|누적|평균|\d\s*%", inner):
                continue
            amount = parse_korean_amount(match["number"])
            if amount is None:
                continue
            stated = amount[0]
            items = re.findall(
                rf"(?<![\d.,])(\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?)\s*{re.escape(counter)}(?![가-힣])",
                inner,
            )
            parts = []
            for item in items:
                parsed = parse_korean_amount(item)
                if parsed is None:
                    break
                parts.append(parsed[0])
            else:
                if len(parts) < 2:
                    continue
                computed = sum(parts, Decimal(0))
                severity = mismatch_severity(stated, computed, 0)
                if severity is None or computed > stated * 10 or computed * 10 < stated:
                    continue
                yield Finding(
                    line.number,
                    severity,
                    CODE,
                    f"{addition(parts)}{counter} (적힌 합계 {shown(stated)}{counter})",
                    (*parts, computed, stated),
                )


# An amount in Korean units followed by its breakdown in brackets whose parts leave the unit
# out: 1조 9,896억원 (도 9,641, 시군 1조 228).
_AMOUNT_THEN_BRACKET = re.compile(
    r"(?<![\d.,])(?P<number>\d[\d,]*(?:\s*조\s*\d[\d,]*)?\s*(?P<base>조|억|천만|백만|만))\s*"
    r"(?P<counter>원|명|건|개|가구)\s*[(\[]"
)
_PART = re.compile(
    r"(?<![\d.,])(\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s*조\s*\d(?:[\d,]*\d)?)?)\s*(조|억|천만|백만|만)?"
)


_BREAKDOWN_LINE = inline(r"\d\s*(?:조|억|천만|백만|만)\s*(?:원|명|건|개|가구)\s*[(\[]")
# Brackets that give rates, averages, changes or a part of the parts, not the parts.
_NOT_A_BREAKDOWN = re.compile(r"%|평균|등\s*$|포함|중\s|외\s*\d|누적|증|감|대비|→")
_NAMED_PART = re.compile(r"(?<![\d가-힣])[가-힣]{1,12}\s*\d")


_SENTENCE_END = re.compile(r"다\.|\.\s|$")


def _unclosed(text: str, start: int) -> str | None:
    """A bracket the writer never closed (`1조 495억원(기투자 1202억원, … 241억원이다.`): its
    breakdown runs to the end of the sentence."""
    if ")" in text[start:] or "]" in text[start:]:
        return None
    end = _SENTENCE_END.search(text, start)
    return text[start : end.start()] if end else None


def _breakdowns(document: Document) -> Iterator[Finding]:
    """A total in Korean units and its named parts in brackets, each part in the total's own
    unit when it names none (9,641 in 억원 after 1조 9,896억원)."""
    for _, line in document.lines_with(_BREAKDOWN_LINE):
        text = line.text
        for match in _AMOUNT_THEN_BRACKET.finditer(text):
            inner = _bracketed(text, match.end() - 1) or _unclosed(text, match.end())
            if inner is None or _NOT_A_BREAKDOWN.search(inner):
                continue
            stated = parse_korean_amount(match["number"])
            if stated is None:
                continue
            parts, slack = [], Decimal(0)
            for figure, magnitude in _PART.findall(inner):
                amount = parse_korean_amount(f"{figure}{magnitude or match['base']}")
                if amount is None:
                    break
                parts.append(amount[0])
                # A part printed coarser than the total (15.9조원 beside 17조 7,793억원) was
                # rounded: half a unit of its last digit either way.
                slack += half_unit(f"{figure}{magnitude}", match["base"])
            else:
                if len(parts) < 2 or len(_NAMED_PART.findall(inner)) != len(parts):
                    continue  # parts without a name each are not a breakdown
                computed = sum(parts, Decimal(0))
                total = stated[0]
                if abs(computed - total) <= slack or not total / 2 <= computed <= total * 3 / 2:
                    continue
                unit = match["counter"]
                yield Finding(
                    line.number,
                    WARNING,
                    CODE,
                    f"괄호 안의 내역 {' + '.join(format_korean_amount(p, unit) for p in parts)} = "
                    f"{format_korean_amount(computed, unit)} (적힌 합계 "
                    f"{format_korean_amount(total, unit)})",
                    (*parts, computed, total),
                )


# A total in 조 whose next group has lost its unit, before its breakdown: `4조 2892원(일반회계
# 3조5692억 원, 특별회계 7200억 원)`.
_UNIT_LOST = inline(r"(?<![\d.,])(?P<jo>\d{1,3})\s*조\s*(?P<rest>\d{1,4})\s*원\s*[(\[]")


def _unit_lost(document: Document) -> Iterator[Finding]:
    """A total that reads as 4조 and 2892원 while its parts, each with its unit, add up to
    4조 2892억: the unit of its second group was lost."""
    for _, line in document.lines_with(_UNIT_LOST):
        text = line.text
        for match in _UNIT_LOST.finditer(text):
            inner = _bracketed(text, match.end() - 1)
            if inner is None or _NOT_A_BREAKDOWN.search(inner):
                continue
            parts = [korean_amount(item) for item in _WON_PART.findall(inner)]
            if len(parts) < 2 or any(p is None for p in parts):
                continue
            computed = sum((p for p in parts if p is not None), Decimal(0))
            jo, rest = int(match["jo"]), int(match["rest"])
            meant = next(
                (
                    unit
                    for unit, size in (("억", 10**8), ("만", 10**4))
                    if jo * 10**12 + rest * size == computed
                ),
                None,
            )
            if meant is None:
                continue
            yield Finding(
                line.number,
                WARNING,
                CODE,
                f"괄호 안의 내역 {' + '.join(f'{prose_amount(p)}원' for p in parts if p)} = "
                f"{prose_amount(computed)}원 (적힌 합계 {jo}조 {rest}원 — {rest} 뒤에 "
                f"{meant}이 빠진 것으로 보입니다)",
                (computed, Decimal(jo * 10**12 + rest)),
            )


def _shares_add_up(table: Table) -> Iterator[Finding]:
    """A row of shares whose first figure is 100 (the 계 column): the others add up to it,
    give or take half a unit of their last digit each (each share was rounded on its own)."""
    for row in table.rows:
        if not is_share_row(row):
            continue
        cells = [c for c in row.cells if c.number is not None and not c.number.dash]
        if len(cells) < 3 or cells[0].value != 100:
            continue
        parts = [c.value for c in cells[1:] if c.value is not None]
        printed = max(c.places for c in cells[1:])
        computed = sum(parts, Decimal(0))
        slack = Decimal(len(parts)) / 2 * Decimal(1).scaleb(-printed)
        if abs(computed - 100) <= slack or any(abs(computed - 100 * k) <= slack for k in (2, 3)):
            continue
        yield Finding(
            row.line,
            ERROR,
            CODE,
            f"'{row.label}' 행: {addition(parts, printed)}% (적힌 계 100%)",
            (*parts, computed, Decimal(100)),
        )


# A sum of money in Korean units, as news and budget briefings write it: 1조3억4,747만 원.
# Its last group may be plain digits (14억 6984만7000원), a group may be in 천 (2천억원).
_WON = (
    r"\d[\d,]*(?:\.\d+)?\s?(?:천?(?:조|억|만)|천)(?:\s?\d[\d,]*(?:\.\d+)?\s?(?:천?(?:억|만)|천))*"
    r"(?:\s?\d[\d,]*)?\s?원"
)
# The total after its parts: `…로 총 117개`, `…, 총 1조 원`, `…원 총 14억원`, `… 등 모두 3조원`.
_TOTAL_AFTER = inline(
    r"(?:로|으로|,|(?<=원)|(?P<etc>등))\s*(?:총|모두)\s*(?:규모\s*)?"
    r"(?:(?P<n>\d[\d,]*)\s*(?P<c>개소|개|건|명|회|곳|가구|대)(?![가-힣]*률)"
    rf"|(?P<won>{_WON}))"
)
_HALF_EOK = Decimal(50_000_000)
_WON_PART = inline(rf"(?<![\d.,])(?:{_WON})")
# Words that make the figures before a total something else than its parts: a change from one
# figure to another (65조에서 72조로), a share, a subset.
# 외 only as a word (그 외, 3건 외): 세외수입 is a part like any other.
_NOT_PARTS = re.compile(r"중|(?<![가-힣])외|이외|등|포함|누적|평균|%|에서|대비|증가|감소|증액|감액")
_TOTAL = re.compile("총|모두")
# Where a clause ends: a sentence, or a connective after which the figures are another
# statement's (8444억원으로 전망하여 편성했는데, 실제 … 8334억원, 1933억원으로 모두 …).
_CLAUSE_END = re.compile(r"[.?!:;]\s|다\s|\n|[은는]데,?\s|지만,?\s|하여\s|으며\s")


def _totals_after(document: Document) -> Iterator[re.Match[str]]:
    """The matches of _TOTAL_AFTER in the text, looked for only on the lines with a 총 or
    모두."""
    for index, line in document.lines_with(_TOTAL):
        start = document.starts[index]
        yield from _TOTAL_AFTER.finditer(document.text, start, start + len(line.text))


def _totals_after_parts(document: Document) -> Iterator[Finding]:
    """`정량지표 98개, 정성지표 19개로 총 117개`, `일반회계 8,035억9,385만 원과 특별회계
    1,967억5,312만 원으로 총 1조3억4,747만 원`: the parts named before their total."""
    text = document.text
    for match in _totals_after(document):
        begin = max(0, match.start() - 120)
        clause = text[begin : match.start()]
        ends = list(_CLAUSE_END.finditer(clause))
        if ends:
            clause = clause[ends[-1].end() :]
        if _NOT_PARTS.search(clause):
            continue
        # 본청 2조원, 지역교육청 1조원, 예비비 479억원 등 모두 …: the parts listed may be only
        # some of them, so only parts that exceed their total are wrong.
        partial = bool(match["etc"])
        slack = Decimal(0)
        if match["won"]:
            counter, stated = "원", korean_amount(match["won"])
            printed = _WON_PART.findall(clause)
            figures = [korean_amount(item) for item in printed]
            # A total printed in 억 was rounded to it, and so may its parts have been: the sum
            # may be off by their roundings. A total printed to the 원 or 천원 is exact.
            total_half = half_unit(match["won"].removesuffix("원").strip())
            if total_half >= _HALF_EOK:
                slack = total_half + sum(
                    (half_unit(item.removesuffix("원").strip()) for item in printed), Decimal(0)
                )
        else:
            counter, stated = match["c"], to_decimal(match["n"])
            items = re.findall(rf"(?<![\d.,])(\d[\d,]*)\s*{counter}(?![가-힣]*률)", clause)
            figures = [to_decimal(item) for item in items]
        if len(figures) < 2 or stated is None or any(f is None for f in figures):
            continue
        parts = [f for f in figures if f is not None]
        computed = sum(parts, Decimal(0))
        number = document.line_at(match.start()).number
        if counter == "원":
            # The sum, right or wrong here, may be printed elsewhere with a digit slipped.
            yield from slipped_copies(document, computed, stated, number)
        severity = mismatch_severity(stated, computed, 0)
        if severity is None or computed > stated * 10 or computed * 10 < stated:
            continue
        if partial and computed <= stated:
            continue
        rounding = abs(computed - stated) <= slack
        if counter == "원":
            terms = " + ".join(f"{prose_amount(p)}원" for p in parts)
            arithmetic = f"{terms} = {prose_amount(computed)}원"
            written = f"{prose_amount(stated)}원"
        else:
            arithmetic, written = f"{addition(parts)}{counter}", f"{shown(stated)}{counter}"
        yield Finding(
            number,
            INFO if rounding else WARNING if severity == INFO else severity,
            CODE,
            f"{arithmetic} (적힌 합계 {written})"
            + (" — 억 단위로 반올림된 금액의 합으로 보입니다" if rounding else ""),
            (*parts, computed, stated),
        )
