"""Tables (표) read from a document's numbered lines, whatever shape they came in.

Word processors export a table as one line per row with tabs between cells; web pages as pipe
tables; HWP and PDF text as one cell per line or with the cells run together; plain reports as
columns aligned by spaces. All become one model: header rows, labelled rows with their level
and total marker (계/합계/소계), and numeric cells with their unit and printed precision.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sijeong.documents.reading.text import SourceLine

from .numbers import DASHES, MONEY_SCALES, Number, looks_numeric, parse_number, split_run

TOTAL_WORDS = {"계", "합계", "총계", "소계", "합", "총합계", "총액", "전체", "총괄"}
SUBTOTAL_WORDS = {"소계"}
HEADER_WORDS = {
    "구분",
    "항목",
    "과목",
    "연도",
    "기관",
    "부서",
    "사업명",
    "분야",
    "내역",
    "區分",
    "연번",
    "번호",
    "순번",
}
# Joins a column's name to the header cell spanning it: 일반직 › 소계.
PATH = " › "
RATE_HEADER = re.compile(
    r"(?:률|율)\s*(?:\(.*\))?$|비율|비중|구성비|%|퍼센트|점유|대비\s*\(?%|\)\s*/\s*[A-Za-z가-힣]\s*$"
)

_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACED_LABEL = re.compile(r"^(\s*)([가-힣](?:[ \t]+[가-힣])+)(?=[ \t]{2,}|\t|$)")
_UNIT = re.compile(r"단위\s*[:_：]?\s*(?P<unit>[^)\]]*)")
_DATE_HEADER = re.compile(r"일자|날짜|기간|일시|연월")
_TEXT_HEADER = re.compile(r"비고|내용|사유|목적")
_LABEL_NOISE = re.compile(r"[\s()\[\]A-Za-z]")
_GAP = re.compile(r" {2,}")
_YEAR = re.compile(r"(19|20)\d{2}")
# Two figures standing as words of their own (a space before each): the same as two
# non-overlapping matches of a figure's start, found without listing them all.
_TWO_FIGURES = re.compile(r"\s[△▲▽\-−–]?\d.*?\s[△▲▽\-−–]?\d", re.DOTALL)
_LONG_DIGITS = re.compile(r"\d{5,}")
MARKERS = "□■○●◦ㅇ❍◆◇-–·•*"
_PAGE_END = re.compile(
    r"생략|계속|중략|이하\s*(?:생략|같음)|…|\.\.\.|^-\s*\d+\s*-$|^\d+\s*/\s*\d+$|^\f"
)


@dataclass(slots=True)
class Cell:
    """One cell: its text as printed, its figure, and — once its table is read — its kind
    (amount, count, percent, date, text) and unit (천원, 명, % …) with the scale to 원."""

    raw: str
    line: int
    number: Number | None = None
    kind: str = "text"
    unit: str = ""
    scale: int = 1
    # The ways figures run together in this cell could be read, until the table chooses one.
    # A tuple by default: a table has thousands of cells, almost none with readings.
    readings: Sequence[list[str]] = field(default=(), repr=False)

    @property
    def value(self) -> Decimal | None:
        return self.number.value if self.number else None

    @property
    def places(self) -> int:
        return self.number.places if self.number else 0

    @property
    def empty(self) -> bool:
        return not self.raw.strip()


@dataclass
class Row:
    label: str
    cells: list[Cell]
    lines: list[int]
    level: int = 0
    raw_label: str = ""

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def total(self) -> str:
        """ "소계", "계" (any grand total), or "" for a part."""
        return total_marker(self.label)

    # Read from the cells once the table is built (_summarise), since the checks look at every
    # row's figures many times over: each cell's figure (None where it has none), the numbers
    # other than dashes, whether any cell reads as a number (a dash too), whether all are empty.
    figures: tuple[Decimal | None, ...] = field(default=(), init=False, repr=False, compare=False)
    numbers: tuple[Number, ...] = field(default=(), init=False, repr=False, compare=False)
    numbered: bool = field(default=False, init=False, repr=False, compare=False)
    blank: bool = field(default=True, init=False, repr=False, compare=False)

    def values(self) -> list[Decimal | None]:
        return [c.value for c in self.cells]


@dataclass
class Table:
    header: list[list[str]]
    rows: list[Row]
    caption: str = ""
    unit: str = ""
    first_line: int = 0
    last_line: int = 0
    cut_off: bool = False
    shape: str = ""
    columns: list[str] = field(default_factory=list)
    header_fits: bool = True
    shares: set[int] = field(default_factory=set)
    _kinds: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    summed: list[int] | None = field(default=None, repr=False, compare=False)

    @property
    def scale(self) -> int:
        return MONEY_SCALES.get(self.unit, 1)

    def column(self, index: int) -> str:
        return self.columns[index] if index < len(self.columns) else ""

    def kind(self, index: int) -> str:
        """amount / count / percent / date / text, from the column's header and the unit."""
        cached = self._kinds.get(index)
        if cached is None:
            cached = self._kinds[index] = self._kind(index)
        return cached

    def _kind(self, index: int) -> str:
        name = self.column(index).split(PATH)[-1]
        return _column_kind(name, index in self.shares, self.unit.endswith("원"))


