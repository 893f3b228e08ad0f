"""What the benchmarks that start a server share with the tests that do: a free loopback port,
and waiting for it (sijeong.core.testing)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sijeong.core.testing import free_port, wait_for

__all__ = ["free_port", "wait_for"]
