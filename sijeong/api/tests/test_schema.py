"""The OpenAPI document validates, and Schemathesis, generating requests from it against the
running application as a 관리자 with a token, finds no server error and no answer that
disagrees with the document."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sijeong.wsgi import application


def test_the_openapi_document_validates(db: None) -> None:
    from django.test import Client

    answer = Client().get("/api/v1/openapi.json")
    assert answer.status_code == 200
    loaded = schemathesis.openapi.from_dict(answer.json())
    operations = [result.ok() for result in loaded.get_all_operations()]  # raises if invalid
    assert len(operations) > 100
    assert Client().get("/api/v1/docs").status_code == 200


# Writing the document reads no records: it can be loaded before the database exists.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def admin_token(alice: Any, department: Any) -> Any:
    """A small office (not the whole seed: every operation builds it again) with a 관리자's
    token; the WSGI calls keep the test's database connection open, as Django's test
    client does."""
    from django.core import signals
    from django.db import close_old_connections

    from sijeong.api.tokens import issue
    from sijeong.schedule.models import Event

    Event.objects.create(
        office=department.office, department=department, title="현장 방문", kind="field_visit",
        date="2024-08-01", place="시청",
    )  # fmt: skip
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield issue(alice, "schemathesis")[1]
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_to_its_document(case: Any, admin_token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {admin_token}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
