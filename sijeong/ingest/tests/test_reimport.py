"""Importing again: records already there are matched and updated through their history, never
duplicated; an applied import can be undone while nothing it touched has changed since."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sijeong.budget.models import BudgetLine
from sijeong.core.models import Indicator, Observation, OfficeFunction
from sijeong.core.testing import logged_in, reference_text
from sijeong.ingest import actions
from sijeong.ingest.models import ImportedDocument, ImportedRecord
from sijeong.org.models import StaffingLine
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import ComparisonTable, Narrative, Program, TrackedItem
from sijeong.relations.models import Agreement, MeetingSession
from sijeong.reports.models import Report
from sijeong.schedule.models import Event

from .test_apply import SMALL, run_command
from .test_pages import BUDGET


def staged(content, name, office, by=None):
    return actions.stage(content, name, office, by)


def test_the_same_content_in_another_file_changes_nothing(office):
    first, _, _ = actions.apply(SMALL, "small.txt", office)
    second, _, new = actions.apply(SMALL + b"\n", "small-again.txt", office)
    assert new and second != first
    assert (second.summary["created"], second.summary["updated"]) == (0, 0)
    assert second.summary["unchanged"] == first.summary["created"]
    assert OfficeFunction.objects.count() == 1 and BudgetLine.objects.count() == 1


def more(content):
    """`content` with one more point under its office function."""
    return content.replace(
        " - 현장방문 등 일정 수립\n".encode(), " - 현장방문 등 일정 수립\n - 메시지 지원\n".encode()
    )


def test_the_preview_lists_new_changed_and_unchanged_with_old_and_new_values(office):
    actions.apply(SMALL, "small.txt", office)
    changed = more(SMALL.replace(b"277,200", b"300,000"))
    comparison = actions.compare(staged(changed, "v2.txt", office), None)
    assert [(o.kind, o.changes) for o in comparison.changed] == [
        ("예산 과목", (("예산액(원)", "277,200,000", "300,000,000"),))
    ]
    # Named as a person would: under the function it belongs to, not by an internal key.
    assert [o.label for o in comparison.new] == ["「민생현장 중심 일정기획」 메시지 지원"]
    assert len(comparison.unchanged) == 3  # the function, its point, the spending


def test_apply_updates_a_changed_record_through_its_history_as_its_importer(alice, office):
    actions.apply(SMALL, "small.txt", office, by=alice)
    changed = SMALL.replace(b"277,200", b"300,000")
    document, _, _ = actions.apply(changed, "v2.txt", office, by=alice)
    line = BudgetLine.objects.get()
    assert line.amount == 300_000_000 and document.summary["updated"] == 1
    latest = line.history.latest()
    assert latest.history_type == "~" and latest.history_user == alice
    link = ImportedRecord.objects.get(
        document=document, object_id=line.pk, content_type__model="budgetline"
    )
    assert link.changes == {"amount": [277_200_000, 300_000_000]}


def test_an_editor_may_not_change_a_record_of_another_department(bob, carol, office):
    document = staged(BUDGET, "budget.txt", office, carol)
    actions.apply_staged(document, carol)
    changed = BUDGET.replace(b"277,200", b"300,000")
    with pytest.raises(actions.Refused, match="예산 과목 \\(수정\\)"):
        actions.apply_staged(staged(changed, "v2.txt", office, bob), bob)
    assert BudgetLine.objects.get().amount == 277_200_000


def test_undo_deletes_what_it_made_and_restores_what_it_changed(alice, office):
    actions.apply(SMALL, "small.txt", office, by=alice)
    changed = more(SMALL.replace(b"277,200", b"300,000"))
    document, _, _ = actions.apply(changed, "v2.txt", office, by=alice)
    assert actions.undo(document, alice) == {"deleted": 1, "restored": 1}
    line = BudgetLine.objects.get()
    assert line.amount == 277_200_000 and line.history.latest().history_user == alice
    assert [p.text for p in OfficeFunction.objects.get().points.all()] == ["현장방문 등 일정 수립"]
    document.refresh_from_db()
    assert not document.applied and document.undone_by == alice
    assert not document.records.exists()
    # Undone, it can be applied again.
    _, new = actions.apply_staged(document, alice)
    assert new and BudgetLine.objects.get().amount == 300_000_000


def test_undo_is_refused_naming_what_changed_since(alice, bob, office):
    document, _, _ = actions.apply(SMALL, "small.txt", office, by=alice)
    line = BudgetLine.objects.get()
    line.purpose = "고친 비고"
    line._history_user = bob
    line.save()
    with pytest.raises(
        actions.UndoRefused, match=r"예산 과목 '2024년 기관운영업무추진비' \(.* bob 수정\)"
    ):
        actions.undo(document, alice)
    assert OfficeFunction.objects.exists() and BudgetLine.objects.get().purpose == "고친 비고"


def test_undo_is_refused_when_it_would_take_a_record_added_since(alice, office):
    document, _, _ = actions.apply(SMALL, "small.txt", office, by=alice)
    OfficeFunction.objects.get().points.create(text="나중에 적은 내용")
    with pytest.raises(actions.UndoRefused, match="나중에 적은 내용"):
        actions.undo(document, alice)
    assert OfficeFunction.objects.get().points.count() == 2


def test_who_applied_or_the_admin_may_undo_on_the_page(alice, bob, carol, office):
    document = staged(BUDGET, "budget.txt", office, bob)
    actions.apply_staged(document, bob)
    url = reverse("ingest:detail", args=[document.pk])
    assert "반영 되돌리기" in logged_in(bob).get(url).content.decode()
    assert "반영 되돌리기" not in logged_in(carol).get(url).content.decode()
    assert logged_in(carol).post(reverse("ingest:undo", args=[document.pk])).status_code == 403
    answer = logged_in(alice).post(reverse("ingest:undo", args=[document.pk]), follow=True)
    assert "되돌렸습니다" in answer.content.decode() and not BudgetLine.objects.exists()


def test_the_command_undoes_an_import_by_its_number(office, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    code, _, err = run_command(str(path), "--apply", "--office", office.slug)
    document = ImportedDocument.objects.get()
    assert code == 0 and f"가져오기 {document.pk}번" in err and "새로 만든 기록 4건" in err
    code, _, err = run_command("--undo", str(document.pk))
    assert code == 0 and "되돌렸습니다" in err and not OfficeFunction.objects.exists()
    code, _, err = run_command("--undo", str(document.pk))
    assert code == 2 and "반영하지 않은" in err


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Program,
            TrackedItem,
            ComparisonTable,
            Indicator,
            Observation,
            Event,
            MediaEngagement,
            StaffingLine,
            BudgetLine,
            MeetingSession,
            Agreement,
            OfficeFunction,
        )
    }


@pytest.mark.reference
def test_importing_the_reference_over_the_seed_duplicates_nothing(seeded):
    before, narratives = counts(), Narrative.objects.count()
    content = reference_text().encode()
    document, _, _ = actions.apply(content, "reference.txt", seeded)
    assert counts() == before and document.summary["updated"] == 0
    # Lines the seed keeps as other records (a sub-project's title and tag, a milestone with
    # its month, tracked items listed) are read back as what those records print: none is new.
    assert Narrative.objects.count() == narratives and document.summary["created"] == 0
    # A sub-title (`추진 실적[~'24.8월]`) is the report's structure, never a record.
    assert not Narrative.objects.filter(text__contains="[~").exists()
    texts = list(Narrative.objects.values_list("program_id", "section", "text"))
    assert len(texts) == len(set(texts))
    again, _, _ = actions.apply(content + b"\n", "reference-again.txt", seeded)
    assert (again.summary["created"], again.summary["updated"]) == (0, 0)
    assert Program.objects.get(slug="step-free-stations").tracked_items.count() == 13
    assert datetime.date(2024, 8, 31) in set(Observation.objects.values_list("as_of", flat=True))


def test_the_command_previews_against_an_office_what_is_new_and_what_changes(office, tmp_path):
    actions.apply(SMALL, "small.txt", office)
    path = tmp_path / "v2.txt"
    path.write_bytes(more(SMALL.replace(b"277,200", b"300,000")))
    code, out, _ = run_command(str(path), "--office", office.slug)
    assert code == 0 and "새로 만들 기록 1건, 고칠 기록 1건, 이미 같은 기록 3건" in out
    assert (
        "예산액(원) 277,200,000 → 300,000,000" in out
        and "새 주요 기능 세부 내용 '「민생현장 중심 일정기획」 메시지 지원'" in out
    )
    assert BudgetLine.objects.get().amount == 277_200_000 and ImportedDocument.objects.count() == 1


PROGRAMME = """주요업무보고
2024. 9.
Ⅱ. 주요 업무
1 현장시정 강화
현장방문으로 정책 체감도 제고
□ 추진방향
- 민생 현장방문 일정 기획
""".encode()


def test_undo_is_refused_while_a_report_definition_uses_a_programme_it_made(office):
    document, _, _ = actions.apply(PROGRAMME, "programme.txt", office, report="defined")
    with pytest.raises(
        actions.UndoRefused, match=r"보고서 장 .*사업 '현장시정 강화'을\(를\) 가리킴"
    ):
        actions.undo(document, None)
    assert Program.objects.filter(title="현장시정 강화").exists()
    Report.objects.get(slug="defined").delete()
    assert actions.undo(document, None) == {"deleted": 2, "restored": 0}  # programme, line
    assert not Program.objects.exists() and not Narrative.objects.exists()


EVENTS = """Ⅱ. 주요 업무
1 현장시정 강화
현장방문으로 정책 체감도 제고
□ 주요 추진내용 ('24. 1월~'24. 8월)
- 재난·안전 현장방문
안전 분야 재난 예방
√ 폭염대비 현장점검
- ▶ 일시/장소 : '24. 8. 6.(화) 11:10 / 서울역
"""


def test_a_record_moved_to_a_domain_the_import_made_goes_back_on_undo(office):
    actions.apply(EVENTS.encode(), "events.txt", office)
    moved = EVENTS.replace("안전 분야", "민생 분야").replace("11:10", "11:30")
    document, _, _ = actions.apply(moved.encode(), "moved.txt", office)
    event = Event.objects.get()
    assert (event.domain.name, event.start_time) == ("민생", datetime.time(11, 30))
    assert actions.undo(document, None)["restored"] == 1
    event.refresh_from_db()
    assert (event.domain.name, event.start_time) == ("안전", datetime.time(11, 10))
    assert list(event.domain.__class__.objects.values_list("name", flat=True)) == ["안전"]


def test_the_import_page_shows_what_would_change_before_applying(bob, department):
    client = logged_in(bob)
    first = client.post(
        reverse("ingest:upload"), {"file": SimpleUploadedFile("budget.txt", BUDGET)}
    ).url
    client.post(first + "apply/")
    changed = BUDGET.replace(b"277,200", b"300,000")
    second = client.post(
        reverse("ingest:upload"), {"file": SimpleUploadedFile("v2.txt", changed)}
    ).url
    page = client.get(second).content.decode()
    assert "새로 만들 기록 0건 · 고칠 기록 1건 · 이미 같은 기록 1건" in page
    assert "예산액(원): 277,200,000 → 300,000,000" in page
    assert 'style="' not in page and "<script>" not in page  # the site's CSP
    applied = client.post(second + "apply/", follow=True).content.decode()
    assert "새로 만든 기록 0건, 고친 기록 1건, 그대로인 기록 1건" in applied
    assert "수정함" in applied and BudgetLine.objects.get().amount == 300_000_000
