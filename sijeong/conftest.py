"""The cast every test can call on (after healthchecks' hc/test.py).

An office with two departments; 관리자 Alice; 편집자 Bob of the first department and Carol of
the second; 열람자 Dave; and the anonymous visitor, who needs no fixture.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, VIEWER
from sijeong.core.models import Department, Office
from sijeong.core.testing import PASSWORD


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
def seed_people(seeded: Office) -> dict[str, User]:
    """관리자 "admin", 편집자 "editor" and 열람자 "viewer" of the seed office's first department."""
    department = seeded.departments.order_by("pk").first()
    roles = {"admin": ADMIN, "editor": EDITOR, "viewer": VIEWER}
    return {name: _member(name, role, department) for name, role in roles.items()}
