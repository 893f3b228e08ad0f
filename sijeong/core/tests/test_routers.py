"""Reads go to a replica only in requests that change nothing, from people who changed nothing
just before; writes, commands and the task worker use the primary."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from sijeong.core import routers
from sijeong.core.routers import PIN_COOKIE, ReplicaReads, ReplicaRouter
from sijeong.schedule.models import Event


@pytest.fixture(autouse=True)
def one_replica(monkeypatch):
    monkeypatch.setattr(routers, "replicas", lambda: ["replica1"])


def read_from(request):
    """The database the router picks for a read made while answering `request`."""
    chosen = {}

    def view(request):
        chosen["db"] = ReplicaRouter().db_for_read(Event)
        chosen["write"] = ReplicaRouter().db_for_write(Event)
        return HttpResponse()

    response = ReplicaReads(view)(request)
    return chosen["db"], chosen["write"], response


@override_settings(REPLICA_PIN_SECONDS=10)
def test_a_page_that_changes_nothing_reads_from_a_replica():
    db, write, response = read_from(RequestFactory().get("/schedule/"))
    assert (db, write) == ("replica1", "default")
    assert PIN_COOKIE not in response.cookies


@override_settings(REPLICA_PIN_SECONDS=10)
def test_a_change_reads_and_writes_the_primary_and_pins_the_next_pages_to_it():
    db, write, response = read_from(RequestFactory().post("/records/media/1/edit/"))
    assert (db, write) == ("default", "default")
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    factory = RequestFactory()
    factory.cookies[PIN_COOKIE] = "1"
    db, _, _ = read_from(factory.get("/records/media/"))
    assert db == "default"


def test_outside_a_request_everything_uses_the_primary():
    assert ReplicaRouter().db_for_read(Event) == "default"
    assert ReplicaRouter().allow_migrate("replica1", "schedule") is False
