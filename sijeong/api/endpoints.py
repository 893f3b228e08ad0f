# mypy: disable-error-code="valid-type,attr-defined,misc"
# (Schemas made per kind at import are types to ninja, not to mypy; ninja sets request.auth.)
"""The record endpoints, made for every kind from its registration (`kinds.KINDS`):
`GET /<kind>/` (filtered, paginated), `GET /<kind>/{id}`, and for kinds that take writes
`POST /<kind>/`, `PUT`, `PATCH` and `DELETE /<kind>/{id}`.

No `from __future__ import annotations` here: django-ninja reads each generated view's
annotations, which name classes made per kind inside the factory.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, Path, Query, Router, Schema, Status
from ninja.pagination import PaginationBase, paginate
from pydantic import create_model

from sijeong.accounts.roles import visible

from . import publicity, schemas, writes
from .auth import READ_AUTH, WRITE_AUTH
from .errors import NOT_FOUND, UNAUTHENTICATED, ApiError, Error, Invalid
from .kinds import KINDS, Kind, has_program, program_filter

# Keys beyond any database's integer range are answered "not found", not with an overflow.
MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000
READ_ERRORS = {400: Error, 401: Error, 404: Error, 422: Invalid, 429: Error}
WRITE_ERRORS = {
    **READ_ERRORS, 403: Error, 409: Error, 412: Error, 428: Error,
}  # fmt: skip


class Pages(PaginationBase):
    """`?page=` and `?page_size=` (at most 100); `count` counts what the caller may see."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="쪽 번호 (1부터)")
        page_size: int = Field(20, ge=1, le=100, description="한 쪽의 기록 수 (100까지)")

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        count = queryset.count()
        offset = (pagination.page - 1) * pagination.page_size
        items = queryset[offset : offset + pagination.page_size] if offset < count else []
        return {"items": items, "count": count}


def readable(kind: Kind, caller: Any) -> QuerySet[Any]:
    """The records of `kind` the caller may read: an office's own, or for an anonymous
    visitor the public ones; other kinds are not for anonymous eyes at all (401)."""
    if not caller.is_authenticated:
        if kind.public is None:
            raise ApiError(401, UNAUTHENTICATED)
        return kind.annotated(kind.public())
    return kind.annotated(visible(caller, kind.model._default_manager.all()))


def _one(kind: Kind, caller: Any, pk: int) -> Any:
    record = readable(kind, caller).filter(pk=pk).first()
    if record is None:  # another office's record reads exactly as one that does not exist
        raise ApiError(404, NOT_FOUND)
    return record


def _filters(kind: Kind) -> type[Schema]:
    fields: dict[str, Any] = {
        "updated_since": (
            datetime.datetime | None,
            Field(None, description="이 일시 뒤에 바뀐 기록만 (변경 이력 기준)"),
        )
    }
    if kind.date_path:
        fields["date_from"] = (datetime.date | None, Field(None, description="이 날부터"))
        fields["date_to"] = (datetime.date | None, Field(None, description="이 날까지"))
    if kind.has_field("domain"):
        fields["domain"] = (int | None, Field(None, ge=1, le=MAX_ID, description="분야 번호"))
    if kind.has_field("kind"):
        fields["kind"] = (str | None, Field(None, max_length=50, description="종류"))
    if kind.slug == "indicators":
        fields["as_of"] = (
            datetime.date | None,
            Field(None, description="진행 상태의 기준일 (없으면 대시보드와 같은 날)"),
        )
    if has_program(kind):
        fields["program"] = (
            int | None,
            Field(None, ge=1, le=MAX_ID, description="정책사업 번호"),
        )
    return create_model(f"{kind.model.__name__}Filters", __base__=Schema, **fields)


def _filtered(kind: Kind, records: QuerySet[Any], filters: Any) -> QuerySet[Any]:
    if filters.updated_since is not None:
        records = records.filter(updated_at__gt=filters.updated_since)
    if getattr(filters, "date_from", None) is not None:
        records = records.filter(**{f"{kind.date_path}__gte": filters.date_from})
    if getattr(filters, "date_to", None) is not None:
        records = records.filter(**{f"{kind.date_path}__lte": filters.date_to})
    if getattr(filters, "domain", None) is not None:
        records = records.filter(domain_id=filters.domain)
    if getattr(filters, "kind", None):
        records = records.filter(kind=filters.kind)
    if getattr(filters, "program", None) is not None:
        records = records.filter(**program_filter(kind, filters.program))
    return records


def _ask(kind: Kind, request: HttpRequest) -> None:
    """Refuse a day an indicator's status cannot be given on before reading anything."""
    if kind.slug == "indicators":
        schemas.asked_day(request)


