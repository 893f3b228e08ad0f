#!/usr/bin/env python3
"""Recompute the arithmetic of every corpus document and compare with its annotations.

Standalone (stdlib only, no import of sijeong). Each ``NNN_slug.txt`` has a ``NNN_slug.toml``
holding metadata, the annotations (``[[defects]]``, ``[[rounding]]``, ``clean``) and small
hand-written check specs that say which printed figures belong together:

  [[sums]]        total = "L:C", parts = ["L:C", ...]          total == sum(parts)
  [[rates]]       num = "L:C", den = "L:C", rate = "L:C"       rate == num / den * 100
                  (scale = 1 for a plain ratio; num or den may be a list of cells, summed;
                  num_minus = "L:C" makes a growth rate: (num − num_minus) / den * 100;
                  den_minus = "L:C" divides by the earlier figure: num / (den − den_minus) * 100)
  [[diffs]]       a = "L:C", minus = ["L:C", ...], result = "L:C"   result == a - sum(minus)
  [[dates]]       line = L, date = "YYYY-MM-DD" (as printed, may be impossible), weekday = "월"
  [[spans]]       start = "YYYY-MM-DD", end = "YYYY-MM-DD", days = "L:C"   days == end − start + 1
  [[duplicates]]  lines = [L1, L2]                               the two rows carry the same figures
  [[cumulative]]  cum = "L:C", part = "L:C"                      cum >= part
  [[unitslips]]   a, minus, result as in diffs, factor = 1000    result is factor × (a − minus)
  [[malformed]]   line = L, text = "38.643"                      a period for a thousands comma,
                                                                 a comma for a decimal ("37,6%"),
                                                                 or one Korean unit twice in an
                                                                 amount ("72억 1838억원")

A document with ``run_together = true`` has cells printed without a space between them; its
numbers are split by their comma grouping ("2,669,758191,05414.0" is 2,669,758 / 191,054 / 14.0);
``run_together = 2`` also splits decimals printed with two digits ("3.3612.08" is 3.36 / 12.08).
A cell "L:C" is the C-th (0-based) number printed on line L (1-based); "L:kC" is the C-th Korean
amount (e.g. ``6,396억 3천9백만원``) on line L; "L+M:..." reads lines L to M joined by spaces;
"L:C~" reads a number printed with periods for thousands commas ("38.643") as 38,643;
"L:C!" reads the C-th run of digits and commas on line L with its commas dropped, for a figure
whose comma is out of place ("1091,930" as 1,091,930).
``python annotate.py --show NNN`` lists every line with its numbered cells.

An entry of ``[[defects]]`` or ``[[rounding]]`` with ``by_hand = "reason"`` has no spec (the same
figure printed twice with two values, a unit stated wrongly in a header, figures no cell can
address): it is listed with its reason and not counted as a disagreement.

A stated figure that differs from the computed one by no more than one unit of its last printed
digit is rounding (``[[rounding]]``), anything larger is a defect. A spec with
``rounded_inputs = true`` says its inputs are themselves rounded (amounts in 백만원 taken from
원): then a stated figure that some inputs within half a unit of the printed ones would give is
rounding as well. A spec with ``exact = true`` sums counts (명, 개, 교), which are never rounded:
any gap is a defect there, even a gap of one. The script prints every
mismatch and exits 1 when what it derives differs from what the TOML files record.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
WEEKDAYS = "월화수목금토일"

# A printed number: optional negative mark (△ ▲ - −), digits with thousands commas, decimals, %.
NUMBER = re.compile(r"(?<![\d.,])([△▲\-−]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%)?")
# The same without the guard before it: splits cells printed run together ("2,669,758191,05414.0"
# reads 2,669,758 / 191,054 / 14.0); used for documents with run_together = true.
NUMBER_RUN = re.compile(r"([△▲\-−]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%)?")
# A Korean amount: digits and 조/억/만/천/백/십 ending in 원, containing at least 억 or 만 or 조.
KAMOUNT = re.compile(r"[\d,]+\s*(?:조|억|만|천|백)[\d,조억만천백십\s]*원")


def numbers(line: str, run_together: bool | int = False) -> list[tuple[Decimal, int, str]]:
    """(value, decimals printed, text) of each number on a line."""
    out = []
    pattern = NUMBER
    if run_together is True:
        pattern = NUMBER_RUN
    elif run_together:
        # run_together = 2: decimals printed with exactly two digits ("3.3612.08" is 3.36 / 12.08)
        places = rf"(\.\d{{{run_together}}})?"
        pattern = re.compile(NUMBER_RUN.pattern.replace(r"(\.\d+)?", places))
    for m in pattern.finditer(line):
        sign, digits, frac, _pct = m.groups()
        value = Decimal(digits.replace(",", "") + (frac or ""))
        if sign:
            value = -value
        out.append((value, len(frac) - 1 if frac else 0, m.group(0)))
    return out


def _small(chunk: str) -> tuple[int, int]:
    """Value of a group below 만 ("3천9백", "1,725", "9천 ") and its smallest printed unit."""
    chunk = chunk.replace(" ", "").replace(",", "")
    total, unit = 0, 1
    for digits, mark in re.findall(r"(\d*)([천백십]?)", chunk):
        if not digits and not mark:
            continue
        mult = {"천": 1000, "백": 100, "십": 10, "": 1}[mark]
        total += int(digits or 1) * mult
        unit = mult
    return total, unit


def korean_amount(text: str) -> tuple[Decimal, Decimal]:
    """Value in 원 of a Korean amount and the value of its last printed digit."""
    body = text.rstrip("원").strip()
    value, last = 0, 1
    for part, big in re.findall(r"([^조억만]*)(조|억|만|$)", body):
        if not part.strip() and not big:
            continue
        mult = {"조": 10**12, "억": 10**8, "만": 10**4, "": 1}[big]
        small, unit = _small(part) if part.strip() else (0, 1)
        value += small * mult
        if part.strip():
            last = unit * mult
    return Decimal(value), Decimal(last)


def kamounts(line: str) -> list[tuple[Decimal, Decimal, str]]:
    return [(*korean_amount(m.group(0)), m.group(0)) for m in KAMOUNT.finditer(line)]


class Doc:
    def __init__(self, txt: Path):
        self.name = txt.stem
        self.lines = txt.read_text(encoding="utf-8").split("\n")
        toml = txt.with_suffix(".toml")
        self.meta = tomllib.loads(toml.read_text(encoding="utf-8")) if toml.exists() else {}
        self.run = self.meta.get("run_together", False)

    def total(self, refs: str | list[str]) -> tuple[Decimal, Decimal]:
        """Value of one cell, or the sum of a list of cells, with the unit of its last digit."""
        cells = [self.cell(r) for r in ([refs] if isinstance(refs, str) else refs)]
        return sum(c[0] for c in cells), max(c[1] for c in cells)

    def cell(self, ref: str) -> tuple[Decimal, Decimal, int, str]:
        """(value, one unit of its last printed digit, line, text) of a cell reference."""
        try:
            return self._cell(ref)
        except IndexError:
            raise IndexError(f"no cell {ref}") from None

    def _cell(self, ref: str) -> tuple[Decimal, Decimal, int, str]:
        line_s, col_s = ref.split(":")
        # "24+26:k0" reads lines 24 to 26 joined by spaces (an amount wrapped onto the next line)
        first, _, last = line_s.partition("+")
        line = int(first)
        text = " ".join(self.lines[line - 1 : int(last or first)])
        if col_s.startswith("k"):
            value, unit, shown = kamounts(text)[int(col_s[1:])]
            return value, unit, line, shown
        if col_s.endswith("!"):
            # digits with a comma out of place ("1091,930" for 1,091,930): the C-th run of digits
            # and commas on the line, read without its commas
            shown = re.findall(r"\d[\d,]*\d|\d", text)[int(col_s[:-1])]
            return Decimal(shown.replace(",", "")), Decimal(1), line, shown
        if col_s.endswith("~"):
            # a figure printed with a period where the thousands comma was meant ("38.643")
            shown = numbers(text, self.run)[int(col_s[:-1])][2]
            return Decimal(re.sub(r"[^\d]", "", shown)), Decimal(1), line, shown
        value, decimals, shown = numbers(text, self.run)[int(col_s)]
        return value, Decimal(1).scaleb(-decimals), line, shown


def fmt(d: Decimal) -> str:
    s = f"{d:,f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def compare(
    found: list,
    kind: str,
    code: str,
    line: int,
    stated: Decimal,
    computed: Decimal,
    unit: Decimal,
    note: str,
) -> None:
    gap = abs(stated - computed)
    if kind == "rate":
        # a rate is right when it is the computed value rounded to the printed precision
        if gap <= unit / 2:
            return
    elif gap == 0:
        return
    verdict = "rounding" if gap <= unit else code
    found.append((line, verdict, note))


def check(doc: Doc) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    m = doc.meta
    for s in m.get("sums", []):
        total, unit, line, _shown = doc.cell(s["total"])
        parts = [doc.cell(p) for p in s["parts"]]
        computed = sum(p[0] for p in parts)
        note = " + ".join(fmt(p[0]) for p in parts) + f" = {fmt(computed)} (적힌 값 {fmt(total)})"
        if s.get("rounded_inputs") and total != computed:
            # parts printed rounded: the sum may drift by half a unit of each part and of the total
            slack = sum(p[1] for p in parts) / 2 + unit / 2
            if abs(total - computed) <= slack:
                found.append((line, "rounding", note))
                continue
        if s.get("exact") and total != computed:
            # counts (명, 개, 교) are exact: no rounding can explain even a gap of one
            found.append((line, "total-mismatch", note))
            continue
        compare(found, "sum", "total-mismatch", line, total, computed, unit, note)
    for r in m.get("rates", []):
        (num, nu), (den, du) = doc.total(r["num"]), doc.total(r["den"])
        if "num_minus" in r:  # a growth rate: (this year − last year) ÷ last year
            num -= doc.total(r["num_minus"])[0]
        if "den_minus" in r:  # a change ÷ the figure before it, printed as the new figure − change
            den -= doc.total(r["den_minus"])[0]
        rate, unit, line, _shown = doc.cell(r["rate"])
        scale = Decimal(str(r.get("scale", 100)))
        computed = num / den * scale
        q = unit if unit < 1 else Decimal(1)
        note = (
            f"{fmt(num)} ÷ {fmt(den)} = {fmt(computed.quantize(q / 100))}% (적힌 값 {fmt(rate)}%)"
        )
        if r.get("rounded_inputs") and abs(rate - computed) > unit / 2:
            # figures printed rounded: any value within half a unit of each could give the rate
            ends = [
                (num + a * nu / 2) / (den + b * du / 2) * scale for a in (-1, 1) for b in (-1, 1)
            ]
            if min(ends) - unit / 2 <= rate <= max(ends) + unit / 2:
                found.append((line, "rounding", note + " — 반올림된 금액 기준으로는 가능한 값"))
                continue
        compare(found, "rate", "rate-mismatch", line, rate, computed, unit, note)
    for d in m.get("diffs", []):
        a = doc.cell(d["a"])[0]
        minus = [doc.cell(x)[0] for x in d["minus"]]
        result, unit, line, _shown = doc.cell(d["result"])
        computed = a - sum(minus)
        note = (
            f"{fmt(a)} − "
            + " − ".join(fmt(x) for x in minus)
            + f" = {fmt(computed)} (적힌 값 {fmt(result)})"
        )
        compare(found, "diff", "difference-mismatch", line, result, computed, unit, note)
    for u in m.get("unitslips", []):
        a = doc.cell(u["a"])[0]
        minus = [doc.cell(x)[0] for x in u["minus"]]
        result, unit, line, _shown = doc.cell(u["result"])
        computed = a - sum(minus)
        factor = Decimal(str(u["factor"]))
        if result != computed and abs(result / factor - computed) <= 1:
            found.append(
                (
                    line,
                    "unit-slip",
                    f"{fmt(a)} − "
                    + " − ".join(fmt(x) for x in minus)
                    + f" = {fmt(computed)} (적힌 값 {fmt(result)}, {fmt(factor)}배)",
                )
            )
    for mf in m.get("malformed", []):
        text = doc.lines[mf["line"] - 1]
        # a period used as a thousands separator: 38.643 in a column of whole numbers
        if mf["text"] in text and re.fullmatch(r"\d{1,3}(\.\d{3})+", mf["text"]):
            found.append(
                (mf["line"], "malformed-number", f"{mf['text']}: 천 단위 쉼표 자리에 마침표")
            )
        elif mf["text"] in text and re.fullmatch(r"\d+,\d{1,2}%?", mf["text"]):
            found.append((mf["line"], "malformed-number", f"{mf['text']}: 소수점 자리에 쉼표"))
        elif mf["text"] in text and re.fullmatch(
            r"[\d,]+(조|억|만)\s*(?:[\d,]+[천백십])*[\d,]*\1원?", mf["text"]
        ):
            # the same Korean unit twice in one amount ("72억 1838억원" for 72조 1838억원,
            # "56만4천만원" for 56만4천원)
            unit = re.fullmatch(r"[\d,]+(조|억|만).*", mf["text"]).group(1)
            note = f"{mf['text']}: 한 금액에 {unit}이 두 번"
            found.append((mf["line"], "malformed-number", note))
    for c in m.get("cumulative", []):
        cum, _, line, _ = doc.cell(c["cum"])
        part = doc.cell(c["part"])[0]
        if cum < part:
            found.append((line, "cumulative-smaller", f"누계 {fmt(cum)} < 부분 {fmt(part)}"))
    for d in m.get("dates", []):
        y, mo, da = (int(x) for x in d["date"].split("-"))
        try:
            day = dt.date(y, mo, da)
        except ValueError:
            found.append((d["line"], "impossible-date", f"{y}년 {mo}월 {da}일은 없는 날짜"))
            continue
        if "weekday" in d and WEEKDAYS[day.weekday()] != d["weekday"]:
            found.append(
                (
                    d["line"],
                    "weekday-mismatch",
                    f"{y}. {mo}. {da}.은 {WEEKDAYS[day.weekday()]}요일 (적힌 요일 {d['weekday']})",
                )
            )
    for sp in m.get("spans", []):
        # a period's length in days, counting both ends: 1.14 ~ 1.18 is 5 days
        start, end = (dt.date.fromisoformat(sp[k]) for k in ("start", "end"))
        days, _, line, _ = doc.cell(sp["days"])
        computed = (end - start).days + 1
        if days != computed:
            found.append(
                (
                    line,
                    "difference-mismatch",
                    f"{start:%m.%d} ~ {end:%m.%d} = {computed}일 (적힌 값 {fmt(days)}일)",
                )
            )
    for dup in m.get("duplicates", []):
        a, b = (numbers(doc.lines[n - 1], doc.run) for n in dup["lines"])
        if [x[0] for x in a] == [x[0] for x in b] and a:
            found.append((dup["lines"][1], "duplicate-row", f"{dup['lines'][0]}행과 같은 행"))
    return found


def recorded(doc: Doc) -> set[tuple[int, str]]:
    """What the TOML records and a spec must derive: all but the entries marked `by_hand`
    (a restatement, a unit in a header, figures no cell can address), whose reason is shown."""
    out = {(d["line"], d["code"]) for d in doc.meta.get("defects", []) if "by_hand" not in d}
    out |= {(r["line"], "rounding") for r in doc.meta.get("rounding", []) if "by_hand" not in r}
    return out


def by_hand(doc: Doc) -> list[str]:
    entries = [*doc.meta.get("defects", []), *doc.meta.get("rounding", [])]
    return [
        f"{e['line']}: {e.get('code', 'rounding')}: checked by hand: {e['by_hand']}"
        for e in entries
        if "by_hand" in e
    ]


def show(doc: Doc) -> None:
    for i, text in enumerate(doc.lines, 1):
        nums = numbers(text, doc.run)
        ks = kamounts(text)
        cells = " ".join(f"[{j}]{n[2].strip()}" for j, n in enumerate(nums))
        kcells = " ".join(f"[k{j}]{k[2]}={fmt(k[0])}" for j, k in enumerate(ks))
        print(f"{i:4} {text[:60]!r}\n       {cells} {kcells}")


def main(argv: list[str]) -> int:
    docs = [Doc(p) for p in sorted(HERE.glob("[0-9][0-9][0-9]_*.txt"))]
    if len(argv) > 2 and argv[1] == "--show":
        for d in docs:
            if d.name.startswith(argv[2]):
                show(d)
        return 0
    bad = 0
    for doc in docs:
        try:
            found = check(doc)
        except (IndexError, ValueError, KeyError) as exc:
            print(f"{doc.name}: BAD SPEC: {exc!r}")
            bad += 1
            continue
        derived = {(line, code) for line, code, _ in found}
        rec = recorded(doc)
        for line, code, note in found:
            print(f"{doc.name}:{line}: {code}: {note}")
        for entry in by_hand(doc):
            print(f"{doc.name}:{entry}")
        problems = []
        if derived != rec:
            problems.append(
                f"derived {sorted(derived - rec)} not recorded; "
                f"recorded {sorted(rec - derived)} not derived"
            )
        clean = doc.meta.get("clean", False)
        has_defects = bool(doc.meta.get("defects"))
        if clean == has_defects:
            problems.append(f"clean = {clean} but {len(doc.meta.get('defects', []))} defects")
        for p in problems:
            print(f"{doc.name}: DISAGREES: {p}")
            bad += 1
    print(f"{len(docs)} documents, {bad} disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
