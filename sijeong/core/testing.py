"""Helpers shared by the test suites: where the reference document lives."""

from __future__ import annotations

import os
from pathlib import Path

REFERENCE_DIR = Path(
    os.environ.get("SIJEONG_REFERENCE_DIR", Path(__file__).resolve().parents[3] / "shared" / "seed")
)


def reference_available() -> bool:
    return REFERENCE_DIR.is_dir() and any(REFERENCE_DIR.glob("*.txt"))


def reference_text() -> str:
    """The text of the reference work report (the first .txt under the reference folder)."""
    path = sorted(REFERENCE_DIR.glob("*.txt"))[0]
    return path.read_text(encoding="utf-8")
