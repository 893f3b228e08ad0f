"""Uploads left unapplied past IMPORT_REVIEW_DAYS lose their file; applied ones keep it."""

import datetime

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sijeong.core.testing import logged_in
from sijeong.ingest import actions
from sijeong.ingest.models import ImportedDocument

from .test_pages import BUDGET, upload


def aged(document, days):
    ImportedDocument.objects.filter(pk=document.pk).update(
        imported_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_an_upload_waiting_past_the_period_loses_its_file(bob, alice):
    upload(logged_in(bob), BUDGET, "waiting.txt")
    waiting = ImportedDocument.objects.get()
    upload(logged_in(alice), BUDGET + b"\n", "applied.txt")
    applied = ImportedDocument.objects.exclude(pk=waiting.pk).get()
    actions.apply_staged(applied, alice)
    aged(waiting, 15)
    aged(applied, 15)
    call_command("expire_imports")
    waiting.refresh_from_db()
    applied.refresh_from_db()
    assert waiting.expired and bytes(waiting.content) == b"" and waiting.preview == {}
    assert not applied.expired and bytes(applied.content) == BUDGET + b"\n"


def test_an_upload_within_the_period_is_kept(bob):
    upload(logged_in(bob), BUDGET, "waiting.txt")
    document = ImportedDocument.objects.get()
    aged(document, 13)
    assert actions.expire_unreviewed() == 0
    with override_settings(IMPORT_REVIEW_DAYS=10):
        assert actions.expire_unreviewed() == 1


def test_opening_the_list_expires_and_the_page_says_so(bob):
    detail = upload(logged_in(bob), BUDGET, "waiting.txt").url
    aged(ImportedDocument.objects.get(), 30)
    client = logged_in(bob)
    assert "기한 지남" in client.get(reverse("ingest:list")).content.decode()
    page = client.get(detail).content.decode()
    assert "원본 파일과 미리보기를 지웠습니다" in page and "기록에 반영하기" not in page
    answer = client.post(detail + "apply/", follow=True).content.decode()
    assert "다시 올려 주세요" in answer


def test_uploading_an_expired_file_again_brings_it_back(bob):
    upload(logged_in(bob), BUDGET, "waiting.txt")
    aged(ImportedDocument.objects.get(), 30)
    actions.expire_unreviewed()
    upload(logged_in(bob), BUDGET, "again.txt")
    document = ImportedDocument.objects.get()
    assert not document.expired and bytes(document.content) == BUDGET
    assert document.filename == "again.txt" and document.preview["records"]
