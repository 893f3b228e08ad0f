"""The same definition over another period or after edits gives a correct different report."""

import datetime

import pytest

from sijeong.budget.models import Expenditure
from sijeong.documents import markdown
from sijeong.documents.model import flags
from sijeong.reports.actions import ReportError, copy_report, finalise, moved_figures
from sijeong.reports.build import ROUNDING_NOTE, build
from sijeong.reports.models import Block, Report
from sijeong.reports.writing import write


@pytest.fixture
def report(seeded):
    return Report.objects.get(slug="secretariat-2024-09")


def text_of(report):
    return markdown.render(build(report)).replace("**", "")


def test_a_first_half_report_counts_only_its_own_period(report):
    half = copy_report(
        report,
        "secretariat-2024-07",
        issued=datetime.date(2024, 7, 1),
        period_end=datetime.date(2024, 6, 30),
        as_of=datetime.date(2024, 6, 30),
    )
    text = text_of(half)
    assert "2024. 7." in text
    assert "□ 주요 추진내용 ('24.1월~'24.6월)" in text
    assert "시장 발표 기자설명회 : 총 10회" in text  # the 11th was on 2024-07-11
    assert "국가상징공간" not in text
    assert "기자 간담회 : 2회 [신년 간담회(1.17.), 외신기자 간담회(2.28.)]" in text
    assert "제6회(2.27.)" in text and "제7회" not in text
    assert "서울역 쪽방촌" not in text  # every field visit of the seed was in July or August
    assert "'24년 2개역 1동선 확보('24.6월) : ⑤마천·⑦수락산(6월)" in text
    # Nothing was known yet on 2024-06-30 of figures stated as of 2024-08-31.
    assert "(자료 없음)" in text
    assert "단위 : '24.6월 / 천원" in text


# The seed report prints 14:1 as its source wrote it, a place the checks mark: a 관리자
# finalises it with a reason.
AS_WRITTEN = {0: "원문 표기 그대로 보고"}


def test_spending_recorded_later_moves_the_figures_of_a_new_draft(report, alice):
    final = finalise(report, alice, AS_WRITTEN)
    frozen_md = write(final, "md")
    line = final.office.budget_lines.get(subject="기관운영업무추진비")
    Expenditure.objects.create(
        line=line, date=datetime.date(2024, 8, 30), amount=17_500_000, description="추가 집행"
    )
    assert write(final, "md") == frozen_md  # a final report does not change
    draft = copy_report(final, "secretariat-2024-09-r1")
    moved = {str(m) for m in moved_figures(draft)}
    assert "기관운영업무추진비 집행률 35.4% → 41.7%" in moved
    assert "계 집행률 40.1% → 45.0%" in moved
    assert "143,413 (40.1%)" not in text_of(draft)


def test_finalising_keeps_every_format_and_a_hash(report, alice):
    final = finalise(report, alice, AS_WRITTEN)
    assert final.status == Report.Status.FINAL and final.finalised_by == alice
    assert sorted(final.frozen_files.values_list("format", flat=True)) == [
        "docx",
        "html",
        "hwpx",
        "md",
        "pdf",
    ]
    assert len(final.data_hash) == 64
    assert final.figures["budget:계:rate"] == ["계 집행률", "40.1%"]
    with pytest.raises(ReportError, match="이미 확정"):
        finalise(final, alice, AS_WRITTEN)


def test_a_draft_says_so_and_shows_its_marks_and_a_final_carries_neither(report, alice, bob):
    draft = write(report, "md").decode()
    assert draft.startswith("검토용 초안 — 확정 전 문서입니다. 확인이 필요한 곳 1건")
    assert "14:1[확인 필요:" in draft
    with pytest.raises(ReportError, match="1건이 있어 확정할 수 없습니다"):
        finalise(report, bob)  # an editor cannot pass over a marked place
    with pytest.raises(ReportError, match="1건에 사유가 없습니다"):
        finalise(report, alice, {0: "  "})
    report.refresh_from_db()
    assert not report.is_final and report.frozen_files.count() == 0
    final = finalise(report, alice, AS_WRITTEN)
    for fmt in ("md", "html"):
        text = write(final, fmt).decode()
        assert "검토용" not in text and "확인 필요" not in text and "14:1" in text, fmt
    (acknowledged,) = final.acknowledged
    assert acknowledged["text"] == "14:1" and acknowledged["reason"] == "원문 표기 그대로 보고"
    assert acknowledged["by"] in (alice.get_full_name(), alice.username)


def test_a_copy_needs_a_new_slug(report):
    with pytest.raises(ReportError, match="이미 있습니다"):
        copy_report(report, report.slug)


def test_a_block_naming_what_is_gone_is_a_marked_place_and_the_rest_is_written(report):
    blocks = Block.objects.filter(section__report=report)
    meetings = blocks.filter(kind=Block.Kind.MEETINGS).first()
    functions = blocks.filter(kind=Block.Kind.FUNCTIONS).first()
    assert meetings is not None and functions is not None
    # Stored by another door: a series renamed since, and a kind this version does not know.
    Block.objects.filter(pk=meetings.pk).update(params={"series": "없어진 회의"})
    Block.objects.filter(pk=functions.pk).update(kind="retired")
    document = build(report)
    marked = [flag.message for flag in flags(document) if "부분을 만들 수 없음" in flag.text]
    assert len(marked) == 2
    assert any("조건이 가리키는 기록이 없습니다" in message for message in marked)
    assert any("알 수 없는 구성 요소 종류 'retired'" in message for message in marked)
    assert "시장 발표 기자설명회 : 총 11회" in markdown.render(document).replace("**", "")
    for fmt in ("hwpx", "docx", "pdf", "html", "md"):
        assert write(report, fmt)


def test_a_budget_table_adds_up_as_printed_and_says_how_it_rounded(report):
    assert ROUNDING_NOTE not in text_of(report)  # the seed's amounts are whole 천원
    for line in report.office.budget_lines.all():
        Expenditure.objects.create(line=line, date=datetime.date(2024, 8, 30), amount=500)
    text = text_of(report)
    # 97,993,500 and 45,420,500 원 each round up; the 계 is their sum, not 143,414,000 원 rounded.
    assert "| 계 | 357,200 | 143,415 (40.1%) | 213,785 |" in text
    assert "| 기관운영업무추진비 | 277,200 | 97,994 (35.4%) | 179,206 |" in text
    assert ROUNDING_NOTE in text
