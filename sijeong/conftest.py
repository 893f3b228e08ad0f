"""The cast every test can call on (after healthchecks' hc/test.py).

An office with two departments; 관리자 Alice; 편집자 Bob of the first department and Carol of
the second; 열람자 Dave; 일정 담당 Erin; and the anonymous visitor, who needs no fixture. The
office next door
(`next_door_people`) has its own 관리자, 편집자 and 열람자, so that every rule can also be asked
"and from the office next door?".
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings

from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, PLANNER, VIEWER
from sijeong.core.models import Department, Office
from sijeong.core.testing import PASSWORD


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """SQLite's test database in a file of this run's own, not in memory: threads (the live
    server, concurrent saves) then each have a connection of their own, as in production."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    """Passwords the tests make are hashed with a fast hasher: the production one is slow on
    purpose (a quarter of a second here) and the cast of most tests has a dozen people. The
    production hasher stays second, so that what a command run in its own process hashed
    (create_demo_users, generate_data) is still read."""
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *settings.PASSWORD_HASHERS,
        ]
    ):
        yield


@pytest.fixture
def seeded(db: None) -> Office:
    """The seed data set loaded into the test database; the seed report's office."""
    from sijeong.core.seed import SEED_DIR, load_file

    office, _ = load_file(SEED_DIR / "seoul-secretariat-2024-09.toml")
    return office


@pytest.fixture
def office(db: None) -> Office:
    return Office.objects.create(
        slug="test-office",
        organization="테스트특별시",
        organization_short="테스트시",
        name="시장비서실",
    )


@pytest.fixture
def department(office: Office) -> Department:
    return Department.objects.create(office=office, slug="secretariat", name="시장비서실")


@pytest.fixture
def other_department(office: Office) -> Department:
    return Department.objects.create(office=office, slug="policy", name="정책기획관")


def _member(username: str, role: str, department: Department | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, department=department)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(department: Department) -> User:
    """관리자."""
    user = _member("alice", ADMIN, department)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def bob(department: Department) -> User:
    """편집자 of `department`."""
    user = _member("bob", EDITOR, department)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def carol(other_department: Department) -> User:
    """편집자 of `other_department`."""
    user = _member("carol", EDITOR, other_department)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def dave(department: Department) -> User:
    """열람자."""
    user = _member("dave", VIEWER, department)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def erin(office: Office) -> User:
    """일정 담당 (schedule planner) of the office, in no department."""
    user = User.objects.create_user(username="erin", password=PASSWORD, office=office)
    user.groups.add(Group.objects.get(name=PLANNER))
    return user


@pytest.fixture
def seed_people(seeded: Office) -> dict[str, User]:
    """관리자 "admin", 일정 담당 "planner", 편집자 "editor" and 열람자 "viewer" of the seed office's
    first department."""
    department = seeded.departments.order_by("pk").first()
    roles = {"admin": ADMIN, "planner": PLANNER, "editor": EDITOR, "viewer": VIEWER}
    return {name: _member(name, role, department) for name, role in roles.items()}


@pytest.fixture
def next_door_people(db: None) -> dict[str, User]:
    """관리자 "busan-admin", 편집자 "busan-editor" and 열람자 "busan-viewer" of another office."""
    office = Office.objects.create(
        slug="busan-secretariat",
        organization="부산광역시",
        organization_short="부산시",
        name="시장비서실",
    )
    department = Department.objects.create(office=office, slug="secretariat", name="시장비서실")
    roles = {"admin": ADMIN, "editor": EDITOR, "viewer": VIEWER}
    people = {name: _member(f"busan-{name}", role, department) for name, role in roles.items()}
    people["admin"].is_staff = True
    people["admin"].save()
    return people
