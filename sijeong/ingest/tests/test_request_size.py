"""The web layer refuses a body larger than the cap before reading it; the limits agree."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.documents.reading.text import MAX_BYTES
from sijeong.ingest.forms import UploadForm
from sijeong.ingest.models import ImportedDocument


def test_a_request_declaring_more_than_the_cap_is_refused_unread_in_korean(bob):
    response = logged_in(bob).generic(
        "POST",
        reverse("ingest:upload"),
        b"x",  # the declared length is what counts: the body is never read
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "요청이 너무 큽니다 (200.0MB)" in text and "31MB" in text
    assert not ImportedDocument.objects.exists()


def test_anonymous_requests_are_capped_too(db):
    response = Client().generic(
        "POST", reverse("login"), b"", CONTENT_LENGTH=str(settings.REQUEST_MAX_BYTES + 1)
    )
    assert response.status_code == 413


def test_a_request_within_the_cap_goes_through(bob):
    response = logged_in(bob).get(reverse("ingest:upload"), CONTENT_LENGTH="10")
    assert response.status_code == 200


def test_the_limits_agree():
    assert MAX_BYTES < settings.REQUEST_MAX_BYTES <= MAX_BYTES + 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.REQUEST_MAX_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= MAX_BYTES
    assert f"{MAX_BYTES // 1024 // 1024}MB" in str(UploadForm().fields["file"].help_text)