@functools.lru_cache(maxsize=4096)
def _column_kind(name: str, share: bool, money: bool) -> str:
    if share or RATE_HEADER.search(name):
        return "percent"
    if _DATE_HEADER.search(name):
        return "date"
    if _TEXT_HEADER.search(name):
        return "text"
    return "amount" if money else "count"


def normalise_label(text: str) -> str:
    """`합    계` → `합계`, `일 반 회 계` → `일반회계`; other labels keep their own spaces."""
    stripped = text.strip().strip(MARKERS).strip()
    tokens = stripped.split()
    if len(tokens) > 1 and all(len(t) == 1 and "가" <= t <= "힣" for t in tokens):
        return "".join(tokens)
    return " ".join(tokens)


@functools.lru_cache(maxsize=4096)
def total_marker(label: str) -> str:
    words = label.split()
    if len(words) > 1 and words[-1] in ("계", "소계", "합계"):
        return "소계"  # 고등학교 계: the total of one group
    squashed = _LABEL_NOISE.sub("", label)
    if squashed in SUBTOTAL_WORDS or squashed.endswith("소계"):
        return "소계"
    if squashed in TOTAL_WORDS or squashed.endswith(("합계", "총계")):
        return "계"
    return ""


def unit_of(text: str) -> str:
    match = _UNIT.search(text)
    if not match:
        return ""
    unit = match["unit"].split("/")[-1].strip().strip("'")
    for known in _KNOWN_UNITS:
        if unit.startswith(known):
            return known
    return unit[:3]


# Longest first, so that 백만원 is not read as 만원.
_KNOWN_UNITS = sorted([*MONEY_SCALES, "명", "개", "건", "회", "%", "개소"], key=len, reverse=True)


def split_cells(text: str) -> tuple[list[str], str, int] | None:
    """(cells, shape, indentation) of one line, or None when it is not a table row."""
    if not text.strip():
        return None
    indent = len(text) - len(text.lstrip(" "))
    if text.count("|") >= 2 or (text.lstrip().startswith("|") and text.count("|") >= 1):
        if _PIPE_RULE.match(text):
            return [], "rule", indent
        body = text.strip()
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|"):
            body = body[:-1]
        return [c.strip() for c in body.split("|")], "pipe", indent
    if "\t" in text:
        return [c.strip() for c in text.strip("\n").split("\t")], "tab", indent
    joined = text
    if "  " in text.strip():
        joined = _SPACED_LABEL.sub(lambda m: m[1] + "".join(m[2].split()), text)
        parts = _GAP.split(joined.strip())
        if len(parts) >= 2:
            return parts, "spaces", indent
    # At least two figures standing as words of their own (a label first, so the first one
    # has a space before it too).
    if not _TWO_FIGURES.search(joined):
        return [text.strip()], "single", indent
    words = joined.split()
    if not _numeric(words[-1]):
        return [text.strip()], "single", indent
    # A label followed by figures separated by single spaces: 합계 350,000 341,000 9,000.
    # The figures are the words from the end back to the first that is not one, and the
    # label before them has none (read from the end, a line of text fails at once).
    first = len(words)
    while first > 0 and _figure_word(words[first - 1]):
        first -= 1
    figures = len(words) - first
    if len(words) >= 3 and figures >= 2 and first <= 6 and _label_words(words[:first]):
        return [" ".join(words[:first]), *words[first:]], "words", indent
    return [text.strip()], "single", indent


