"""The checks of the checker, one module each, found by their code.

A check is a function of a Document (its numbered lines and the tables read from them) that
yields Findings. `@check("total-mismatch")` registers it, as report renderers are registered.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypeVar

from sijeong.documents.reading.text import SourceLine

from ..findings import INFO, Finding
from ..tables import Table, read_tables


@dataclass
class Document:
    """The numbered lines, the tables read from them, and the lines joined into one text, so
    that a check can run one pattern over the whole document instead of one per line."""

    lines: list[SourceLine]
    tables: list[Table] = field(default_factory=list)
    text: str = ""
    starts: list[int] = field(default_factory=list)
    # What several checks derive from the whole text once (the Korean amounts it states).
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, lines: list[SourceLine]) -> Document:
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += len(line.text) + 1
        return cls(lines, read_tables(lines), "\n".join(line.text for line in lines), starts)

    def line_at(self, offset: int) -> SourceLine:
        """The line the character at `offset` of `text` is on."""
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]

    def lines_with(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, SourceLine]]:
        """(index, line) of each line `pattern` is found on, in order: one scan of the text
        instead of a test of every line. `pattern` must not match across a line break."""
        text, starts = self.text, self.starts
        match = pattern.search(text)
        while match:
            index = bisect.bisect_right(starts, match.start()) - 1
            yield index, self.lines[index]
            match = pattern.search(text, starts[index] + len(self.lines[index].text) + 1)


def preceded(text: str, match: re.Match[str], chars: str) -> bool:
    """Whether the character before `match` is one of `chars`. Checked here rather than with
    a look-behind, which would cost the pattern its fast scan for its first character."""
    return match.start() > 0 and text[match.start() - 1] in chars


def lines_containing(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text` with `needle` in it: a pattern that cannot match
    without a rare character then scans only those lines, not the whole text."""
    at = text.find(needle)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        yield start, end
        at = text.find(needle, end)


def inline(pattern: str) -> re.Pattern[str]:
    """A pattern for `Document.text` that never matches across a line break: its \\s (outside
    character classes) may only be a space or a tab."""
    return re.compile(pattern.replace(r"\s", r"[ \t]"))


Check = Callable[[Document], Iterable[Finding]]
CHECKS: dict[str, Check] = {}
F = TypeVar("F", bound=Check)


def check(name: str) -> Callable[[F], F]:
    def register(function: F) -> F:
        CHECKS[name] = function
        return function

    return register


@functools.cache
def _load() -> None:
    """Every check module, not only those something imported by name."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


# Checks that find what others may already have said in their own words: run last, and a
# finding of theirs is kept only where no other check found the same code on the same line,
# nor the same stated figure (a growth rate is a difference's finding, not a rate's).
SECONDARY = ("relations",)


def run(document: Document, without: tuple[str, ...] = ()) -> list[Finding]:
    """Every finding of every check but those `without` names, in line order, one per (line,
    code, message)."""
    _load()
    seen: set[tuple[int, str, str]] = set()
    found: list[Finding] = []
    names = [name for name in CHECKS if name not in SECONDARY] + [
        name for name in SECONDARY if name in CHECKS
    ]
    names = [name for name in names if name not in without]
    for name in names:
        said: set[tuple[int, object]] = set()
        if name in SECONDARY:
            said = {(f.line, f.code) for f in found}
            said |= {(f.line, value) for f in found for value in f.values}
        for finding in CHECKS[name](document):
            key = (finding.line, finding.code, finding.message)
            stated = finding.values[-1] if finding.values else None
            if key in seen or said & {(finding.line, finding.code), (finding.line, stated)}:
                continue
            seen.add(key)
            found.append(finding)
    if _DECLARED_ROUNDING.search(document.text):
        found = [_declared(finding) for finding in found]
    return sorted(found, key=lambda f: (f.line, f.code))


# A document that warns its sums may be off by rounding (※ 단수조정으로 상이할 수 있음).
_DECLARED_ROUNDING = re.compile(
    r"(?:반올림|단수\s*(?:조정|처리|차이)|끝자리).{0,30}(?:상이|차이|다를|불일치|맞지)"
)


def _declared(finding: Finding) -> Finding:
    """A sum or difference off by no more than one unit per part, in a document that says its
    figures were rounded: what it warned of, so 참고."""
    if finding.code not in ("total-mismatch", "difference-mismatch") or len(finding.values) < 3:
        return finding
    *parts, computed, stated = finding.values
    unit = Decimal(1).scaleb(min(stated.as_tuple().exponent, 0))  # type: ignore[arg-type]
    if finding.severity == INFO or abs(stated - computed) > unit * len(parts):
        return finding
    return replace(finding, severity=INFO, message=f"{finding.message} — 문서가 밝힌 반올림 차이")
