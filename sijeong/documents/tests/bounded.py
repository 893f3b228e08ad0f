"""What reading a hostile file cost: the readers' caps are asserted in CPU time and memory."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import Any

from sijeong.documents.reading.model import ReadError


def within_bounds(function: Callable[..., Any], *args: Any) -> tuple[Any, float, float]:
    """Run and return (result or the ReadError, CPU seconds, growth of peak memory in MB)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    try:
        result = function(*args)
    except ReadError as error:
        result = error
    seconds = time.process_time() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return result, seconds, grown
