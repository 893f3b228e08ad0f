"""WSGI entry point. It refuses to serve while the demo logins exist with DEBUG off (the
servers that load it run no system checks)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sijeong.settings")

application = get_wsgi_application()

from sijeong.accounts.checks import refuse_to_serve_with_demo_users  # noqa: E402 (needs apps)

refuse_to_serve_with_demo_users()
