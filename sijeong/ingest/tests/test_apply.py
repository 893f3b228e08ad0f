"""Applying an import: one transaction, kept file, linked records, no duplicates."""

import datetime
import json
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from sijeong.budget.models import BudgetLine
from sijeong.core.models import Office, OfficeFunction
from sijeong.core.seed import SEED_DIR, load_file
from sijeong.core.testing import reference_text
from sijeong.ingest import actions
from sijeong.ingest.models import ImportedDocument, ImportedRecord
from sijeong.org.models import StaffingLine
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import TrackedItem
from sijeong.relations.models import Agreement, MeetingSession
from sijeong.reports.models import Block, Report
from sijeong.reports.tests.test_reference import NOTATION_EXCEPTIONS
from sijeong.reports.writing import write
from sijeong.schedule.actions import set_publicity
from sijeong.schedule.models import Event

SMALL = """I. 일반 현황
1 주요 기능
- **민생현장 중심 일정기획**
 - 현장방문 등 일정 수립
3 예산 집행현황 (기준 / 단위 : '24.8월 / 천원)
구분\t예산액\t집행액\t잔액\t비고
기관운영업무추진비\t277,200\t97,993 (35.4%)\t179,207\t제반 경비
""".encode()


def test_apply_creates_records_linked_to_the_kept_file(office):
    document, _, new = actions.apply(SMALL, "small.txt", office)
    assert new and bytes(document.content) == SMALL and document.format == "text"
    function = OfficeFunction.objects.get(office=office)
    assert (
        function.title == "민생현장 중심 일정기획"
        and function.points.get().text == "현장방문 등 일정 수립"
    )
    line = BudgetLine.objects.get(office=office)
    assert line.execution(datetime.date(2024, 8, 31)).executed == 97_993_000
    link = ImportedRecord.objects.get(object_id=line.pk, content_type__model="budgetline")
    assert link.document == document and link.lines == [7]


ONE_EVENT = """Ⅱ. 주요 업무
1 현장시정 강화
현장방문으로 정책 체감도 제고
□ 주요 추진내용 ('24. 1월~'24. 8월)
- 재난·안전 현장방문
안전 분야 재난 예방
√ 폭염대비 현장점검
- ▶ 일시/장소 : '24. 8. 6.(화) 11:10 / 서울역
""".encode()


def test_an_imported_event_is_private_until_someone_publishes_it(office, alice):
    actions.apply(ONE_EVENT, "events.txt", office, alice)
    event = Event.objects.get(office=office)
    assert not event.is_public and event.privacy_reason is None
    set_publicity(event, alice, public=True)
    # Importing it again (a corrected time) leaves the publishing to the person who did it.
    actions.apply(ONE_EVENT.replace(b"11:10", b"11:30"), "events-v2.txt", office, alice)
    event.refresh_from_db()
    assert event.is_public and event.start_time == datetime.time(11, 30)


def test_importing_the_same_file_again_changes_nothing(office):
    first, _, _ = actions.apply(SMALL, "small.txt", office)
    again, _, new = actions.apply(SMALL, "small-copy.txt", office)
    assert again == first and not new
    assert ImportedDocument.objects.count() == 1 and OfficeFunction.objects.count() == 1


def test_a_changed_file_adds_only_what_is_new(office):
    actions.apply(SMALL, "small.txt", office)
    changed = SMALL.replace(
        " - 현장방문 등 일정 수립\n".encode(), " - 현장방문 등 일정 수립\n - 메시지 지원\n".encode()
    )
    _, _, new = actions.apply(changed, "v2.txt", office)
    function = OfficeFunction.objects.get(office=office)
    assert new and [p.text for p in function.points.all()] == [
        "현장방문 등 일정 수립",
        "메시지 지원",
    ]
    assert BudgetLine.objects.count() == 1 and ImportedDocument.objects.count() == 2


