"""Two people editing one record: the later save is refused, and nothing is lost.

The form carries a fingerprint of the record as it was shown; saving compares it with the
record as it is now, under a row lock. A different fingerprint means someone else saved in
between: the save is refused with a message and the person's input stays on the form.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.db.models import Model
from django.forms.models import model_to_dict

STALE_MESSAGE = (
    "그사이 다른 사람이 이 기록을 고쳐 저장했습니다. 입력하신 내용은 아래에 그대로 있습니다. "
    "새 내용을 확인한 뒤 다시 저장해 주세요."
)


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


def is_stale(record: Model, shown: str) -> bool:
    """Whether `record` (read under a lock) changed since it was shown as `shown`."""
    return bool(shown) and fingerprint(record) != shown
