"""Several files uploaded at once: each read by the worker into an import of its own, to be
reviewed and applied as a single upload is; a file that cannot be read is said so on its own."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.ingest.models import ImportedDocument
from sijeong.ingest.tests.test_pages import BUDGET, SMALL
from sijeong.jobs.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


def upload(client, *files):
    return client.post(
        reverse("ingest:upload"),
        {"file": [SimpleUploadedFile(name, content) for name, content in files]},
    )


def test_several_files_become_imports_and_a_bad_one_is_reported(bob, worker):
    client = logged_in(bob)
    response = upload(
        client,
        ("예산.txt", BUDGET),
        ("작은보고.txt", SMALL),
        ("깨진파일.docx", b"PK\x03\x04 not really a docx"),
    )
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.total) == ("imports", "queued", 3)
    assert not ImportedDocument.objects.exists()  # nothing is read in the request

    worker()

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    documents = ImportedDocument.objects.order_by("pk")
    assert [d.filename for d in documents] == ["예산.txt", "작은보고.txt"]
    assert all(d.imported_by == bob and not d.applied for d in documents)
    names = [item["name"] for item in job.items]
    assert names == ["예산.txt", "작은보고.txt", "깨진파일.docx"]
    assert [item["url"] for item in job.items[:2]] == [
        reverse("ingest:detail", args=[d.pk]) for d in documents
    ]
    bad = job.items[2]
    assert bad["url"] == "" and bad["error"]
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "완료" in page and "3 / 3" in page and "읽지 못함" in page and bad["error"] in page
    # The uploads waited for the worker in storage; they are gone once read.
    assert all(not default_storage.exists(f["path"]) for f in job.params["files"])
    # Each import is reviewed and applied as a single upload is.
    detail = reverse("ingest:detail", args=[documents[0].pk])
    assert client.get(detail).status_code == 200
    client.post(reverse("ingest:apply", args=[documents[0].pk]), {"report": ""})
    assert ImportedDocument.objects.get(pk=documents[0].pk).applied


def test_one_file_is_still_read_at_once(bob):
    response = upload(logged_in(bob), ("예산.txt", BUDGET))
    document = ImportedDocument.objects.get()
    assert response.url == reverse("ingest:detail", args=[document.pk])
    assert not Job.objects.exists()


def test_a_viewer_cannot_upload_several_files(dave):
    assert upload(logged_in(dave), ("a.txt", BUDGET), ("b.txt", SMALL)).status_code == 403
    assert not Job.objects.exists()


def test_the_import_job_is_the_office_s_alone(bob, next_door_people, worker):
    upload(logged_in(bob), ("a.txt", BUDGET), ("b.txt", SMALL))
    worker()
    job = Job.objects.get()
    client = logged_in(next_door_people["admin"])
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_too_many_files_is_a_korean_message(bob, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 100
    response = upload(logged_in(bob), *[(f"{n}.txt", BUDGET + b"\n" * n) for n in range(21)])
    assert "한 번에 20개까지 올려 주세요." in response.content.decode()
    assert not Job.objects.exists()
