"""Helpers shared by the test suites: the reference document, logins."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.test import Client

# The password of every user the test fixtures make, for tests that log in through the form.
PASSWORD = "password-for-tests"

REFERENCE_DIR = Path(
    os.environ.get("SIJEONG_REFERENCE_DIR", Path(__file__).resolve().parents[3] / "shared" / "seed")
)


def reference_available() -> bool:
    return REFERENCE_DIR.is_dir() and any(REFERENCE_DIR.glob("*.txt"))


def reference_text() -> str:
    """The text of the reference work report (the first .txt under the reference folder)."""
    path = sorted(REFERENCE_DIR.glob("*.txt"))[0]
    return path.read_text(encoding="utf-8")


def logged_in(user: Any) -> Client:
    """A test client with `user` logged in."""
    client = Client()
    client.force_login(user)
    return client
