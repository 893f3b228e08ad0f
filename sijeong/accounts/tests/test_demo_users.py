"""`create_demo_users`: one login per role for trying the back office, in development only."""

from __future__ import annotations

import datetime
import importlib
import sys
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from sijeong.accounts.management.commands.create_demo_users import DEMO_LOGINS
from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, PLANNER, VIEWER
from sijeong.core.models import Department, Office
from sijeong.reports.models import Report


@pytest.fixture
def debug(settings: Settings) -> None:
    """The command runs only with DEBUG on; pytest-django turns it off."""
    settings.DEBUG = True


def create_demo_users(*args: str) -> str:
    out = StringIO()
    call_command("create_demo_users", *args, stdout=out)
    return out.getvalue()


def demo_users() -> dict[str, User]:
    return {
        u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_LOGINS])
    }


def roles(user: User) -> list[str]:
    return list(user.groups.values_list("name", flat=True))


@pytest.mark.usefixtures("debug", "department", "other_department")
def test_it_creates_one_user_per_role_and_only_the_admin_is_staff() -> None:
    create_demo_users()
    users = demo_users()
    assert {name: (roles(u), u.is_staff) for name, u in users.items()} == {
        "admin": ([ADMIN], True),
        "planner": ([PLANNER], False),
        "editor": ([EDITOR], False),
        "viewer": ([VIEWER], False),
    }


@pytest.mark.usefixtures("debug")
def test_all_of_them_belong_to_the_office(office: Office, department: Department) -> None:
    create_demo_users()
    assert {u.office for u in demo_users().values()} == {office}


@pytest.mark.usefixtures("debug", "department")
@pytest.mark.parametrize(
    ("username", "back_office"), [("admin", 200), ("editor", 302), ("viewer", 302)]
)
def test_only_the_admin_demo_user_reaches_the_back_office(username: str, back_office: int) -> None:
    create_demo_users()
    client = Client()
    password = next(d.password for d in DEMO_LOGINS if d.username == username)
    login = client.post(reverse("login"), {"username": username, "password": password})
    assert login.status_code == 302  # the site's own pages are theirs
    response = client.get(reverse("admin:index"))
    assert response.status_code == back_office
    if back_office == 302:
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.usefixtures("debug", "other_department")
def test_the_editor_belongs_to_the_offices_first_department_by_name(
    department: Department,
) -> None:
    create_demo_users()
    assert demo_users()["editor"].department == department


@pytest.mark.usefixtures("debug", "department")
def test_each_user_logs_in_with_the_printed_password() -> None:
    out = create_demo_users()
    users = demo_users()
    for login in DEMO_LOGINS:
        assert f"{login.role}: 아이디 {login.username} / 비밀번호 {login.password}" in out
        assert users[login.username].check_password(login.password)


@pytest.mark.usefixtures("debug", "department")
def test_it_prints_where_to_log_in() -> None:
    assert "http://127.0.0.1:8000/admin/" in create_demo_users()
    # make run PORT=8765 says so.
    assert "http://127.0.0.1:8765/admin/" in create_demo_users("--url", "http://127.0.0.1:8765")


@pytest.mark.usefixtures("debug", "department")
def test_running_it_twice_leaves_one_user_per_role() -> None:
    create_demo_users()
    create_demo_users()
    assert sorted(demo_users()) == ["admin", "editor", "planner", "viewer"]


@pytest.mark.usefixtures("debug", "department")
def test_running_it_again_resets_passwords_and_roles() -> None:
    create_demo_users()
    viewer = demo_users()["viewer"]
    viewer.set_password("changed-by-someone")
    viewer.is_active = False
    viewer.save()
    viewer.groups.clear()
    create_demo_users()
    viewer = demo_users()["viewer"]
    password = next(d.password for d in DEMO_LOGINS if d.username == "viewer")
    assert (viewer.check_password(password), viewer.is_active, roles(viewer)) == (
        True,
        True,
        [VIEWER],
    )


@pytest.mark.usefixtures("debug", "department")
def test_it_uses_the_office_it_is_given() -> None:
    elsewhere = Office.objects.create(slug="elsewhere", organization="다른시", name="비서실")
    theirs = Department.objects.create(office=elsewhere, slug="aides", name="비서팀")
    create_demo_users("--office", "elsewhere")
    assert demo_users()["editor"].department == theirs