def _figure_word(word: str) -> bool:
    return looks_numeric(word) or parse_number(word) is not None


def _label_words(words: list[str]) -> bool:
    """Whether `words` can label a row of figures: text first, and a figure inside only where
    it qualifies a name (인구 50만 미만 시 평균), not where it is a cell of its own."""
    if len(words) > 1 and len(words[0]) == 1 and words[0] in MARKERS:
        words = words[1:]  # - 기본급: a part marked as such
    if not words or _figure_word(words[0]):
        return False
    figures = [w for w in words if _figure_word(w)]
    return not figures or (len(figures) < len(words) - 1 and all(_qualifier(w) for w in figures))


def _qualifier(word: str) -> bool:
    # 50만, 30~50만, 3급: a figure glued to a word, never a grouped amount or a bare figure.
    return any("가" <= c <= "힣" for c in word) and "," not in word


@functools.lru_cache(maxsize=65536)
def _numeric(cell: str) -> bool:
    return (
        parse_number(cell) is not None and cell.strip() not in {"-", "–", "—"}
    ) or looks_numeric(cell)


def _is_header_row(cells: Sequence[str]) -> bool:
    values = [c for c in cells[1:] if c.strip()]
    if not values:
        return True
    first = normalise_label(cells[0])
    if first in HEADER_WORDS or first.endswith("별"):  # 분야별, 기관별: a header's first cell
        return True
    return not any(_numeric(c) for c in values)


def _years(cells: Sequence[str]) -> bool:
    values = [c.strip() for c in cells if c.strip()]
    return bool(values) and all(_YEAR.fullmatch(v) for v in values)


def read_tables(lines: Sequence[SourceLine]) -> list[Table]:
    """Every table in `lines`, in reading order."""
    tables: list[Table] = []
    used: set[int] = set()
    tables.extend(_one_cell_per_line(lines, used))
    tables.extend(_pipe_cell_per_line(lines, used))
    block: list[tuple[SourceLine, list[str], str, int]] = []

    def flush(index: int) -> None:
        if block:
            table = _build(block, lines, index)
            if table is not None:
                tables.append(table)
        block.clear()

    for index, line in enumerate(lines):
        text = line.text
        if line.number in used or _prose(text):
            flush(index)
            continue
        split = split_cells(text)
        if split is None:
            # A blank line inside a pipe table ends it; elsewhere it ends the block too.
            flush(index)
            continue
        cells, shape, indent = split
        if shape == "words" and not block and index and lines[index - 1].text.strip():
            # The header of a table of space-separated figures is separated by spaces too.
            above = lines[index - 1]
            words = _header_words(above.text, len(cells))
            # Run-together figures leave a row shorter than its header.
            fits = len(cells) <= len(words) <= len(cells) + 8
            if fits and not any(_numeric(w) for w in words):
                block.append((above, words, "words", len(above.text) - len(above.text.lstrip())))
        if shape == "rule":
            if len(block) >= 3:
                heading = block.pop()
                flush(index)
                block.append(heading)
            continue
        if len(cells) < 2 or (block and _shape_family(block[-1][2]) != _shape_family(shape)):
            flush(index)
            if len(cells) < 2:
                continue
        block.append((line, cells, shape, indent))
    flush(len(lines))
    tables.sort(key=lambda t: t.first_line)
    return tables


# A header word that qualifies the next one rather than naming a column: 1인당 주민수,
# 전년 대비 증감, 2024년 기준 인원.
_MODIFIER = re.compile(r"(?:당|대비|기준|별)$")


def _header_words(text: str, cells: int) -> list[str]:
    """The header of a row of `cells` space-separated cells (a label and figures), one name
    per cell. Pages print it without the label column's name (주민수 공무원수 1인당 주민수
    over 하남시 331,194명 1,102명 303명), and a name may be two words."""
    words = text.split()
    if len(words) == cells and (words[0] in HEADER_WORDS or words[0].endswith("별")):
        return words
    labelled = words[0] in HEADER_WORDS or words[0].endswith("별")
    names: list[str] = []
    for word in words[1:] if labelled else words:
        if names and _MODIFIER.search(names[-1]) and not _numeric(names[-1]):
            names[-1] = f"{names[-1]} {word}"
        elif names and len(word) == 1 and "가" <= word <= "힣":
            names[-1] = f"{names[-1]} {word}"  # 공무원 수, 예산 액: a noun's last syllable
        else:
            names.append(word)
    if len(names) == cells - 1:
        return [words[0] if labelled else "", *names]
    own = words[1:] if labelled else words
    if cells > 2 and len(own) % (cells - 1) == 0:
        # 2012년 결산 2013년 결산 …: every name the same number of words.
        size = len(own) // (cells - 1)
        grouped = [" ".join(own[k : k + size]) for k in range(0, len(own), size)]
        return [words[0] if labelled else "", *grouped]
    return words


