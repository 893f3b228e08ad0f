"""Who may import what: the office's imports only, 관리자 for report definitions, and each new
record only where its importer could have created it by hand."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from sijeong.core.models import OfficeFunction
from sijeong.core.testing import logged_in
from sijeong.ingest import actions
from sijeong.ingest.models import ImportedDocument
from sijeong.programs.models import Narrative, Program
from sijeong.reports.models import Block, Report

from .test_apply import SMALL, run_command
from .test_pages import BUDGET, upload

PROGRAM = """II. 주요 업무

4

탄생응원
서울프로젝트

□ 사업개요

- 서울시 저출생 대책 통합 브랜드 **탄생응원서울 프로젝트**  추진
""".encode()
MORE = PROGRAM + "- 2대 분야(탄생응원 + 육아응원) 20개 핵심과제 추진\n".encode()


def staged(user, content=SMALL, name="small.txt"):
    return ImportedDocument.objects.get(
        pk=upload(logged_in(user), content, name).url.split("/")[-2]
    )


def test_the_import_list_shows_only_the_offices_own_imports(bob, next_door_people):
    staged(bob, BUDGET, "ours.txt")
    staged(next_door_people["editor"], BUDGET, "theirs.txt")
    ours = logged_in(bob).get(reverse("ingest:list")).content.decode()
    theirs = logged_in(next_door_people["viewer"]).get(reverse("ingest:list")).content.decode()
    assert "ours.txt" in ours and "theirs.txt" not in ours
    assert "theirs.txt" in theirs and "ours.txt" not in theirs


def test_another_offices_import_is_a_page_that_does_not_exist(alice, next_door_people):
    document = staged(alice, BUDGET)
    for person in next_door_people.values():
        client = logged_in(person)
        assert client.get(reverse("ingest:detail", args=[document.pk])).status_code == 404
        assert client.post(reverse("ingest:apply", args=[document.pk])).status_code == 404
    document.refresh_from_db()
    assert not document.applied


def test_only_admins_and_editors_upload(dave, next_door_people):
    assert upload(logged_in(dave), BUDGET).status_code == 403
    assert upload(logged_in(next_door_people["viewer"]), BUDGET).status_code == 403
    assert not ImportedDocument.objects.exists()


def test_an_editor_may_not_define_a_report_by_any_path(bob, alice):
    document = staged(bob, BUDGET)
    client = logged_in(bob)
    page = client.get(reverse("ingest:detail", args=[document.pk])).content.decode()
    assert "보고서 정의" not in page and "기록에 반영하기" in page
    answer = client.post(
        reverse("ingest:apply", args=[document.pk]), {"report": "council"}, follow=True
    ).content.decode()
    assert "관리자만" in answer and not Report.objects.exists()
    document.refresh_from_db()
    assert not document.applied
    with pytest.raises(actions.ReportDefinitionError, match="관리자만"):
        actions.apply_staged(document, bob, report="council")
    assert not Report.objects.exists()
    admin_page = logged_in(alice).get(reverse("ingest:detail", args=[document.pk]))
    assert "보고서 정의" in admin_page.content.decode()


def test_the_seed_report_is_not_rebuilt_by_its_editor(seed_people):
    blocks = Block.objects.count()
    document = staged(seed_people["editor"], BUDGET)
    logged_in(seed_people["editor"]).post(
        reverse("ingest:apply", args=[document.pk]), {"report": "secretariat-2024-09"}
    )
    assert Block.objects.count() == blocks


def test_a_report_of_another_office_is_not_remade(seeded, next_door_people):
    blocks = Block.objects.count()
    document = staged(next_door_people["admin"], BUDGET)
    answer = logged_in(next_door_people["admin"]).post(
        reverse("ingest:apply", args=[document.pk]),
        {"report": "secretariat-2024-09"},
        follow=True,
    )
    assert "다른 기관의 것" in answer.content.decode()
    assert Block.objects.count() == blocks
    assert Report.objects.get(slug="secretariat-2024-09").office == seeded


def test_an_editor_may_not_create_admin_only_kinds(bob):
    document = staged(bob)  # 주요 기능: office functions and their points
    page = logged_in(bob).get(reverse("ingest:detail", args=[document.pk])).content.decode()
    assert "만들 권한이 없는 기록" in page and "주요 기능" in page
    with pytest.raises(
        actions.Refused, match=r"주요 기능 1건\(3행\).*주요 기능 세부 내용 1건\(4행\)"
    ):
        actions.apply_staged(document, bob)
    assert not OfficeFunction.objects.exists()
    document.refresh_from_db()
    assert not document.applied and not document.records.exists()


def test_the_admin_sees_no_refusal_and_applies(alice):
    document = staged(alice)
    page = logged_in(alice).get(reverse("ingest:detail", args=[document.pk])).content.decode()
    assert "만들 권한이 없는 기록" not in page
    _, new = actions.apply_staged(document, alice)
    assert new and OfficeFunction.objects.count() == 1


def test_an_editor_may_not_add_to_another_departments_programme(bob, carol, department):
    actions.apply_staged(staged(bob, PROGRAM), bob)
    program = Program.objects.get()
    assert program.department == department
    document = staged(carol, MORE, "more.txt")
    page = logged_in(carol).get(reverse("ingest:detail", args=[document.pk])).content.decode()
    assert "만들 권한이 없는 기록" in page
    answer = logged_in(carol).post(reverse("ingest:apply", args=[document.pk]), follow=True)
    assert "11행" in answer.content.decode() and Narrative.objects.count() == 1
    # Bob, whose programme it is, adds the same line.
    _, new = actions.apply_staged(document, bob)
    assert new and Narrative.objects.count() == 2


def test_the_command_acts_for_a_user_with_exactly_their_rights(alice, bob, dave, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    code, _, err = run_command(str(path), "--apply", "--user", "nobody")
    assert code == 2 and "사용자 'nobody'를 찾을 수 없습니다" in err
    code, _, err = run_command(str(path), "--apply", "--user", "dave")
    assert code == 2 and "권한이 없습니다" in err
    code, _, err = run_command(str(path), "--apply", "--user", "bob")
    assert code == 2 and "주요 기능" in err and not OfficeFunction.objects.exists()
    code, _, err = run_command(str(path), "--apply", "--user", "bob", "--report", "small")
    assert code == 2 and "관리자만" in err and not Report.objects.exists()
    code, _, err = run_command(str(path), "--apply", "--user", "alice", "--office", "elsewhere")
    assert code == 2 and "elsewhere" in err
    code, _, _ = run_command(str(path), "--apply", "--user", "alice", "--report", "small")
    assert code == 0
    document = ImportedDocument.objects.get()
    assert document.office == alice.department.office and document.applied_by == alice
    assert Report.objects.get(slug="small").office == alice.department.office


def test_the_command_without_a_user_is_the_operator(db, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import_report", str(path), "--apply", "--new-office", "o", stdout=out, stderr=err
        )
        raise SystemExit(0)
    assert exit_.value.code == 0 and OfficeFunction.objects.count() == 1
