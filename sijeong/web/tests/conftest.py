"""What the web tests share: a media record of the cast's office to open, edit and save."""

from __future__ import annotations

import datetime

import pytest

from sijeong.core.models import Department, Office
from sijeong.press.models import MediaEngagement


@pytest.fixture
def briefing(office: Office, department: Department) -> MediaEngagement:
    return MediaEngagement.objects.create(
        office=office, department=department, kind="briefing",
        date=datetime.date(2024, 7, 11), title="국가상징공간 조성",
    )  # fmt: skip