def _prose(text: str) -> bool:
    """A line that cannot be a table row: no cell separator and fewer than two figures."""
    return (
        "|" not in text
        and "\t" not in text
        and ("  " not in text or "  " not in text.strip())
        and not _TWO_FIGURES.search(text)
    )


def _position(lines: Sequence[SourceLine], number: int) -> int:
    """The index of line `number`: lines are numbered from 1 without gaps when they come
    from source_lines, so the search is only for other sequences."""
    if 0 < number <= len(lines) and lines[number - 1].number == number:
        return number - 1
    return next(i for i, line in enumerate(lines) if line.number == number)


def _shape_family(shape: str) -> str:
    return "pipe" if shape == "pipe" else "aligned"


def _caption(lines: Sequence[SourceLine], first_index: int) -> tuple[str, str]:
    """The caption above a table and the unit it or a note beside it states."""
    caption, unit = "", ""
    for back in range(1, 7):
        i = first_index - back
        if i < 0:
            break
        text = lines[i].text.strip()
        if not text:
            continue
        if not caption and not text.startswith("※"):
            caption = text
        unit = unit or unit_of(text)
        if caption and unit:
            break
    return caption, unit


def _cut_off(lines: Sequence[SourceLine], after: int) -> bool:
    """Whether the table stops at a page's or an excerpt's end rather than its own."""
    for index in range(after, len(lines)):
        text = lines[index].text.strip()
        if text:
            return bool(_PAGE_END.search(text))
    return True


def _stripped(cells: list[str]) -> list[str]:
    if not cells or cells[-1]:
        return cells  # cells come stripped: only an empty last cell is trailing
    end = len(cells)
    while end > 1 and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _build(
    block: list[tuple[SourceLine, list[str], str, int]],
    lines: Sequence[SourceLine],
    end_index: int,
) -> Table | None:
    header: list[list[str]] = []
    body = [(line, _stripped(cells), shape, indent) for line, cells, shape, indent in block]
    while len(header) < min(4, len(body)):
        cells = body[len(header)][1]
        if not (_is_header_row(cells) or _years(cells[1:])):
            break
        header.append(block[len(header)][1])
    body = body[len(header) :]
    if not body:
        return None
    if not any(any(_numeric(c) for c in cells[1:]) for _, cells, _, _ in body):
        return None
    if (
        header
        and header[0][0].strip() not in HEADER_WORDS
        and all(_is_value(cells[0]) for _, cells, _, _ in body)
    ):
        # No label column: the first header names figures (평생교육시설 | 학원 | 계).
        header = [["", *h] for h in header]
        body = [(line, ["", *cells], shape, indent) for line, cells, shape, indent in body]
    usual = _most_common(len(cells) for _, cells, _, _ in body)
    merged = []
    for line, cells, shape, indent in body:
        if len(cells) == usual + 1 and len(cells) > 2 and not _is_value(cells[1]):
            # A label that takes two cells: 고 등 학 교 | 계.
            cells = [f"{normalise_label(cells[0])} {normalise_label(cells[1])}", *cells[2:]]
        merged.append((line, cells, shape, indent))
    body = merged
    width = max(len(cells) for _, cells, _, _ in body)
    width = max([width, *(len(_stripped(h)) for h in header)])
    columns, fits = _layout(header, width)
    text_columns: set[int] | None = None  # read only for a row short of cells
    rows: list[Row] = []
    runs = False  # whether any cell holds figures run together, to be read by the totals
    base_indent = min(indent for _, _, _, indent in body)
    for line, cells, _shape, indent in body:
        label = cells[0]
        values = cells[1:]
        filled = [v for v in values if v.strip()]
        missing = width - 1 - len(values)
        readings: dict[int, list[list[str]]] = {}
        if missing > 0 and filled:
            if text_columns is None:
                text_columns = _text_columns(body, width)
            if all(j in text_columns for j in range(missing)):
                values = [""] * missing + values  # a total row whose text columns are merged
            else:
                values, readings = _rejoin(values, width - 1)
        row_cells = [Cell(v, line.number, parse_number(v)) for v in values]
        for at, options in readings.items():
            row_cells[at] = Cell(values[at], line.number, None, readings=options)
            runs = True
        level = (indent - base_indent) + (1 if label[:1] in MARKERS else 0)
        row = Row(normalise_label(label), row_cells, [line.number], level, label)
        if not filled and label.strip():
            wrapped = rows and not rows[-1].total and len(label.strip()) <= 12
            if wrapped and not total_marker(label) and _continues(rows[-1].label, label):
                # A row label wrapped onto the next line of a pipe table.
                rows[-1].raw_label = f"{rows[-1].raw_label} {label}"
                rows[-1].label = normalise_label(rows[-1].raw_label)
                rows[-1].lines.append(line.number)
                continue
            rows.append(row)
            continue
        if not label.strip() and rows and not any(c.raw.strip() for c in rows[-1].cells):
            previous = rows[-1]
            previous.cells = row_cells
            previous.lines.append(line.number)
            continue
        rows.append(row)
    if runs:
        _resolve_runs(rows)
    first_line = block[0][0].number
    first_index = _position(lines, first_line)
    caption, unit = _caption(lines, first_index)
    for h in header:
        unit = unit or unit_of(" ".join(h))
    table = Table(
        header=header,
        rows=rows,
        caption=caption,
        unit=unit,
        first_line=first_line,
        last_line=block[-1][0].number,
        cut_off=_cut_off(lines, end_index),
        shape=block[0][2],
        columns=columns,
        header_fits=fits,
    )
    table.shares = _share_columns(table)
    _dotted_thousands(table)
    _describe(table)
    _summarise(table)
    return table


