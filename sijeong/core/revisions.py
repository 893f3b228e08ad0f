"""Each office's data revision (자료 변경 표시): changed by every save or delete of a record of
the office, so that what is computed from all of its records — the data checks — is computed
once per change, not once per page (core.findings caches by it).

Saves and deletes through the ORM change it through signals. Writes that send no signals
(bulk_create, QuerySet.update) must call `bump` themselves, as `generate_data` does.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from sijeong.accounts.roles import DOMAIN_APPS, record_office_id

from .models import DataRevision, Office


def bump(office: Office | int) -> None:
    office_id = office if isinstance(office, int) else office.pk
    if not DataRevision.objects.filter(office_id=office_id).update(mark=uuid.uuid4()):
        DataRevision.objects.get_or_create(office_id=office_id)


def mark(office: Office) -> str:
    """The office's current revision (one indexed read)."""
    revision, _ = DataRevision.objects.get_or_create(office_id=office.pk)
    return revision.mark.hex


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if sender._meta.app_label not in DOMAIN_APPS or sender is DataRevision:
        return
    if hasattr(sender, "instance_type"):  # a change-history row: its record's save counted
        return
    try:
        office_id = record_office_id(instance)
    except models.ObjectDoesNotExist:  # its owner is being deleted with it (a cascade)
        return
    if office_id is not None:
        bump(office_id)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="sijeong.revisions.save")
    post_delete.connect(_changed, dispatch_uid="sijeong.revisions.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="sijeong.revisions.m2m")


def _m2m_changed(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(type(instance), instance)
