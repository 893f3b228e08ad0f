"""WSGI entry point. It refuses to serve while the demo logins exist with DEBUG off (the
servers that load it run no system checks)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sijeong.settings")

application = get_wsgi_application()

import datetime  # noqa: E402
from importlib import import_module  # noqa: E402
from pathlib import Path  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402 (needs apps)
from django.template.loader import get_template  # noqa: E402

from sijeong.accounts.checks import refuse_to_serve_with_demo_users  # noqa: E402
from sijeong.core.formatting import holiday_name  # noqa: E402

refuse_to_serve_with_demo_users()
# gunicorn loads this module once and forks its workers from it (preload_app): what would
# otherwise be loaded on each worker's first request is loaded here once — the views and what
# they import (the solver, the typesetter), every template compiled, the holiday tables (whose
# package imports hundreds of modules on first use) — and no worker may inherit the
# connection the check above opened.
import_module(settings.ROOT_URLCONF)
for folder in [
    Path(settings.BASE_DIR) / "sijeong/templates",
    *Path(settings.BASE_DIR).glob("sijeong/*/templates"),
]:
    for template in folder.rglob("*.html"):
        get_template(template.relative_to(folder).as_posix())
holiday_name(datetime.date.today())
connections.close_all()
