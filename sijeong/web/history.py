"""A record's change history (변경 이력): who, when, and what changed from what to what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from .listing import shown

ACTIONS = {"+": "만듦", "~": "수정", "-": "지움"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: Any
    who: str
    action: str
    changes: list[Change]


def history(record: Model) -> list[Entry]:
    """The record's history, newest first, each entry with the fields it changed."""
    records = list(record.history.select_related("history_user").order_by("-history_date"))  # type: ignore[attr-defined]
    entries = []
    for index, current in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = current.diff_against(previous)
            for change in delta.changes:
                field = record._meta.get_field(change.field)
                changes.append(
                    Change(
                        str(getattr(field, "verbose_name", change.field)),
                        _shown(change.old),
                        _shown(change.new),
                    )
                )
        user = current.history_user
        entries.append(
            Entry(
                current.history_date,
                (user.get_full_name() or user.username) if user else "시스템",
                ACTIONS.get(current.history_type, current.history_type),
                changes,
            )
        )
    return entries


def _shown(value: Any) -> str:
    """A value as the record's page and lists show it (2024. 8. 6., 14:00, 1,234), or (없음)."""
    text = shown(value)
    return str(text) if text != "" else "(없음)"
