"""The demo logins (one per role, passwords published in the README): which users they are.

They are for development only: `create_demo_users` makes them with DEBUG on, and with DEBUG
off the system check in `checks` refuses to serve while any of them can still log in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import check_password
from django.db.models import ProtectedError

from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, PLANNER, VIEWER

# The mark of a user the command made: `.invalid` is reserved (RFC 2606), so no one receives
# mail there and no real account has it.
DEMO_EMAIL_DOMAIN = "demo.sijeong.invalid"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str


# Fixed passwords, printed and named in the README, so that whoever tries the back office
# can log in again after a restart without reading the terminal.
DEMO_LOGINS = (
    DemoLogin(ADMIN, "admin", "sijeong-admin"),
    DemoLogin(PLANNER, "planner", "sijeong-planner"),
    DemoLogin(EDITOR, "editor", "sijeong-editor"),
    DemoLogin(VIEWER, "viewer", "sijeong-viewer"),
)


def demo_email(login: DemoLogin) -> str:
    return f"{login.username}@{DEMO_EMAIL_DOMAIN}"


def demo_users() -> list[User]:
    """Users that are demo logins: marked by the command, or — made before it marked them —
    a demo name that still has its published password. A real "admin" with a password of
    their own is neither."""
    published = {login.username: login.password for login in DEMO_LOGINS}
    return [
        user
        for user in User.objects.filter(username__in=published).order_by("username")
        if user.email.endswith(f"@{DEMO_EMAIL_DOMAIN}")
        # The bare hasher check: User.check_password would save an upgraded hash.
        or check_password(published[user.username], user.password)
    ]


def usable_demo_users() -> list[User]:
    """The demo users who can still log in."""
    return [user for user in demo_users() if user.is_active and user.has_usable_password()]


def remove_demo_users() -> tuple[list[str], list[str]]:
    """Delete the demo users; one that is named as having done something that must stay on
    record (applied an import, finalised a report) is disabled instead. Returns the names
    deleted and the names disabled."""
    deleted: list[str] = []
    disabled: list[str] = []
    for user in demo_users():
        try:
            user.delete()
            deleted.append(user.username)
        except ProtectedError:
            user.is_active = False
            user.is_staff = user.is_superuser = False
            user.set_unusable_password()
            user.save()
            user.groups.clear()
            disabled.append(user.username)
    return deleted, disabled
