"""Several people applying one import at the same moment: exactly one applies it, the others
are told it is already applied — never a 500, never a record twice. Run on SQLite and, with
DATABASE_URL, on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from sijeong.budget.models import BudgetLine
from sijeong.core.testing import logged_in
from sijeong.ingest.models import ImportedDocument, ImportedRecord

from .test_pages import BUDGET, upload

APPLIERS = 5


@pytest.mark.django_db(transaction=True)
def test_simultaneous_applies_apply_once(alice, bob):
    detail = upload(logged_in(bob), BUDGET, "budget.txt").url
    clients = [logged_in(alice if n % 2 else bob) for n in range(APPLIERS)]
    start = threading.Barrier(APPLIERS)
    answers: list[tuple[int, str]] = []

    def apply(client):
        try:
            start.wait()
            response = client.post(detail + "apply/", follow=True)
            answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for status, _ in answers] == [200] * APPLIERS
    applied = [page for _, page in answers if "반영했습니다" in page]
    told = [page for _, page in answers if "이미 반영된 문서입니다" in page]
    assert len(applied) == 1 and len(told) == APPLIERS - 1
    document = ImportedDocument.objects.get()
    assert BudgetLine.objects.count() == 1
    assert ImportedRecord.objects.count() == len(document.preview["records"])
    assert document.applied_by is not None
    assert reverse("ingest:list")
