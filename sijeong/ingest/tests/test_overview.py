"""A work report's 일반현황 of any office: its tables of figures become staffing, budget lines
and indicator observations, its captions and titles are the report's frame, and the corpus's
work reports are placed for the most part."""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from sijeong.ingest import actions
from sijeong.ingest.actions import preview

CORPUS = Path(__file__).resolve().parents[3] / "data" / "corpus"
# Work reports the importer places at least 70 % of; the others are listed in OUT_OF_REACH
# with the reason, so that the list shrinks as the importer learns their shapes.
OUT_OF_REACH = {
    "022": "표 머리글과 수치가 줄마다 흩어지고 숫자가 붙어 나와 검산기도 표로 읽지 못함",
    "061": "회의록 속 업무보고 안내문: 사업 구조 없이 문장뿐",
    "067": "회의록에 실린 구두 보고: 번호·기호 없이 문장뿐",
    "071": "업무보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "072": "누리집 메뉴와 섞인 주요정책 쪽: 장 제목 없이 사업명과 ▶ 항목",
    "126": "업무계획 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "130": "공모사업 발굴 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "131": "정책과제 성과보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "137": "주요업무 추진상황 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "155": "공기업 현안 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "156": "공단 경영업무계획 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "166": "업무계획 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "167": "상반기 추진상황 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "168": "주요업무 추진상황 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "169": "중점과제 추진성과를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "181": "현안업무 점검 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "182": "군정 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "183": "공약 추진상황 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "197": "국정감사 업무보고를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "198": "상임위 업무보고를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "199": "업무계획 발표를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "207": "공약 추진사항 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "208": "공약 평가 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "209": "공약 점검회의를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "221": "공약사업 추진상황 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "222": "신규시책 발굴보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
    "223": "주요업무 보고회를 전한 신문 기사: 사업 구조 없이 문장뿐",
}


def work_reports() -> list[Path]:
    found = []
    for toml in sorted(CORPUS.glob("*.toml")):
        if tomllib.loads(toml.read_text(encoding="utf-8"))["kind"].startswith("주요업무보고"):
            found.append(toml.with_suffix(".txt"))
    return found


REPORTS = work_reports()


@pytest.mark.parametrize(
    "path", [p for p in REPORTS if p.name[:3] not in OUT_OF_REACH], ids=lambda path: path.stem
)
def test_most_of_a_work_report_is_placed(db, path):
    result = preview(path.read_bytes(), path.name)
    assert result.placed_share >= 0.70, [line.text for line in result.unplaced]


@pytest.mark.parametrize(
    "path", [p for p in REPORTS if p.name[:3] in OUT_OF_REACH], ids=lambda path: path.stem
)
def test_a_work_report_out_of_reach_is_listed_until_it_is_placed(db, path):
    """Each stays listed, with its reason, only while it is below the mark: once placed, the
    list must lose it, so that the figures in docs/checking.md stay true."""
    assert preview(path.read_bytes(), path.name).placed_share < 0.70, OUT_OF_REACH[path.name[:3]]


OVERVIEW = """조직 : 2국 6과
(기준 : 2021. 1. 1.)
구 분 | 계 | 교육전문직 | 일반직 |
---|---|---|---|
정 원 | 111 | 22 | 89 |
현 원 | 110 | 22 | 88 |
학교현황
(기준 : 2021. 3. 1. 단위 : 개)
구 분 | 학교수 | 학급수 |
---|---|---|
유치원 | 90 | 509 |
초등학교 | 66 | 1,430 |
※ 분교는 ( )로 표시
[기준 2025년 본예산, 단위:억원]
구분 | 예산액 | 비율(%) |
---|---|---|
인적자원운용 | 2,148 | 60.0 |
교육복지 | 1,432 | 40.0 |
합계 | 3,580 | 100 |
""".encode()


def test_an_overview_becomes_staffing_budget_and_observations(db):
    result = preview(OVERVIEW, "overview.txt")
    by_model: dict[str, list] = {}
    for record in result.records:
        by_model.setdefault(record.model, []).append(record)
    assert [r.key["as_of"] for r in by_model["org.staffingsnapshot"]] == ["2021-01-01"]
    assert {
        (r.key["grade"], r.fields["posts"], r.fields["filled"])
        for r in by_model["org.staffingline"]
    } == {("교육전문직", 22, 22), ("일반직", 89, 88)}
    # Budget lines as printed, in won, without their total row.
    assert {
        (r.key["subject"], r.key["fiscal_year"], r.fields["amount"])
        for r in by_model["budget.budgetline"]
    } == {("인적자원운용", 2025, 214_800_000_000), ("교육복지", 2025, 143_200_000_000)}
    schools = [r for r in by_model["core.observation"] if r.key["dims"].get("구분") == "유치원"]
    assert {(r.key["dims"]["항목"], Decimal(r.fields["value"])) for r in schools} == {
        ("학교수", 90),
        ("학급수", 509),
    }
    assert {r.key["as_of"] for r in schools} == {datetime.date(2021, 3, 1).isoformat()}
    assert all(r.fields["note"] == "※ 분교는 ( )로 표시" for r in schools)
    organisation = [
        r for r in by_model["core.observation"] if r.key["dims"].get("단위") in ("국", "과")
    ]
    assert sorted(Decimal(r.fields["value"]) for r in organisation) == [2, 6]
    # Captions, the table's title and the rules under its headers are the frame.
    assert {2, 4, 7, 8, 10, 14, 16} <= result.structure
    assert result.placed_share == 1.0


