"""The 400 page, rendered with the request so that it keeps the site's navigation.

Django's own bad_request view renders 400.html without the request (no menu, no user) and
without the reason; a BadInput's Korean reason is what tells a person what to type instead.
The 403, 404 and 500 pages need no view of their own: Django renders 403.html and 404.html
with the request, and 500.html with nothing at all, which is what a page shown after an
unknown failure should depend on.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from sijeong.core.errors import BadInput


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django's own 400s (a suspicious host, a body too large) carry English reasons meant for
    # the log; only ours are shown.
    reason = str(exception) if isinstance(exception, BadInput) else ""
    return render(request, "400.html", {"reason": reason}, status=400)