def _summarise(table: Table) -> None:
    """What the checks read of each row's cells, now that they no longer change."""
    for row in table.rows:
        numbers = [c.number for c in row.cells]
        row.figures = tuple([n.value if n else None for n in numbers])
        row.numbers = tuple([n for n in numbers if n and not n.dash])
        row.numbered = any(numbers)
        row.blank = not any([c.raw.strip() for c in row.cells])


def _most_common(widths: Iterable[int]) -> int:
    """The most frequent width, the first seen among equals (as Counter.most_common)."""
    counts: dict[int, int] = {}
    for width in widths:
        counts[width] = counts.get(width, 0) + 1
    return max(counts, key=counts.__getitem__)


def _describe(table: Table) -> None:
    """Each cell's kind and unit, from its own text first, then its column and the table."""
    width = max((len(row.cells) for row in table.rows), default=0)
    kinds = [table.kind(j) for j in range(width)]
    for row in table.rows:
        for cell, column_kind in zip(row.cells, kinds, strict=False):
            number = cell.number
            if number is None:
                continue  # text, as a cell is made
            cell.kind = "percent" if number.percent and not number.dash else column_kind
            if cell.kind == "text":
                continue
            cell.unit = number.unit or ("%" if cell.kind == "percent" else table.unit)
            cell.scale = MONEY_SCALES.get(cell.unit, 1)


def _text_columns(body: list[tuple[SourceLine, list[str], str, int]], width: int) -> set[int]:
    """Value columns that hold text in every full row (연번 | 전략목표 | …)."""
    full = [cells[1:] for _, cells, _, _ in body if len(cells) == width]
    if not full:
        return set()
    return {j for j in range(width - 1) if all(c[j].strip() and not _is_value(c[j]) for c in full)}


