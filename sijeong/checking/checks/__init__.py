"""The checks of the checker, one module each, found by their code.

A check is a function of a Document (its numbered lines and the tables read from them) that
yields Findings. `@check("total-mismatch")` registers it, as report renderers are registered.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from sijeong.ingest.reading import SourceLine

from ..findings import Finding
from ..tables import Table, read_tables


@dataclass
class Document:
    lines: list[SourceLine]
    tables: list[Table] = field(default_factory=list)

    @classmethod
    def of(cls, lines: list[SourceLine]) -> Document:
        return cls(lines, read_tables(lines))


Check = Callable[[Document], Iterable[Finding]]
CHECKS: dict[str, Check] = {}
F = TypeVar("F", bound=Check)


def check(name: str) -> Callable[[F], F]:
    def register(function: F) -> F:
        CHECKS[name] = function
        return function

    return register


def _load() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def run(document: Document) -> list[Finding]:
    """Every finding of every check, in line order, one per (line, code, message)."""
    if not CHECKS:
        _load()
    seen: set[tuple[int, str, str]] = set()
    found: list[Finding] = []
    for function in CHECKS.values():
        for finding in function(document):
            key = (finding.line, finding.code, finding.message)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return sorted(found, key=lambda f: (f.line, f.code))
