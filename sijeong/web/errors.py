"""The 400 page, rendered with the request so that it keeps the site's navigation, and the
500 page, which tells a database that cannot be reached (503) from any other failure.

Django's own bad_request view renders 400.html without the request (no menu, no user) and
without the reason; a BadInput's Korean reason is what tells a person what to type instead.
The 403 and 404 pages need no view of their own: Django renders 403.html and 404.html with the
request. 500.html and 503.html are rendered with nothing at all, which is what a page shown
after an unknown failure — or with the database gone — should depend on.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from sijeong.core.errors import BadInput

# Seconds a client is asked to wait before trying again when the database is out of reach.
RETRY_AFTER = 30


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django's own 400s (a suspicious host, a body too large) carry English reasons meant for
    # the log; only ours are shown.
    reason = str(exception) if isinstance(exception, BadInput) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called while the failure is being handled (`sys.exc_info()`).

    A connection to the database that failed or was lost (psycopg's and sqlite3's
    OperationalError; InterfaceError once the connection is closed) is the service being
    unavailable, not a fault of the page: 503 with Retry-After, so that a person — or a load
    balancer — tries again. Whatever the request had written is rolled back (AtomicWrites).
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
