"""The preview is made once, at upload, and kept: opening the page or applying never reads
the file again, so a 열람자 cannot make the server repeat the work."""

from django.urls import reverse

from sijeong.budget.models import BudgetLine
from sijeong.core.testing import logged_in
from sijeong.ingest import actions
from sijeong.ingest.models import ImportedDocument

from .test_pages import BUDGET, upload


def never(*args, **kwargs):
    raise AssertionError("the file was read again")


def test_the_preview_is_stored_at_upload_and_shown_without_reading_again(bob, dave, monkeypatch):
    detail = upload(logged_in(bob), BUDGET, "budget.txt").url
    document = ImportedDocument.objects.get()
    assert document.preview["records"][0]["model"] == "budget.budgetline"
    monkeypatch.setattr(actions, "read", never)
    monkeypatch.setattr(actions, "preview", never)
    client = logged_in(dave)
    for _ in range(3):
        page = client.get(detail).content.decode()
        assert "예산 과목" in page and "줄 5개" in page


def test_apply_writes_the_stored_preview(bob, monkeypatch):
    upload(logged_in(bob), BUDGET, "budget.txt")
    monkeypatch.setattr(actions, "preview", never)
    _, new = actions.apply_staged(ImportedDocument.objects.get(), bob)
    assert new and BudgetLine.objects.get().subject == "기관운영업무추진비"


def test_an_import_staged_before_previews_were_kept_is_read_once(bob, office):
    document = ImportedDocument.objects.create(
        office=office, filename="old.txt", format="text", content=BUDGET, sha256="0" * 64
    )
    client = logged_in(bob)
    client.get(reverse("ingest:detail", args=[document.pk]))
    document.refresh_from_db()
    assert document.preview["line_count"] == 5