def test_a_failure_midway_leaves_nothing_behind(office, monkeypatch):
    def broken(self, planned):
        if planned.model == "budget.budgetline":
            raise RuntimeError("disk full")
        return original(self, planned)

    original = actions._Applier.apply
    monkeypatch.setattr(actions._Applier, "apply", broken)
    with pytest.raises(RuntimeError):
        actions.apply(SMALL, "small.txt", office)
    assert ImportedDocument.objects.count() == 0 and OfficeFunction.objects.count() == 0


def test_a_record_the_database_cannot_take_fails_in_korean_with_its_line(office):
    too_long = SMALL.replace("현장방문 등 일정 수립".encode(), ("가" * 400).encode())
    with pytest.raises(
        actions.ApplyError,
        match=r"4행의 주요 기능 세부 내용 '「민생현장 중심 일정기획」 가+…'.*최대 300.*반영하지",
    ):
        actions.apply(too_long, "long.txt", office)
    assert ImportedDocument.objects.count() == 0 and OfficeFunction.objects.count() == 0


def test_the_command_reports_a_refused_record_with_exit_2(db, tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(SMALL.replace("현장방문 등 일정 수립".encode(), ("가" * 400).encode()))
    code, _, err = run_command(str(path), "--apply", "--new-office", "o")
    assert code == 2 and "4행" in err and "Traceback" not in err
    assert not OfficeFunction.objects.exists()


def run_command(*args):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_report", *args, stdout=out, stderr=err)
        raise SystemExit(0)
    return exit_.value.code, out.getvalue(), err.getvalue()


def test_the_command_previews_without_writing(db, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    code, out, _ = run_command(str(path))
    assert code == 0 and "만들 기록" in out and "예산 과목: 1건" in out
    assert not Office.objects.exists()
    code, out, _ = run_command(str(path), "--json")
    assert json.loads(out)["records"][0]["model"] == "core.officefunction"


@pytest.mark.parametrize(("content", "reason"), [(b"", "빈 파일"), (b"PK\x03\x04junk", "손상")])
def test_the_command_exits_2_with_the_reason(db, tmp_path, content, reason):
    path = tmp_path / "bad.hwpx"
    path.write_bytes(content)
    code, _, err = run_command(str(path))
    assert code == 2 and reason in err and "Traceback" not in err


def test_a_missing_file_is_exit_2_in_a_real_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_report", str(tmp_path / "none.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "파일을 열 수 없습니다" in result.stderr
    assert "Traceback" not in result.stderr


# What an import must reproduce of the curated seed, record by record.
def events(office):
    return sorted(
        (e.date, e.title, e.start_time, e.time_text, e.place, e.summary, e.domain.name)
        for e in Event.objects.filter(office=office)
    )


def media(office):
    return sorted(
        (m.kind, m.date, m.title, m.key_points)
        for m in MediaEngagement.objects.filter(office=office)
    )


def staffing(office):
    return sorted(
        (s.series, s.grade, s.posts, s.filled)
        for s in StaffingLine.objects.filter(snapshot__office=office)
    )


def budget(office):
    as_of = datetime.date(2024, 8, 31)
    return sorted(
        (b.subject, b.amount, b.execution(as_of).executed, b.purpose)
        for b in BudgetLine.objects.filter(office=office)
    )


def sessions(office):
    return sorted(
        (s.number, s.date, s.agenda) for s in MeetingSession.objects.filter(series__office=office)
    )


def agreements(office):
    return sorted(
        (a.date, a.title, tuple(a.topics), a.topics_open_ended)
        for a in Agreement.objects.filter(office=office)
    )


def stations(office):
    return sorted(
        (t.name, t.group, t.due)
        for t in TrackedItem.objects.filter(program__office=office, status="planned")
    )


def functions(office):
    return sorted(
        (f.title, tuple(p.text for p in f.points.all()))
        for f in OfficeFunction.objects.filter(office=office)
    )


def assert_same_records(imported, curated):
    for compare in (events, media, staffing, budget, sessions, agreements, stations, functions):
        assert compare(imported) == compare(curated), compare.__name__


@pytest.mark.reference
def test_the_reference_imports_as_the_curated_seed_states_it(db, tmp_path):
    curated, _ = load_file(SEED_DIR / "seoul-secretariat-2024-09.toml")
    path = tmp_path / "report.txt"
    path.write_text(reference_text(), encoding="utf-8")
    code, _, _ = run_command(str(path), "--apply", "--new-office", "imported")
    assert code == 0
    imported = Office.objects.get(slug="imported")

    assert_same_records(imported, curated)
    # Importing it again changes nothing.
    code, _, err = run_command(str(path), "--apply", "--office", "imported")
    assert code == 0 and "바뀐 것 없음" in err


@pytest.mark.reference
def test_the_reference_comes_back_out_of_its_own_import(db, tmp_path):
    """Import into an empty database with --report, build that report: the same figures."""
    path = tmp_path / "report.txt"
    path.write_text(reference_text(), encoding="utf-8")
    code, _, err = run_command(str(path), "--apply", "--new-office", "o", "--report", "imported")
    assert code == 0 and "build_report imported" in err
    out = StringIO()
    call_command("build_report", "imported", stdout=out)
    written = out.getvalue().replace("**", "")
    tokens = dict.fromkeys(
        t for t in reference_text().replace("**", "").split() if re.search(r"\d", t)
    )
    missing = [t for t in tokens if t not in written]
    # The writer prints dates in the one official form; these are the reference's defects.
    assert set(missing) <= set(NOTATION_EXCEPTIONS), missing
    assert len(missing) <= 4
    report = Report.objects.get(slug="imported")
    assert (report.period_start, report.period_end, report.as_of) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 8, 31),
        datetime.date(2024, 8, 31),
    )
    assert [s.heading_title for s in report.sections.filter(level=1)] == ["일반 현황", "주요 업무"]


