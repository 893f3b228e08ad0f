"""What the checker says about a document: one finding per suspicious figure, at its line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sijeong.core.findings import Severity
from sijeong.core.formatting import format_number, round_half_up

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
__all__ = ["ERROR", "INFO", "WARNING", "Finding", "Severity", "mismatch_severity", "shown"]


@dataclass(frozen=True)
class Finding:
    """A figure that does not add up (검산 결과): where, how sure, which check, the arithmetic
    in Korean, and the numbers compared. Unlike core's Finding it points at a line of a
    document, not at a record."""

    line: int
    severity: Severity
    code: str
    message: str
    values: tuple[Decimal, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "severity": self.severity.label,
            "code": self.code,
            "message": self.message,
            "values": [_plain(v) for v in self.values],
        }


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def shown(value: Decimal, places: int = 0) -> str:
    """A figure as the message prints it: grouped, at the places it is compared at."""
    if places:
        return f"{round_half_up(value, places):,f}"
    return format_number(
        value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    )


def mismatch_severity(stated: Decimal, computed: Decimal, places: int) -> Severity | None:
    """None when they agree; 참고 within one unit of the last printed digit (rounding or
    truncation by the writer), 오류 beyond."""
    difference = abs(stated - computed)
    if difference == 0:
        return None
    if difference <= Decimal(1).scaleb(-places):
        return INFO
    return ERROR