def test_a_table_with_no_date_anywhere_is_kept_as_text_and_said_so(db):
    result = preview(
        "구 분 | 학교수 | 학급수 |\n---|---|---|\n유치원 | 90 | 509 |\n".encode(), "a.txt"
    )
    assert not result.records
    assert "ingest.table_undated" in {f.code for f in result.findings}


WORK_REPORT = """2025년 주요업무보고
2025. 2. 10.
가나구 일자리정책과
Ⅰ. 일반현황
1. 조직 및 인력
(기준 : 2025. 1. 1.)
구 분\t계\t5급\t6급
정 원\t5\t1\t4
현 원\t4\t1\t3
Ⅱ. 2024년 주요업무 추진성과
1. 청년 일자리 지원
□ 추진실적
○ 청년 취업 지원 1,200명 ('24. 12. 31. 기준)
○ 청년 창업 박람회 개최
 - 일시/장소 : 2024. 5. 10.(금) 14:00 / 구청 대강당
□ 향후계획
○ 취업 연계 기업 확대
2. 소상공인 경영 안정
□ 추진실적
○ 경영 컨설팅 150개소 지원
""".encode()


def test_a_work_report_of_another_shape_becomes_programmes_events_and_figures(db):
    result = preview(WORK_REPORT, "work.txt")
    programmes = [r.fields["title"] for r in result.records if r.model == "programs.program"]
    assert programmes == ["청년 일자리 지원", "소상공인 경영 안정"]
    narratives = {
        (r.parent.fields["title"], r.key["section"], r.key["text"])
        for r in result.records
        if r.model == "programs.narrative"
    }
    assert ("청년 일자리 지원", "plan", "취업 연계 기업 확대") in narratives
    assert ("소상공인 경영 안정", "progress", "경영 컨설팅 150개소 지원") in narratives
    (event,) = [r for r in result.records if r.model == "schedule.event"]
    assert event.key == {"date": "2024-05-10", "title": "청년 창업 박람회 개최"}
    assert (event.fields["start_time"], event.fields["place"]) == ("14:00", "구청 대강당")
    (figure,) = [r for r in result.records if r.model == "core.observation"]
    assert (figure.key["as_of"], figure.fields["value"]) == ("2024-12-31", "1200")
    assert figure.parent.fields["unit"] == "명"
    assert result.cover["office"] == "가나구 일자리정책과"
    assert result.placed_share == 1.0


RESULTS = """2025 주요업무 보고
2025. 3.
다라교육지원청
Ⅰ. 2024년 주요 성과
1. 기초학력 보장
 가. 추진 내용
  ○ 기초학력 진단검사 전 학년 실시
 나. 성과
  ○ 학습지원 튜터 120명 배치
2. 안전한 학교 환경
 가. 추진 내용
  ○ 학교 시설 안전점검 실시
   - 일시 : 2024. 4. 2.(화) ~ 4. 30.(화)
   - 장소 : 관내 초·중학교
""".encode()


def test_numbered_box_titles_are_structure_and_a_place_on_its_own_line_is_the_events(db):
    result = preview(RESULTS, "results.txt")
    texts = [r.key["text"] for r in result.records if r.model == "programs.narrative"]
    assert "추진 내용" not in texts and "성과" not in texts
    (event,) = [r for r in result.records if r.model == "schedule.event"]
    assert (event.key["date"], event.fields["place"]) == ("2024-04-02", "관내 초·중학교")
    assert {6, 8, 11} <= result.structure and result.placed_share == 1.0


@pytest.mark.parametrize(
    "content", [WORK_REPORT, OVERVIEW, RESULTS], ids=["work-report", "overview", "results"]
)
def test_a_document_already_imported_proposes_nothing_new(office, content):
    first, _, _ = actions.apply(content, "first.txt", office)
    assert first.summary["created"] > 0
    comparison = actions.compare(actions.stage(content + b"\n", "again.txt", office), None)
    assert comparison.new == [] and comparison.changed == []


AREAS = """주요사업
  1. 1. 안전한 도시
  2. 2. 일자리 도시
1-1. 재난관리 체계 구축
(1) 재난유형별 관리체계
  • 매뉴얼 현행화
    - 민간시설(60), 책임기관(67)
1-2. 생활안전 강화
(1) 어린이 보호구역 정비
  • 신호등 12곳 설치
2-1. 청년 일자리
  • 청년 인턴 300명
"""


def test_tasks_numbered_within_areas_are_programmes(db):
    """`1-1.` under a list of areas, as a city's own page of its 주요사업 numbers them: each a
    task with its items as narratives, the areas the report's frame."""
    result = preview(AREAS.encode(), "areas.txt")
    titles = [r.fields["title"] for r in result.records if r.model == "programs.program"]
    assert titles == ["1-1. 재난관리 체계 구축", "1-2. 생활안전 강화", "2-1. 청년 일자리"]
    assert result.placed[2] == "보고서 구성 (분야 목록)"
    assert result.placed_share >= 0.9, [line.text for line in result.unplaced]