@pytest.mark.reference
def test_importing_again_with_report_remakes_the_same_definition(db, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(reference_text(), encoding="utf-8")
    run_command(str(path), "--apply", "--new-office", "o", "--report", "imported")
    shape = list(Block.objects.values_list("section__order", "order", "kind", "title", "params"))
    run_command(str(path), "--apply", "--office", "o", "--report", "imported")
    again = list(Block.objects.values_list("section__order", "order", "kind", "title", "params"))
    assert again == shape and ImportedDocument.objects.count() == 1


def test_a_finalised_report_is_not_remade(db, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    run_command(str(path), "--apply", "--report", "small", "--new-office", "o")
    Report.objects.filter(slug="small").update(status=Report.Status.FINAL)
    code, _, err = run_command(str(path), "--apply", "--report", "small", "--office", "o")
    assert code == 2 and "확정" in err


def test_report_needs_apply(db, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    code, _, err = run_command(str(path), "--report", "small")
    assert code == 2 and "--apply" in err and not Report.objects.exists()


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_our_own_documents_import_as_the_records_they_were_written_from(seeded, fmt):
    """A report sijeong wrote (DOCX, HWPX) reads back into the same records, every line placed."""
    content = write(Report.objects.get(slug="secretariat-2024-09"), fmt)
    copy = Office.objects.create(
        slug="copy", organization="복사본", organization_short="복사본", name="시장비서실"
    )
    document, result, _ = actions.apply(content, f"report.{fmt}", copy)
    assert document.format == fmt and result.unplaced == [] and result.placed_share == 1
    assert_same_records(copy, seeded)


def test_a_report_definition_is_dated_by_the_document_never_by_today(office):
    dated = "주요업무보고\n2023. 3.\n".encode() + SMALL
    actions.apply(dated, "dated.txt", office, report="dated")
    report = Report.objects.get(slug="dated")
    assert report.issued == datetime.date(2023, 3, 1)
    assert report.as_of == datetime.date(2024, 8, 31)  # the budget table's 기준


UNDATED = "I. 일반 현황\n1 주요 기능\n- **일정기획**\n".encode()


def test_a_document_without_any_date_asks_for_one_and_applies_nothing(office):
    with pytest.raises(actions.ReportDefinitionError, match="기준일을 적어 주세요"):
        actions.apply(UNDATED, "undated.txt", office, report="undated")
    assert not Report.objects.exists() and not OfficeFunction.objects.exists()


def test_a_document_without_any_date_becomes_a_report_as_of_the_date_given(office):
    actions.apply(
        UNDATED, "undated.txt", office, report="undated", as_of=datetime.date(2025, 6, 30)
    )
    report = Report.objects.get(slug="undated")
    assert (report.issued, report.as_of) == (datetime.date(2025, 6, 30),) * 2
    assert (report.period_start, report.period_end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 6, 30),
    )
    assert OfficeFunction.objects.filter(office=office).exists()


def test_a_date_given_before_the_documents_own_period_is_refused(office):
    dated = "□ 추진내용 ('24. 3월~'24. 8월)\n".encode() + UNDATED
    with pytest.raises(actions.ReportDefinitionError, match="보고 기간 시작"):
        actions.apply(dated, "dated.txt", office, report="early", as_of=datetime.date(2024, 1, 31))
    assert not Report.objects.exists()


def test_an_office_that_does_not_exist_is_refused_with_the_list_of_offices(office, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    code, _, err = run_command(str(path), "--apply", "--office", "test-ofice")
    assert code == 2 and "'test-ofice'가 없습니다" in err and "test-office" in err
    code, _, err = run_command(str(path), "--apply")
    assert code == 2 and "--new-office" in err
    assert Office.objects.count() == 1 and not ImportedDocument.objects.exists()


def test_a_new_office_is_made_only_when_asked(office, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes("주요업무보고\n2024. 9.\n시장비서실\n".encode() + SMALL)
    code, _, err = run_command(str(path), "--apply", "--new-office", "test-office")
    assert code == 2 and "이미 있습니다" in err
    code, _, _ = run_command(str(path), "--apply", "--new-office", "made")
    assert code == 0 and Office.objects.get(slug="made").name == "시장비서실"


UNREAD = """주요업무보고
2024. 9.
I. 일반 현황
누리집 개편을 상반기에 마쳤다.
1 주요 기능
- **민생현장 중심 일정기획**
 - 현장방문 등 일정 수립
""".encode()


def test_writing_the_imported_report_back_keeps_the_lines_it_could_not_read(office):
    actions.apply(UNREAD, "unread.txt", office, report="unread")
    written = write(Report.objects.get(slug="unread"), "md").decode()
    assert "누리집 개편을 상반기에 마쳤다." in written
    assert written.index("누리집") < written.index("민생현장 중심 일정기획")


def test_the_command_warns_when_no_record_could_be_read(office, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("회의 결과\n08 : 30 개회\n09 : 00 폐회\n", encoding="utf-8")
    code, out, err = run_command(str(path), "--apply", "--office", "test-office")
    assert code == 0 and "경고" in err and "반영했습니다" not in err
    assert "[경고] ingest.nothing_read" in out


def test_without_a_cover_date_the_report_is_dated_by_the_latest_date_the_document_states(office):
    content = "I. 현황\n2023. 5. 2. 개소\n2024년 3월 착공\n- 알 수 없는 줄\n".encode()
    actions.apply(content, "dated-inside.txt", office, report="inside")
    report = Report.objects.get(slug="inside")
    assert report.issued == report.as_of == datetime.date(2024, 3, 1)


def test_the_command_dates_an_undated_report_with_as_of(office, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_bytes(UNDATED)
    code, _, err = run_command(str(path), "--apply", "--office", office.slug, "--report", "u")
    assert code == 2 and "기준일을 적어 주세요" in err and not Report.objects.exists()
    code, _, err = run_command(
        str(path), "--apply", "--office", office.slug, "--report", "u", "--as-of", "2025-06-30"
    )
    assert code == 0 and Report.objects.get(slug="u").as_of == datetime.date(2025, 6, 30)
    code, _, err = run_command(
        str(path), "--apply", "--office", office.slug, "--as-of", "2025-06-30"
    )
    assert code == 2 and "--as-of는 --report와 함께" in err
