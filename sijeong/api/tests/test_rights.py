"""The role × path matrix of the API: for every kind, every operation and every caller —
anonymous, 열람자, 편집자 of the records' department and of another, 일정 담당, 관리자 and the
관리자 next door — the API answers as `visible`, `can_create` and `can_edit` say."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import DateField

from sijeong.accounts.roles import can_create, can_edit, office_id_of, visible
from sijeong.api.kinds import KINDS, Kind
from sijeong.api.writes import etag

ORDER = ["anonymous", "viewer", "other-editor", "next-door-admin", "editor", "planner", "admin"]


def _parent(kind: Kind, record: Any) -> Any:
    owner = getattr(kind.model, "owner_field", "")
    return getattr(record, owner) if owner else None


def _unique_fields(kind: Kind) -> set[str]:
    names = {f.name for f in kind.model._meta.concrete_fields if f.unique and not f.primary_key}
    for constraint in kind.model._meta.constraints:
        names |= set(getattr(constraint, "fields", ()))
    return names


def _body(kind: Kind, shown: dict[str, Any], n: int) -> dict[str, Any]:
    """A new record like `shown`, made unique by the `n`th caller."""
    body = {}
    unique = _unique_fields(kind)
    for name in kind.form_fields:
        field = kind.model._meta.get_field(name)
        key = field.attname if field.many_to_one else name
        value = shown[name]
        if name in unique and isinstance(field, DateField):
            value = (datetime.date.fromisoformat(value) + datetime.timedelta(days=n)).isoformat()
        elif name in unique and field.choices:
            value = [c for c, _label in field.choices][n + 2]  # another place on the list
        elif name in unique and isinstance(value, str):
            value = f"{value[:20]}-{n}"
        body[key] = value
    return body


def _readable_ids(kind: Kind, user: Any) -> set[int]:
    base = kind.model._default_manager.all()
    if user is None:
        return set(kind.public().values_list("pk", flat=True)) if kind.public else set()
    return set(visible(user, base).values_list("pk", flat=True))


def _all_ids(caller: Any, url: str) -> tuple[int, set[int]]:
    ids: set[int] = set()
    page, count = 1, 0
    while True:
        answer = caller.get(url, page=page, page_size=100)
        assert answer.status_code == 200, (caller, url, answer.content)
        data = answer.json()
        count = data["count"]
        ids |= {item["id"] for item in data["items"]}
        if len(ids) >= count or not data["items"]:
            return count, ids
        page += 1


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.slug)
def test_every_caller_gets_the_answer_the_rules_give(world: Any, kind: Kind) -> None:
    model = kind.model
    manager = model._default_manager
    record = visible(world.callers["admin"].user, manager.all()).order_by("pk").first()
    assert record is not None, f"no {kind.slug} in the test office"
    url = f"/api/v1/{kind.slug}/"
    shown = world.callers["admin"].get(f"{url}{record.pk}").json()

    for n, name in enumerate(ORDER):
        caller = world.callers[name]
        user = caller.user

        # GET list: exactly what the caller may read, counted as such.
        expected = _readable_ids(kind, user)
        if user is None and kind.public is None:
            assert caller.get(url).status_code == 401, caller
        else:
            count, ids = _all_ids(caller, url)
            assert (count, ids) == (len(expected), expected), caller

        # GET one.
        answer = caller.get(f"{url}{record.pk}")
        if user is None and kind.public is None:
            assert answer.status_code == 401, caller
        elif record.pk in expected:
            assert answer.status_code == 200, caller
            # Only callers who may write get the fingerprint a write needs.
            assert answer.get("ETag") == (etag(record) if user is not None else None), caller
        else:
            assert answer.status_code == 404, caller

        if kind.form_class is None:
            assert caller.send("post", url, {}).status_code == 405
            continue

        # POST: a record like the first one, in the caller's own office.
        answer = caller.send("post", url, _body(kind, shown, n))
        parent = _parent(kind, record)
        if user is None:
            assert answer.status_code == 401, caller
        else:
            seen_parent = (
                parent
                if parent is not None and parent.pk in _readable_ids(kind_of(parent), user)
                else None
            )
            allowed = can_create(user, model, office_id_of(user), seen_parent)
            if not allowed:
                assert answer.status_code == 403, (caller, answer.content)
            elif office_id_of(user) == world.office.pk:
                assert answer.status_code == 201, (caller, answer.content)
            else:  # next door: the first record's related records are not theirs to choose
                assert answer.status_code in (201, 422), (caller, answer.content)

        # PATCH without changes, as read.
        answer = caller.send("patch", f"{url}{record.pk}", {}, **{"If-Match": etag(record)})
        if user is None:
            assert answer.status_code == 401, caller
        elif record.pk not in expected:
            assert answer.status_code == 404, caller
        elif not can_edit(user, record):
            assert answer.status_code == 403, caller
        else:
            assert answer.status_code == 200, (caller, answer.content)
            record.refresh_from_db()

    # DELETE: every caller without the right is refused; then one with it deletes.
    for name in ORDER:
        caller = world.callers[name]
        user = caller.user
        readable = user is not None and record.pk in _readable_ids(kind, user)
        answer = caller.send("delete", f"{url}{record.pk}", **{"If-Match": etag(record)})
        if kind.form_class is None:
            assert answer.status_code == 405
        elif user is None:
            assert answer.status_code == 401, caller
        elif not readable:
            assert answer.status_code == 404, caller
        elif not can_edit(user, record):
            assert answer.status_code == 403, caller
        else:
            assert answer.status_code in (204, 409), (caller, answer.content)
            if answer.status_code == 204:
                assert not manager.filter(pk=record.pk).exists()
            break


def kind_of(record: Any) -> Kind:
    return next(k for k in KINDS if k.model is type(record))