def _with_etag(response: HttpResponse, record: Any) -> Any:
    response["ETag"] = writes.etag(record)
    return record


def _saved(kind: Kind, caller: Any, pk: int) -> Any:
    """The record as saved, read as a reader would read it (with `updated_at`)."""
    return kind.annotated(kind.model._default_manager.filter(pk=pk)).get()


def router_for(kind: Kind) -> Router:
    router = Router(tags=[kind.name])
    Out = schemas.record_read(kind)
    Filters = _filters(kind)
    slug = kind.slug.replace("-", "_")

    @router.get(
        "/",
        response={200: list[Out], **READ_ERRORS},
        auth=READ_AUTH,
        operation_id=f"{slug}_list",
        summary=f"{kind.name} 목록",
    )
    @paginate(Pages)
    def list_records(request: HttpRequest, filters: Query[Filters]) -> Any:
        _ask(kind, request)
        return _filtered(kind, readable(kind, request.auth), filters).order_by(
            *kind.model._meta.ordering, "pk"
        )

    @router.get(
        "/{id}",
        response={200: Out, **READ_ERRORS},
        auth=READ_AUTH,
        operation_id=f"{slug}_get",
        summary=f"{kind.name} 한 건 (ETag 포함)",
    )
    def get_record(
        request: HttpRequest, response: HttpResponse, id: int = Path(..., ge=1, le=MAX_ID)
    ) -> Any:
        _ask(kind, request)
        record = _one(kind, request.auth, id)
        # An ETag serves writes; to an anonymous reader it would tell when a private field
        # changed.
        return _with_etag(response, record) if request.auth.is_authenticated else record

    if kind.form_class is None:
        return router

    In = schemas.record_in(kind)
    Patch = schemas.record_patch(kind)

    @router.post(
        "/",
        response={201: Out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"{slug}_create",
        summary=f"{kind.name} 등록",
    )
    def create_record(request: HttpRequest, response: HttpResponse, payload: In) -> Any:
        saved = writes.save(kind, request.auth, None, payload.model_dump(exclude_unset=True))
        return Status(201, _with_etag(response, _saved(kind, request.auth, saved.pk)))

    def update(request: HttpRequest, response: HttpResponse, id: int, changes: dict[str, Any],
               replace: bool, if_match: str | None) -> Any:  # fmt: skip
        record = _one(kind, request.auth, id)
        shown = writes.shown_fingerprint(if_match)
        saved = writes.save(kind, request.auth, record, changes, replace=replace, shown=shown)
        return Status(200, _with_etag(response, _saved(kind, request.auth, saved.pk)))

    @router.put(
        "/{id}",
        response={200: Out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"{slug}_replace",
        summary=f"{kind.name} 전체 수정 (If-Match 필요)",
    )
    def replace_record(
        request: HttpRequest,
        response: HttpResponse,
        payload: In,
        id: int = Path(..., ge=1, le=MAX_ID),
        if_match: str | None = Header(None, alias="If-Match"),
    ) -> Any:
        return update(request, response, id, payload.model_dump(exclude_unset=True), True, if_match)

    @router.patch(
        "/{id}",
        response={200: Out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"{slug}_update",
        summary=f"{kind.name} 일부 수정 (If-Match 필요)",
    )
    def update_record(
        request: HttpRequest,
        response: HttpResponse,
        payload: Patch,
        id: int = Path(..., ge=1, le=MAX_ID),
        if_match: str | None = Header(None, alias="If-Match"),
    ) -> Any:
        return update(
            request, response, id, payload.model_dump(exclude_unset=True), False, if_match
        )

    @router.delete(
        "/{id}",
        response={204: None, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"{slug}_delete",
        summary=f"{kind.name} 삭제 (If-Match 필요)",
    )
    def delete_record(
        request: HttpRequest,
        id: int = Path(..., ge=1, le=MAX_ID),
        if_match: str | None = Header(None, alias="If-Match"),
    ) -> Any:
        record = _one(kind, request.auth, id)
        writes.delete(kind, request.auth, record, writes.shown_fingerprint(if_match))
        return Status(204, None)

    if kind.slug == "events":  # publishing is an act, not a field (schedule.actions)
        publicity.add_route(
            router,
            Out,
            WRITE_ERRORS,
            lambda caller, pk: _one(kind, caller, pk),
            lambda response, caller, pk: _with_etag(response, _saved(kind, caller, pk)),
        )
    return router


def add_routers(api: Any) -> None:
    for kind in KINDS:
        api.add_router(f"/{kind.slug}/", router_for(kind))
