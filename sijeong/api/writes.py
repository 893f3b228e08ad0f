"""Writes through the API go through the pages' own door (`web.editing.save_edit`): the same
form, the same office-only choices, the same department rule, the same rights check on the
record as saved, the same refusal of a stale save under the row lock — in one transaction."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.forms.models import model_to_dict
from django.http import HttpRequest, QueryDict
from django.utils import translation

from sijeong.accounts.roles import can_create, can_edit
from sijeong.core.validity import label_of
from sijeong.web.concurrency import BUSY_MESSAGE, fingerprint, is_lock_conflict, refusal
from sijeong.web.editing import is_refused, save_edit
from sijeong.web.offices import office_for

from .errors import (
    BUSY,
    DUPLICATE,
    FORBIDDEN,
    IN_USE,
    INVALID,
    NOT_FOUND,
    PRECONDITION_REQUIRED,
    STALE,
    ApiError,
)
from .kinds import Kind

API_CHANGE = "API"


def etag(record: models.Model) -> str:
    return f'"{fingerprint(record)}"'


def shown_fingerprint(if_match: str | None) -> str:
    """The fingerprint the caller read (`If-Match`), weak or strong; 428 without one."""
    value = (if_match or "").strip()
    if not value:
        raise ApiError(428, PRECONDITION_REQUIRED)
    return value.removeprefix("W/").strip('"')


def _form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, int | str | Decimal | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _key(model: type[models.Model], name: str) -> str:
    """The API's name of a form field: a foreign key is `series_id`, as the record reads."""
    field = model._meta.get_field(name)
    return field.attname if field.many_to_one else name  # type: ignore[union-attr]


def _form_data(kind: Kind, base: models.Model, changes: dict[str, Any]) -> QueryDict:
    """Form data as the page would post it: the fields of `base`, with `changes` on top."""
    values = model_to_dict(base, fields=kind.form_fields)
    data = QueryDict(mutable=True)
    for name in kind.form_fields:
        # Ninja names a foreign key by the field (`series`) and reads it as `series_id`.
        value = changes[name] if name in changes else values.get(name)
        field = kind.model._meta.get_field(name)
        if field.many_to_many:
            data.setlist(name, [str(getattr(v, "pk", v)) for v in value or []])
        elif isinstance(field, models.JSONField):
            data[name] = json.dumps(value, ensure_ascii=False)
        else:
            data[name] = _form_value(value)
    return data


def _posted(user: Any, data: QueryDict) -> HttpRequest:
    """A request carrying `data` as its form, for `save_edit`, which reads the form there."""
    request = HttpRequest()
    request.method = "POST"
    request.POST = data  # type: ignore[assignment]
    request.user = user
    return request


def _errors(kind: Kind, form: Any) -> dict[str, list[str]]:
    """The form's messages by the API's name of each field, each naming the field in Korean
    (a program's log shows the message without the page's label beside it)."""
    errors: dict[str, list[str]] = {}
    for name, messages in form.errors.get_json_data().items():
        on_field = name in kind.form_fields
        key = _key(kind.model, name) if on_field else "__all__"
        label = label_of(kind.model, name) if on_field else ""
        errors.setdefault(key, []).extend(
            f"{label}: {m['message']}" if label else m["message"] for m in messages
        )
    return errors


def save(
    kind: Kind,
    user: Any,
    record: models.Model | None,
    changes: dict[str, Any],
    *,
    replace: bool = False,
    shown: str = "",
) -> models.Model:
    """Create (no `record`) or update `record` with `changes`; a full update (`replace`)
    starts from a new record's defaults, a partial one from the record as it is."""
    assert kind.form_class is not None
    office = office_for(user)
    if office is None:
        raise ApiError(403, FORBIDDEN)
    if record is None:
        if not can_create(user, kind.model, office.pk):
            raise ApiError(403, FORBIDDEN)
    elif not can_edit(user, record):
        raise ApiError(403, FORBIDDEN)
    names = {f.name for f in kind.model._meta.get_fields()}
    new = kind.model(**({"office": office} if "office" in names else {}))
    # The change history says the change came through the API, beside the token's holder.
    for saved_instance in (new, record):
        if saved_instance is not None:
            saved_instance._change_reason = API_CHANGE  # type: ignore[attr-defined]
    base = new if record is None or replace else record
    data = _form_data(kind, base, changes)
    data["fingerprint"] = shown
    # Messages are Korean whatever language the client's Accept-Language asks for.
    with translation.override("ko"):
        try:
            saved, form = save_edit(_posted(user, data), kind.form_class, record, new, office)
        except PermissionDenied:
            raise ApiError(403, FORBIDDEN) from None
        except IntegrityError:
            # A uniqueness rule that includes the office, which the form does not show (two
            # programmes with one code): the form cannot see it, the database refuses it.
            raise ApiError(422, INVALID, errors={"__all__": [DUPLICATE]}) from None
        if saved is None:
            if is_refused(form):
                if BUSY_MESSAGE in form.non_field_errors():
                    raise ApiError(409, BUSY)
                assert record is not None
                current = type(record)._default_manager.get(pk=record.pk)
                raise ApiError(412, STALE, {"ETag": etag(current)})
            raise ApiError(422, INVALID, errors=_errors(kind, form))
    return saved


def delete(kind: Kind, user: Any, record: models.Model, shown: str) -> None:
    """Delete `record` if `user` may and it is still as they read it."""
    if not can_edit(user, record):
        raise ApiError(403, FORBIDDEN)
    try:
        with transaction.atomic():
            manager = type(record)._default_manager
            current = manager.select_for_update().filter(pk=record.pk).first()
            if current is None:
                raise ApiError(404, NOT_FOUND)
            if refusal(current, shown):
                raise ApiError(412, STALE, {"ETag": etag(current)})
            current._change_reason = API_CHANGE  # type: ignore[attr-defined]
            current.delete()
    except (ProtectedError, RestrictedError):
        raise ApiError(409, IN_USE) from None
    except OperationalError as error:
        if not is_lock_conflict(error):
            raise
        raise ApiError(409, BUSY) from None
