"""What every benchmark shares: Django on a throw-away SQLite database (never var/), migrated,
and the median of timed runs. Importing it sets Django up."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sijeong.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def median_seconds(action: Callable[[], Any], runs: int = RUNS) -> float:
    """Median seconds of `runs` calls after one warm-up (fonts, caches, compiled patterns)."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