@pytest.mark.usefixtures("department")
def test_it_refuses_with_debug_off(settings: Settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG가 꺼져"):
        create_demo_users()
    assert demo_users() == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("debug")
def test_it_refuses_when_there_is_no_office() -> None:
    with pytest.raises(CommandError, match=r"기관이 없습니다\. 먼저 load_seed를 실행하세요\."):
        create_demo_users()
    assert demo_users() == {}


@pytest.mark.usefixtures("debug", "office")
def test_it_refuses_when_the_office_has_no_department() -> None:
    with pytest.raises(CommandError, match="부서가 없습니다"):
        create_demo_users()
    assert demo_users() == {}


@pytest.mark.usefixtures("debug", "department")
def test_it_refuses_an_unknown_office() -> None:
    with pytest.raises(CommandError, match="'nowhere'인 기관이 없습니다"):
        create_demo_users("--office", "nowhere")
    assert demo_users() == {}


def test_make_run_flag_skips_quietly_when_debug_is_off(settings, office, department) -> None:
    settings.DEBUG = False
    out = StringIO()
    call_command("create_demo_users", "--if-debug", stdout=out)
    assert ("DEBUG가 꺼져" in out.getvalue(), User.objects.count()) == (True, 0)


def run_checks() -> str:
    out = StringIO()
    call_command("check", stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def served(settings: Settings, department: Department) -> None:
    """The demo users made in development, then the same database served with DEBUG off."""
    settings.DEBUG = True
    create_demo_users()
    settings.DEBUG = False


@pytest.mark.usefixtures("served")
def test_with_debug_off_the_checks_refuse_while_demo_users_exist() -> None:
    with pytest.raises(SystemCheckError) as refused:
        run_checks()
    message = str(refused.value)
    assert "accounts.E001" in message and "DEBUG가 꺼져 있는데 데모 사용자" in message
    assert "python manage.py create_demo_users --remove" in message


@pytest.mark.usefixtures("served")
def test_with_debug_off_the_wsgi_application_refuses_to_start() -> None:
    sys.modules.pop("sijeong.wsgi", None)  # loaded afresh, as a server process does
    with pytest.raises(ImproperlyConfigured, match="create_demo_users --remove"):
        importlib.import_module("sijeong.wsgi")


@pytest.mark.usefixtures("department", "debug")
def test_with_debug_on_the_checks_let_them_be() -> None:
    create_demo_users()
    assert "no issues" in run_checks()


@pytest.mark.usefixtures("served")
def test_remove_takes_them_away_with_debug_off_and_the_checks_pass() -> None:
    out = create_demo_users("--remove")
    assert "데모 사용자를 지웠습니다: admin, editor, planner, viewer" in out
    assert demo_users() == {} and "no issues" in run_checks()
    assert "데모 사용자가 없습니다." in create_demo_users("--remove")


@pytest.mark.usefixtures("served")
def test_a_demo_user_on_record_as_having_finalised_a_report_is_disabled(office: Office) -> None:
    day = datetime.date(2024, 8, 31)
    Report.objects.create(
        office=office, slug="r", issued=day, period_start=day, period_end=day, as_of=day,
        status=Report.Status.FINAL, finalised_by=demo_users()["admin"],
    )  # fmt: skip
    out = create_demo_users("--remove")
    admin = demo_users()["admin"]
    assert (
        "로그인만 막았습니다: admin" in out
        and "데모 사용자를 지웠습니다: editor, planner, viewer" in out
    )
    assert (admin.is_active, admin.has_usable_password(), admin.is_staff) == (False, False, False)
    assert "no issues" in run_checks()


@pytest.mark.usefixtures("department")
def test_a_demo_user_made_before_the_mark_is_known_by_its_published_password(settings) -> None:
    User.objects.create_user(username="admin", password="sijeong-admin", is_staff=True)
    with pytest.raises(SystemCheckError, match=r"데모 사용자\(admin\)"):
        run_checks()


@pytest.mark.usefixtures("department")
def test_a_real_user_named_admin_is_not_a_demo_user() -> None:
    User.objects.create_user(username="admin", password="a-password-of-their-own", is_staff=True)
    assert "no issues" in run_checks()
    assert "데모 사용자가 없습니다." in create_demo_users("--remove")
    assert User.objects.filter(username="admin").exists()