def _layout(header: list[list[str]], width: int) -> tuple[list[str], bool]:
    """Column names, and whether the header is known to fit the figures under it.

    Web pages flatten merged header cells: the spanning cell stays once and the cells under it
    move to the start of the next row (구분 | 2024년 | 2023년 / 예산액 | 구성비 | 예산액 | 구성비).
    """
    values = width - 1
    if not header:
        return [""] * values, True
    rows = [_stripped(h) for h in header]
    top = rows[0]
    internal_gaps = any(not c.strip() for c in top[1:])
    shifted = [r for r in rows[1:] if r and r[0].strip()]
    if len(rows) == 1 or (internal_gaps and not shifted):
        return _column_names(header, width), len(rows) == 1 or internal_gaps
    if len(rows) == 2 and not shifted and not internal_gaps:
        # 분야별 | 2026 | 2025 | 비교증감 over | 예산액 | 구성비 | 예산액 | 구성비 | 증감액 |
        # 증감률: each upper name spans as many lower ones as divide evenly.
        tops = [c.strip() for c in top[1:] if c.strip()]
        subs = [c.strip() for c in rows[1][1:]]
        if tops and len(subs) == values and values % len(tops) == 0 and values > len(tops):
            span = values // len(tops)
            return [f"{tops[i // span]}{PATH}{sub}" for i, sub in enumerate(subs)], True
    if len(rows) == 2 and shifted:
        tops = [c.strip() for c in top[1:]]
        subs = [c.strip() for c in rows[1]]
        extra = values - len(tops)
        spanning = len(subs) - extra
        if 1 <= spanning <= len(tops) and len(subs) % spanning == 0 and extra >= 0:
            span = len(subs) // spanning
            names = [
                f"{tops[i]}{PATH}{subs[i * span + k]}" for i in range(spanning) for k in range(span)
            ]
            names += tops[spanning:]
            if len(names) == values:
                return names, True
    return _column_names(header, width), False


def _share_columns(table: Table) -> set[int]:
    """Columns of shares (구성비) known by their figures: 100 on the total row, parts below."""
    shares = _rate_beside(table)
    totals = [r for r in table.rows if r.total == "계"]
    if not totals:
        return shares
    for j in range(len(table.columns)):
        if not totals or j >= len(totals[0].cells) or totals[0].cells[j].value != 100:
            continue
        others = [r.cells[j] for r in table.rows if not r.total and j < len(r.cells)]
        figures = [c for c in others if c.value is not None and not c.number.dash]  # type: ignore[union-attr]
        if figures and all(c.value <= 100 for c in figures) and any(c.places for c in figures):  # type: ignore[operator]
            shares.add(j)
    return shares


def _rate_beside(table: Table) -> set[int]:
    """A column under the same heading as the one before it, printed with decimals where that
    one has none (증 감 over 3,640 and 4.7): the change as a rate, its `%` lost from the
    flattened header."""
    rates: set[int] = set()
    for j in range(1, len(table.columns)):
        if not table.columns[j] or table.columns[j] != table.columns[j - 1]:
            continue
        here = [r.cells[j] for r in table.rows if j < len(r.cells) and r.cells[j].value is not None]
        before = [r.cells[j - 1] for r in table.rows if j - 1 < len(r.cells)]
        if (
            here
            and all(c.places > 0 and abs(c.value or Decimal(0)) <= 1000 for c in here)
            and all(c.places == 0 for c in before if c.value is not None)
        ):
            rates.add(j)
    return rates


_DOTTED_CELL = re.compile(r"[△▲▽\-−–]?\d{1,3}\.\d{3}")


