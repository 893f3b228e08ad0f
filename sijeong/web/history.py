"""A record's change history (변경 이력): who, when, and what changed from what to what — read
as the record's page reads: field labels; values as the pages show them (a choice by its
label, a related record by its name, also once it was deleted, JSON as the pages and forms
show it, 예/아니요, 2024. 8. 31., 14:10, 1,234); people by name, and a change no person made
on a page saying what made it; times in KST as the site writes them."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone

from .listing import shown

ACTIONS = {"+": "만듦", "~": "수정", "-": "지움"}
NOTHING = "(없음)"
# Who changed a record when no person did on a page: a management command (the seed loader,
# an import run without --user, a restore), as the import and job pages say it.
COMMAND = "명령어"
NO_EARLIER_VERSION = "(이전 기록이 없어 바뀐 값을 알 수 없음)"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: str  # in KST, as the site writes a moment: 2024. 8. 31. 14:10
    at: str  # the same moment in ISO 8601, for <time datetime>
    who: str
    action: str
    changes: list[Change]
    note: str = ""


def person(user: Any) -> str:
    """A person as the pages name them: their full name, else their username."""
    return str(user.get_full_name() or user.username)


def _acknowledged(items: list[dict[str, Any]]) -> str:
    # As the report's page lists them.
    return "; ".join(
        f"‘{i.get('text', '')}’ — {i.get('message', '')}: {i.get('reason', '')} ({i.get('by', '')})"
        for i in items
    )


def _figures(figures: dict[str, Any]) -> str:
    # Hundreds of figures, kept with the files: their number says what was frozen.
    return f"수치 {len(figures)}개"


def _as_typed(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


# JSON fields whose pages or forms show them in a shape of their own; other JSON reads as
# lists joined and pairs of a breakdown (권종 30일권), or as its form shows it when nested.
JSON_SHOWN: dict[str, Callable[[Any], str]] = {
    "reports.report.acknowledged": _acknowledged,
    "reports.report.figures": _figures,
    # Settings of a report block or a derivation: their forms show them as typed.
    "reports.block.params": _as_typed,
    "core.indicator.derivation_params": _as_typed,
}


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _json(field: models.Field, value: Any) -> str:
    special = JSON_SHOWN.get(f"{field.model._meta.label_lower}.{field.name}")
    if special is not None:
        try:
            return special(value)
        except (TypeError, KeyError, AttributeError):
            return _as_typed(value)  # a stored value of another shape is still shown
    if isinstance(value, list) and all(_scalar(v) for v in value):
        return ", ".join(str(shown(v)) for v in value)
    if isinstance(value, dict) and all(_scalar(v) for v in value.values()):
        return ", ".join(f"{k} {shown(v)}" for k, v in value.items())
    return _as_typed(value)


def _names(model: type[models.Model], keys: set[Any]) -> dict[Any, str]:
    """The records of `model` with these keys by name; one deleted since by the name its
    last version had, marked so."""
    named: dict[Any, str] = {}
    for record in model._default_manager.filter(pk__in=keys):
        named[record.pk] = person(record) if hasattr(record, "get_full_name") else str(record)
    gone = keys - set(named)
    versions = getattr(model, "history", None)
    if gone and versions is not None:
        # A version's own key is history_id; the record's key keeps its field's name.
        kept = versions.filter(**{f"{model._meta.pk.name}__in": gone})
        for version in kept.order_by("history_date", "history_id"):
            try:
                named[version.instance.pk] = f"{version.instance} (지움)"
            except ObjectDoesNotExist:  # its name came from a record deleted with it
                continue
    for key in keys - set(named):
        named[key] = f"지운 기록 ({key}번)"
    return named


def _value(field: models.Field, value: Any, names: dict[Any, dict[Any, str]]) -> str:
    """A stored value of `field` as the record's page shows it."""
    if value is None or value == "":
        return NOTHING
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one or field.one_to_one:
        return names[field.related_model].get(value, str(value))
    if isinstance(field, models.JSONField):
        return _json(field, value) or NOTHING
    return str(shown(value))


def _who(version: Any) -> str:
    """The person who made a version, and what made it when it was not a page (an import,
    the API, the planner): 김앨리스 (API); 명령어 (가져오기: 보고서.hwpx)."""
    reason = version.history_change_reason or ""
    name = person(version.history_user) if version.history_user else COMMAND
    return f"{name} ({reason})" if reason else name


def history(record: models.Model) -> list[Entry]:
    """The record's history, newest first, each entry with the fields it changed."""
    model = type(record)
    versions = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")  # type: ignore[attr-defined]
    )
    deltas = [
        current.diff_against(versions[n + 1]) if n + 1 < len(versions) else None
        for n, current in enumerate(versions)
    ]
    keys: dict[Any, set[Any]] = defaultdict(set)
    for delta in deltas:
        for change in delta.changes if delta else []:
            related = model._meta.get_field(change.field)
            if related.many_to_one or related.one_to_one:
                keys[related.related_model] |= {change.old, change.new} - {None}
    names = {related: _names(related, found) for related, found in keys.items()}
    entries = []
    for version, delta in zip(versions, deltas, strict=True):
        changes = []
        for change in delta.changes if delta else []:
            field: Any = model._meta.get_field(change.field)
            changes.append(
                Change(
                    str(field.verbose_name),
                    _value(field, change.old, names),
                    _value(field, change.new, names),
                )
            )
        moment = timezone.localtime(version.history_date)
        entries.append(
            Entry(
                when=str(shown(moment)),
                at=moment.isoformat(),
                who=_who(version),
                action=ACTIONS.get(version.history_type, version.history_type),
                changes=changes,
                note=NO_EARLIER_VERSION if delta is None and version.history_type == "~" else "",
            )
        )
    return entries
