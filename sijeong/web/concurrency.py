"""Two people editing one record: the later save is refused, and nothing is lost.

The form carries a fingerprint of the record as it was shown; saving compares it with the
record as it is now, under a row lock. A different fingerprint means someone else saved in
between: the save is refused with a message and the person's input stays on the form. A
form without a fingerprint is refused too, since nobody can tell what it was changed from;
so is a save that waited too long for the database's lock — never a 500, never lost input.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.db import OperationalError
from django.db.models import Model
from django.forms.models import model_to_dict

STALE_MESSAGE = (
    "그사이 다른 사람이 이 기록을 고쳐 저장했습니다. 입력하신 내용은 아래에 그대로 있습니다. "
    "새 내용을 확인한 뒤 다시 저장해 주세요."
)
UNSEEN_MESSAGE = (
    "어떤 내용을 보고 고치셨는지 알 수 없어 저장하지 않았습니다. 입력하신 내용은 아래에 그대로 "
    "있습니다. 지금 저장된 내용을 확인한 뒤 다시 저장해 주세요."
)
BUSY_MESSAGE = (
    "다른 사람이 저장하는 중이어서 저장하지 못했습니다. 입력하신 내용은 아래에 그대로 있습니다. "
    "잠시 뒤 다시 저장해 주세요."
)
REFUSALS = (STALE_MESSAGE, UNSEEN_MESSAGE, BUSY_MESSAGE)

# PostgreSQL's answers when a lock cannot be had: lock_not_available, deadlock_detected,
# serialization_failure. SQLite says it in words.
_LOCK_SQLSTATES = frozenset({"55P03", "40P01", "40001"})


def fingerprint(record: Model) -> str:
    values = model_to_dict(record)
    for name, value in values.items():
        if isinstance(value, list):  # many-to-many: the related records, in any order
            values[name] = sorted(getattr(v, "pk", v) for v in value)
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class FingerprintField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self) -> None:
        super().__init__(required=False)


def refusal(record: Model, shown: str) -> str:
    """Why a save of `record` (read under a lock), shown as `shown`, must be refused; "" if
    it may go ahead."""
    if not shown:
        return UNSEEN_MESSAGE
    if fingerprint(record) != shown:
        return STALE_MESSAGE
    return ""


def is_lock_conflict(error: OperationalError) -> bool:
    """Whether `error` means another transaction held the lock too long, not a broken database."""
    if getattr(error.__cause__, "sqlstate", None) in _LOCK_SQLSTATES:
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)
