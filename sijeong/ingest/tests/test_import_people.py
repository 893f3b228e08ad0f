"""Who uploaded, previewed and applied each import is recorded and shown on its page."""

from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.ingest.models import ImportedDocument

from .test_pages import BUDGET, upload


def test_uploader_previewers_and_applier_are_recorded_and_shown(alice, bob, dave):
    detail = upload(logged_in(bob), BUDGET, "budget.txt").url
    logged_in(bob).get(detail)
    logged_in(dave).get(detail)
    logged_in(dave).get(detail)
    logged_in(alice).post(detail + "apply/")
    document = ImportedDocument.objects.get()
    assert document.imported_by == bob and document.applied_by == alice
    assert document.applied_at is not None
    reviews = {r.user.username: r.views for r in document.reviews.all()}
    assert reviews == {"bob": 1, "dave": 2}
    page = logged_in(dave).get(reverse("ingest:detail", args=[document.pk])).content.decode()
    table = page.split("<h2>처리한 사람</h2>")[1].split("</table>")[0]
    assert "<td>올림</td><td>bob</td>" in table
    assert "<td>미리봄 (3회)</td><td>dave</td>" in table
    assert "<td>반영함</td><td>alice</td>" in table


def test_the_first_and_last_preview_are_kept(bob):
    detail = upload(logged_in(bob), BUDGET, "budget.txt").url
    client = logged_in(bob)
    client.get(detail)
    review = ImportedDocument.objects.get().reviews.get()
    first = review.first_at
    client.get(detail)
    review.refresh_from_db()
    assert review.first_at == first and review.last_at > first and review.views == 2
