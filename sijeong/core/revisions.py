"""Each office's data revisions (자료 변경 표시), one per kind of record (an app: 일정, 보도,
예산 …): changed by every save or delete of a record of that kind, so that what is computed
from many records — the data checks, the dashboard's indicators — is computed once per change
of what it reads, not once per page (core.findings, web.views cache by them).

Saves and deletes through the ORM change them through signals. Writes that send no signals
(bulk_create, QuerySet.update) must call `bump` themselves, as `generate_data` does.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from sijeong.accounts.roles import DOMAIN_APPS, record_office_id

from .models import DataRevision, Office


def bump(office: Office | int, kind: str | None = None) -> None:
    """A new mark for the office's records of `kind` (an app label), or of every kind."""
    office_id = office if isinstance(office, int) else office.pk
    for each in DOMAIN_APPS if kind is None else (kind,):
        if not DataRevision.objects.filter(office_id=office_id, kind=each).update(
            mark=uuid.uuid4()
        ):
            DataRevision.objects.get_or_create(office_id=office_id, kind=each)


def mark(office: Office, kinds: Iterable[str] = DOMAIN_APPS) -> str:
    """The office's current revision of the records of `kinds` (every kind by default), in one
    indexed read. A kind nothing has been saved of yet has no mark, and keeps none until a
    save gives it one."""
    wanted = sorted(set(kinds))
    found = dict(
        DataRevision.objects.filter(office_id=office.pk, kind__in=wanted).values_list(
            "kind", "mark"
        )
    )
    joined = ",".join(f"{kind}={found[kind].hex if kind in found else ''}" for kind in wanted)
    return hashlib.blake2b(joined.encode(), digest_size=12).hexdigest()


_watched: ContextVar[set[int] | None] = ContextVar("sijeong_changed_offices", default=None)


@contextmanager
def watching() -> Iterator[set[int]]:
    """The offices whose records change inside the block (filled as they change)."""
    changed: set[int] = set()
    token = _watched.set(changed)
    try:
        yield changed
    finally:
        _watched.reset(token)


def _changed(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    # Rows loaded as they are (a restore, loaddata) may name owners not loaded yet; whoever
    # loads them gives the offices new marks at the end (core.backup).
    if raw or sender._meta.app_label not in DOMAIN_APPS or sender is DataRevision:
        return
    if hasattr(sender, "instance_type"):  # a change-history row: its record's save counted
        return
    try:
        office_id = record_office_id(instance)
    except models.ObjectDoesNotExist:  # its owner is being deleted with it (a cascade)
        return
    if office_id is not None:
        bump(office_id, sender._meta.app_label)
        if (changed := _watched.get()) is not None:
            changed.add(office_id)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="sijeong.revisions.save")
    post_delete.connect(_changed, dispatch_uid="sijeong.revisions.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="sijeong.revisions.m2m")


def _m2m_changed(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(type(instance), instance)
