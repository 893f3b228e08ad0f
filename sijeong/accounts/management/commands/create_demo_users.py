"""`python manage.py create_demo_users [--office SLUG] [--remove]`: one demo login per role.

Running it again resets the three users to their role, department and password, so
`make run` can call it on every start. It makes them only with DEBUG on; `--remove` takes
them away again, which a served instance (DEBUG off) requires before it starts (`checks`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse

from sijeong.accounts.demo import DEMO_LOGINS, DemoLogin, demo_email, remove_demo_users
from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR
from sijeong.core.models import Department, Office

# Where `make run` serves by default; `--url` says where it serves when HOST or PORT differ.
ADMIN_HOST = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "역할마다 데모 사용자(관리자·편집자·열람자)를 만들거나 다시 설정합니다(DEBUG에서만). "
        "--remove는 데모 사용자를 지웁니다."
    )
    # The checks refuse to run with demo users and DEBUG off: --remove is the way out.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", metavar="SLUG", help="편집자의 부서를 고를 기관")
        parser.add_argument(
            "--if-debug",
            action="store_true",
            help="DEBUG가 꺼져 있으면 알리고 아무것도 하지 않습니다 (make run용).",
        )
        parser.add_argument(
            "--url", default=ADMIN_HOST, help="알려 줄 사이트 주소 (기본: %(default)s)"
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="데모 사용자를 지웁니다. 한 일이 기록에 남은 사용자는 로그인만 막습니다.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remove"]:
            self.remove()
            return
        if not settings.DEBUG:
            if options["if_debug"]:
                self.stdout.write("DEBUG가 꺼져 있어 데모 사용자를 만들지 않습니다.")
                return
            raise CommandError("DEBUG가 꺼져 있어 데모 사용자를 만들지 않습니다.")
        office = find_office(options["office"])
        department = office.departments.order_by("name", "slug").first()
        if department is None:
            raise CommandError(f"{office}에 부서가 없습니다. 먼저 load_seed를 실행하세요.")

        with transaction.atomic():
            results = [(login, reset_user(login, department)) for login in DEMO_LOGINS]

        self.stdout.write(f"데모 사용자 ({office}, 개발용):")
        for login, created in results:
            verb = "만듦" if created else "다시 설정함"
            where = f", 부서 {department.name}" if login.role == EDITOR else ""
            self.stdout.write(
                f"  {login.role}: 아이디 {login.username} / 비밀번호 {login.password}"
                f" ({verb}{where})"
            )
        self.stdout.write(f"관리 화면: {options['url'].rstrip('/')}{reverse('admin:index')}")

    def remove(self) -> None:
        with transaction.atomic():
            deleted, disabled = remove_demo_users()
        if not deleted and not disabled:
            self.stdout.write("데모 사용자가 없습니다.")
        if deleted:
            self.stdout.write(f"데모 사용자를 지웠습니다: {', '.join(deleted)}")
        if disabled:
            self.stdout.write(
                "가져오기나 보고서 확정을 한 사람으로 기록에 남아 있어 지우지 않고 로그인만 "
                f"막았습니다: {', '.join(disabled)}"
            )


def find_office(slug: str | None) -> Office:
    """The office named by `slug`, or the first office when none is named."""
    if slug is None:
        office = Office.objects.first()
        if office is None:
            raise CommandError("기관이 없습니다. 먼저 load_seed를 실행하세요.")
        return office
    try:
        return Office.objects.get(slug=slug)
    except Office.DoesNotExist:
        raise CommandError(f"식별자가 '{slug}'인 기관이 없습니다.") from None


def reset_user(login: DemoLogin, department: Department) -> bool:
    """Create the demo user or put it back as it should be; True if it was created."""
    try:
        group = Group.objects.get(name=login.role)
    except Group.DoesNotExist:
        raise CommandError(f"역할 '{login.role}'이 없습니다. 먼저 migrate를 실행하세요.") from None
    user, created = User.objects.get_or_create(username=login.username)
    user.email = demo_email(login)  # the mark `demo_users` knows them by
    # Only the 관리자 works in the back office; the others' pages are the site's own.
    user.is_staff = login.role == ADMIN
    user.is_active = True
    user.is_superuser = False
    # Only an editor's department limits what they change; the others read or change all of
    # the office's.
    user.office = department.office
    user.department = department if login.role == EDITOR else None
    user.set_password(login.password)
    user.save()
    user.groups.set([group])
    user.user_permissions.clear()
    return created
