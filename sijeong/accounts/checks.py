"""System checks of accounts: a served instance (DEBUG off) must not have the demo logins.

Django runs the check before `runserver`, `migrate`, `check` and most commands; `wsgi.py`
runs it before serving, since gunicorn and granian run no checks of their own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection

from sijeong.accounts.demo import usable_demo_users
from sijeong.accounts.models import User

REMOVE_COMMAND = "python manage.py create_demo_users --remove"


def demo_users_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    try:
        if User._meta.db_table not in connection.introspection.table_names():
            return []  # not migrated yet: no users at all
        names = [user.username for user in usable_demo_users()]
    except DatabaseError:  # no database to ask: whatever runs next says so itself
        return []
    if not names:
        return []
    return [
        Error(
            f"DEBUG가 꺼져 있는데 데모 사용자({', '.join(names)})가 있습니다. 이들의 비밀번호는 "
            "README에 공개되어 있어 누구나 로그인할 수 있으므로 서버를 시작하지 않습니다.",
            hint=f"`{REMOVE_COMMAND}`로 데모 사용자를 지운 뒤 다시 시작하세요.",
            id="accounts.E001",
        )
    ]


def refuse_to_serve_with_demo_users() -> None:
    """For the WSGI entry point: stop before serving when the check finds demo users."""
    errors = demo_users_check()
    if errors:
        raise ImproperlyConfigured(f"{errors[0].msg} {errors[0].hint}")
