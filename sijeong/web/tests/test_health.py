"""The liveness check answers without the database, so a load balancer keeps a process that
can serve even while the database everyone shares is away."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def test_the_health_check_answers_anyone_without_touching_the_database(db):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/health/")
    assert response.status_code == 200 and response.content == b"ok"
    assert len(queries) == 0
