"""The request's Content-Security-Policy nonce, for the few inline <style> elements we write."""

from __future__ import annotations

from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> str:
    """The nonce django-csp's middleware puts in this response's policy header."""
    # The middleware sets the attribute on every request; django-stubs does not know it.
    return str(request.csp_nonce)  # type: ignore[attr-defined]