def _dotted_thousands(table: Table) -> None:
    """Read 38.643 among whole grouped figures as the 38,643 it was meant to be, and mark it."""
    # Only a column with a figure of three places can hold one; most tables have none.
    suspected = {
        j
        for row in table.rows
        for j, cell in enumerate(row.cells)
        if cell.number and cell.number.places == 3
    }
    for j in sorted(suspected):
        if j >= len(table.columns):
            break
        cells = [r.cells[j] for r in table.rows if j < len(r.cells) and r.cells[j].number]
        grouped = [c for c in cells if "," in c.raw]
        whole = [c for c in cells if c.places == 0]
        if not grouped or len(whole) < max(2, len(cells) * 2 // 3):
            continue
        for cell in cells:
            number = cell.number
            if number and number.places == 3 and _DOTTED_CELL.fullmatch(cell.raw.strip()):
                cell.number = replace(number, value=number.value * 1000, places=0, dotted=True)


def _continues(previous: str, label: str) -> bool:
    return not previous.rstrip().endswith((")", "계")) and not label.strip().startswith(
        tuple(MARKERS)
    )


def _column_names(header: list[list[str]], width: int) -> list[str]:
    """Each value column's name, parent header cells carried over the columns they span."""
    names = [""] * max(width - 1, 0)
    for depth, cells in enumerate(header):
        last = ""
        for j in range(1, width):
            text = cells[j].strip() if j < len(cells) else ""
            if text:
                last = text
            elif depth < len(header) - 1:
                text = last
            if text and text not in names[j - 1].split(PATH):
                names[j - 1] = f"{names[j - 1]}{PATH}{text}" if names[j - 1] else text
    return names


def _rejoin(values: list[str], count: int) -> tuple[list[str], dict[int, list[list[str]]]]:
    """Cells split again where figures ran together, and for a run that can be read in several
    ways, its position and the readings, for the table to choose by its totals."""
    filled = [v for v in values if v.strip()]
    missing = count - len(filled)
    if missing <= 0:
        return values, {}
    runs = [
        i
        for i, v in enumerate(filled)
        if looks_numeric(v) and (parse_number(v) is None or v.count(".") > 1)
    ]
    long_digits = [i for i, v in enumerate(filled) if _LONG_DIGITS.fullmatch(v.strip())]
    candidates_at = runs or long_digits
    if len(candidates_at) != 1:
        return values, {}
    at = candidates_at[0]
    options = split_run(filled[at].strip(), missing + 1)
    if not options:
        return values, {}
    if len(options) == 1:
        return [*filled[:at], *options[0], *filled[at + 1 :]], {}
    return filled, {at: options}


def _resolve_runs(rows: list[Row]) -> None:
    """Choose among the readings of run-together figures the one the totals agree with: the
    row's own (계 = the rest), else the columns' (the total row = the rows above or below)."""
    for row in rows:
        for index, cell in enumerate(row.cells):
            if not cell.readings:
                continue
            chosen = _choose(cell.readings, row, index, rows)
            if chosen is None:
                continue  # kept as the text it is; malformed-number notes it
            row.cells[index : index + 1] = [Cell(v, cell.line, parse_number(v)) for v in chosen]


def _choose(
    options: Sequence[list[str]], row: Row, index: int, rows: list[Row]
) -> list[str] | None:
    def agrees(values: list[Decimal]) -> bool:
        if len(values) >= 3:
            if values[0] == sum(values[1:]) or values[-1] == sum(values[:-1]):
                return True
            if len(values) == 3 and values[0] - values[1] == values[2]:
                return True
        return False

    readings = []
    for option in options:
        read = [parse_number(v) for v in option]
        if all(n is not None for n in read):
            readings.append((option, [n.value for n in read if n is not None]))
    good = []
    for option, figures in readings:
        full = [c.value for c in row.cells[:index]] + figures
        full += [c.value for c in row.cells[index + 1 :]]
        known = [v for v in full if v is not None]
        if len(known) == len(full) and agrees(known):
            good.append(option)
    if len(good) == 1:
        return good[0]
    # The columns: a total row elsewhere in the table equal to the column's other rows plus
    # this reading, in every column the reading fills.
    totals = [r for r in rows if r.total == "계" and r is not row]
    if not totals or row.total:
        return None
    others = [r for r in rows if r is not row and not r.total and any(c.number for c in r.cells)]
    fitting = []
    for option, figures in readings:
        fits = True
        for k, figure in enumerate(figures):
            j = index + k
            total = totals[0].cells[j].value if j < len(totals[0].cells) else None
            column = [r.cells[j].value if j < len(r.cells) else None for r in others]
            if total is None or any(v is None for v in column):
                fits = False
                break
            if total != figure + sum((v for v in column if v is not None), Decimal(0)):
                fits = False
                break
        if fits:
            fitting.append(option)
    return fitting[0] if len(fitting) == 1 else None


def _one_cell_per_line(lines: Sequence[SourceLine], used: set[int]) -> list[Table]:
    """Tables exported one cell per line, re-assembled by the header's width."""
    tables: list[Table] = []
    run: list[SourceLine] = []
    # Such a table starts with a header cell alone on its line (구분); most documents have none.
    if not any(line.text.strip() in HEADER_WORDS for line in lines):
        return tables

    def single(text: str) -> bool:
        s = text.strip()
        return bool(s) and len(s) <= 30 and "\t" not in s and "|" not in s and "  " not in s

    def consider() -> None:
        if len(run) >= 6:
            table = _assemble(run, lines)
            if table is not None:
                tables.append(table)
                used.update(range(table.first_line, table.last_line + 1))
        run.clear()

    for line in lines:
        if single(line.text):
            run.append(line)
        elif not line.text.strip():
            continue
        else:
            consider()
    consider()
    return tables


def _pipe_cell_per_line(lines: Sequence[SourceLine], used: set[int]) -> list[Table]:
    """Tables a page's text gives one cell per line, each cell closed by its pipe, each row
    opened by one (`| 구분 |`, `2026 예산 |`, … `| 총 계 |`, `9,417 |`): rows put back together,
    every cell keeping the line it was printed on."""
    tables: list[Table] = []
    rows: list[list[tuple[SourceLine, str]]] = []

    def flush(index: int) -> None:
        if not rows:
            return
        kept = [(row, lone) for row, lone in zip(rows, lone_opened, strict=True) if row]
        rows[:] = [row for row, _ in kept]
        lone_opened[:] = [lone for _, lone in kept]
        if len(rows) >= 3:
            usual = _most_common(len(row) for row in rows)
            for row, lone in zip(rows, lone_opened, strict=True):
                if lone and len(row) == usual - 1:
                    row.insert(0, (row[0][0], ""))  # a header row under a spanning one
            block = [(row[0][0], [cell for _, cell in row], "pipe", 0) for row in rows]
            table = _build(block, lines, index)
            if table is not None:
                places = {
                    (row[0][0].number, k): line.number
                    for row in rows
                    for k, (line, _) in enumerate(row)
                }
                for built in table.rows:
                    for k, cell in enumerate(built.cells, 1):
                        cell.line = places.get((built.line, k), cell.line)
                tables.append(table)
                used.update(range(table.first_line, table.last_line + 1))
        rows.clear()
        lone_opened.clear()

    lone_opened: list[bool] = []
    opening = False  # a row opened by a lone `|`, its label on the next line
    for index, line in enumerate(lines):
        text = line.text.strip()
        pipes = text.count("|")
        if not text.endswith("|") or not (pipes == 1 or (pipes == 2 and text.startswith("|"))):
            flush(index)
            opening = False
            continue
        if text == "|":
            rows.append([])
            lone_opened.append(True)
            opening = True
            continue
        cell = text.strip("|").strip()
        if text.startswith("|") or opening or not rows:
            if not (opening and rows):
                rows.append([])
                lone_opened.append(False)
            rows[-1].append((line, cell))
            opening = False
        else:
            rows[-1].append((line, cell))
    flush(len(lines))
    return tables


@functools.lru_cache(maxsize=65536)
def _is_value(text: str) -> bool:
    s = text.strip()
    return s in DASHES or _numeric(s)


def _assemble(run: list[SourceLine], lines: Sequence[SourceLine]) -> Table | None:
    for start in range(len(run)):
        if run[start].text.strip() not in HEADER_WORDS:
            continue
        first_value = next((k for k in range(start + 1, len(run)) if _is_value(run[k].text)), None)
        if first_value is None:
            return None
        width = first_value - start - 1
        if width < 2:
            continue
        header = [sl.text.strip() for sl in run[start : start + width]]
        if any(_is_value(h) for h in header):
            continue
        rows: list[Row] = []
        position = start + width
        while position + width <= len(run):
            chunk = run[position : position + width]
            if _is_value(chunk[0].text) or not all(_is_value(c.text) for c in chunk[1:]):
                break
            label = chunk[0].text.strip()
            cells = [Cell(c.text.strip(), c.number, parse_number(c.text)) for c in chunk[1:]]
            rows.append(Row(normalise_label(label), cells, [c.number for c in chunk], 0, label))
            position += width
        if len(rows) < 2:
            continue
        first_index = _position(lines, run[start].number)
        caption, unit = _caption(lines, first_index)
        last = rows[-1].lines[-1]
        end_index = _position(lines, last) + 1
        table = Table(
            header=[header],
            rows=rows,
            caption=caption,
            unit=unit or unit_of(" ".join(header)),
            first_line=run[start].number,
            last_line=last,
            cut_off=_cut_off(lines, end_index),
            shape="cells",
        )
        table.columns = _column_names([header], width)
        _describe(table)
        _summarise(table)
        return table
    return None
