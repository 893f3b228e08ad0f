"""The API's cast: the seed office with its 관리자, 일정 담당, 편집자 and 열람자 (all of the first
department), an editor of a second department, the office next door, and tokens for each."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.test import Client

from sijeong.accounts.models import User
from sijeong.accounts.roles import EDITOR
from sijeong.api.tokens import issue
from sijeong.core.models import Department, Office
from sijeong.planning.models import BlockedDay, TravelTime, VisitCandidate
from sijeong.reports.models import FrozenFile, Report
from sijeong.schedule.models import Event, Message


@pytest.fixture(autouse=True)
def generous_anonymous_rate(settings: Any, db: None) -> None:
    """The tests read anonymously far more often than a visitor would; no count or kept page
    of another test (the caches are database tables) is left over."""
    settings.SIJEONG_API_ANON_RATE = "100000/m"
    cache.clear()
    caches["ratelimit"].clear()


class Caller:
    """Who calls the API in a test: a user with a token, or nobody (`user` None)."""

    def __init__(self, name: str, user: User | None) -> None:
        self.name = name
        self.user = user
        self.token = issue(user, "test")[1] if user is not None else ""
        self.client = Client()

    def headers(self, **extra: str) -> dict[str, str]:
        auth = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**auth, **extra}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers())

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        return getattr(self.client, method)(
            path, body, content_type="application/json", headers=self.headers(**headers)
        )

    def __repr__(self) -> str:
        return self.name


@pytest.fixture
def world(seeded: Office, seed_people: dict[str, User], next_door_people: dict[str, User]) -> Any:
    """The seed office with a record of every kind the seed lacks, an internal event and a
    finalised report beside the seed's draft."""
    first = seeded.departments.order_by("pk").first()
    assert first is not None
    second = Department.objects.create(office=seeded, slug="second", name="정책기획관")
    other_editor = User.objects.create_user(username="other-editor", department=second)
    other_editor.groups.add(Group.objects.get(name=EDITOR))
    day = datetime.date(2024, 8, 1)
    Message.objects.create(office=seeded, department=first, title="핵심 메시지", body="내용")
    VisitCandidate.objects.create(
        office=seeded, department=first, title="현장 방문", place="시청",
        earliest=day, latest=day + datetime.timedelta(days=30),
    )  # fmt: skip
    BlockedDay.objects.create(office=seeded, date=day, reason="출장")
    TravelTime.objects.create(office=seeded, from_place="서울시청", to_place="종로구", minutes=20)
    internal = Event.objects.create(
        office=seeded, department=first, title="비공개 내부 회의", kind="meeting", date=day,
        place="집무실", is_public=False,
    )  # fmt: skip
    draft = Report.objects.get(office=seeded)
    final = Report.objects.create(
        office=seeded, slug="final-2024-06", title="주요업무보고", issued=datetime.date(2024, 6, 1),
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 5, 31),
        as_of=datetime.date(2024, 5, 31), status=Report.Status.FINAL,
    )  # fmt: skip
    FrozenFile.objects.create(report=final, format="md", content=b"# report", sha256="0" * 64)
    callers = {
        "anonymous": Caller("anonymous", None),
        "viewer": Caller("viewer", seed_people["viewer"]),
        "editor": Caller("editor", seed_people["editor"]),
        "other-editor": Caller("other-editor", other_editor),
        "planner": Caller("planner", seed_people["planner"]),
        "admin": Caller("admin", seed_people["admin"]),
        "next-door-admin": Caller("next-door-admin", next_door_people["admin"]),
    }

    class World:
        office = seeded
        department = first
        internal_event = internal
        draft_report = draft
        final_report = final

    world = World()
    world.callers = callers  # type: ignore[attr-defined]
    return world
