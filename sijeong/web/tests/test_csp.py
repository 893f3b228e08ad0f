"""Every page is served with a Content-Security-Policy that its own markup satisfies.

The browser tests see violations as they happen; this reads the markup of each page for what the
policy refuses (inline scripts, style attributes, inline styles without the request's nonce),
so that a template that breaks the policy is found without starting a browser.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.programs.models import Program
from sijeong.relations.models import Agreement
from sijeong.schedule.models import Event

pytestmark = pytest.mark.django_db


def policy(header: str) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def pages() -> list[str]:
    event = Event.objects.first()
    assert event is not None
    return [
        reverse("home") + "?as_of=2024-08-31",
        reverse("schedule:calendar") + "?month=2024-08",
        reverse("schedule:calendar") + "?view=week&date=2024-08-06",
        reverse("schedule:list"),
        reverse("schedule:detail", args=[event.pk]),
        reverse("schedule:create"),
        reverse("reports:list"),
        reverse("reports:detail", args=["secretariat-2024-09"]),
        reverse("ingest:list"),
        reverse("ingest:upload"),
        reverse("programs:tree"),
        reverse("programs:detail", args=[Program.objects.get(slug="step-free-stations").pk]),
        reverse("web:section", args=["언론"]),
        reverse("web:section", args=["조직·예산"]) + "?as_of=2024-08-31",
        reverse("web:records", args=["media"]),
        reverse("web:record", args=["agreements", Agreement.objects.first().pk]),  # type: ignore[union-attr]
    ]


def test_the_policy_allows_no_inline_script_or_style(client):
    response = client.get(reverse("login"))
    directives = policy(response["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_every_page_keeps_to_the_policy(seed_people):
    client = logged_in(seed_people["editor"])
    for url in pages():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        assert 'style="' not in html, url
        assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == [], url
        for tag in re.findall(r"<style[^>]*>", html):
            assert nonce is not None and f'nonce="{nonce.group(1)}"' in tag, (url, tag)
