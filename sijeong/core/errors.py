"""Errors a person can cause and fix, with the Korean message the error page shows them."""

from __future__ import annotations

from django.core.exceptions import BadRequest


class BadInput(BadRequest):
    """A request whose parameters cannot be read (a date that is no date, a year 9999).

    Django answers it with 400; the 400 page shows the message, which is Korean and says what
    to type instead. Other 400s (Django's own, in English) get the page's general text.
    """
