"""`create_demo_users`: one login per role for trying the back office, in development only."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from sijeong.accounts.management.commands.create_demo_users import DEMO_LOGINS
from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, VIEWER
from sijeong.core.models import Department, Office


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
def test_it_creates_one_staff_user_per_role() -> None:
    create_demo_users()
    users = demo_users()
    assert {name: (roles(u), u.is_staff) for name, u in users.items()} == {
        "admin": ([ADMIN], True),
        "editor": ([EDITOR], True),
        "viewer": ([VIEWER], True),
    }


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


@pytest.mark.usefixtures("debug", "department")
def test_running_it_twice_leaves_three_users() -> None:
    create_demo_users()
    create_demo_users()
    assert sorted(demo_users()) == ["admin", "editor", "viewer"]


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
