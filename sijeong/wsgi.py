"""WSGI entry point. It refuses to serve while the demo logins exist with DEBUG off (the
servers that load it run no system checks)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sijeong.settings")

application = get_wsgi_application()

from importlib import import_module  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402 (needs apps)

from sijeong.accounts.checks import refuse_to_serve_with_demo_users  # noqa: E402

refuse_to_serve_with_demo_users()
# gunicorn loads this module once and forks its workers from it (preload_app): the views and
# what they import (the solver, the typesetter) are then loaded once, not on each worker's
# first request, and no worker may inherit the connection the check above opened.
import_module(settings.ROOT_URLCONF)
connections.close_all()
