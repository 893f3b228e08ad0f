"""Recognisers: records, findings with line numbers, and nothing dropped."""

import datetime

import pytest

from sijeong.core.testing import reference_text
from sijeong.documents.reading.text import source_lines
from sijeong.ingest.recognisers import recognise


def read(text):
    return recognise("text", source_lines(text))


def codes(preview):
    return [(f.line, f.code) for f in preview.findings if not f.code.startswith("notation.")]


EVENTS = """Ⅱ. 주요 업무
1 현장시정 강화
현장방문으로 정책 체감도 제고
□ 주요 추진내용 ('24. 1월~'24. 8월)
- 재난·안전 현장방문
안전 분야 재난 예방
√ 폭염대비 현장점검
- ▶ 일시/장소 : '24. 8. 6.(수) 11:10 / 서울역
- ▶ 주요내용 : 무더위쉼터 점검
√ 노후역사 현장점검
- ▶ 일시/장소 : '24. 9. 2.(월) / 16:00 / 아현역
"""


def test_events_with_their_domain_time_and_place_and_the_findings_of_their_dates():
    preview = read(EVENTS)
    events = [r for r in preview.records if r.model == "schedule.event"]
    assert [
        (e.key["date"], e.key["title"], e.fields.get("start_time"), e.fields["place"])
        for e in events
    ] == [
        ("2024-08-06", "폭염대비 현장점검", "11:10", "서울역"),
        ("2024-09-02", "노후역사 현장점검", "16:00", "아현역"),
    ]
    assert events[0].fields["summary"] == "무더위쉼터 점검" and events[0].fields["domain"] == "안전"
    assert codes(preview) == [(8, "check.weekday-mismatch"), (11, "ingest.outside_period")]
    assert preview.unplaced == []


@pytest.mark.parametrize(
    "details",
    [
        "- ▶ 일시/장소 : '24. 8. 6.(화) 14:00~15:30 / 서울역",
        "- ▶ 장소/일시 : 서울역 / '24. 8. 6.(화) / 14:00~15:30",
        "- ▶ 일시 : '24. 8. 6. 14:00~15:30\n- ▶ 장소 : 서울역",
        "▶ 장소 : 서울역\n▶ 일시 : 8. 6.(화) 14:00~15:30",
    ],
)
def test_event_details_in_any_order_with_or_without_weekday_or_year(details):
    preview = read(EVENTS.split("√ 폭염")[0] + "√ 폭염대비 현장점검\n" + details + "\n")
    (event,) = [r for r in preview.records if r.model == "schedule.event"]
    assert (event.key["date"], event.fields["place"]) == ("2024-08-06", "서울역")
    assert (event.fields["start_time"], event.fields["end_time"]) == ("14:00", "15:30")
    assert codes(preview) == [] and preview.unplaced == []


def test_an_event_without_a_date_is_a_warning_and_its_lines_stay_unplaced():
    preview = read(EVENTS.split("√ 폭염")[0] + "√ 폭염대비 현장점검\n- ▶ 장소 : 서울역\n")
    assert not [r for r in preview.records if r.model == "schedule.event"]
    assert codes(preview) == [(7, "ingest.event_undated")]
    assert [line.number for line in preview.unplaced] == [7, 8]


BUDGET = """I. 일반 현황
3 예산 집행현황 (기준 / 단위 : '24.8월 / 천원)
구분\t예산액\t집행액\t잔액\t비고
계\t357,200\t143,413 (40.1%)\t213,787
기관운영업무추진비\t277,200\t97,993 (36.5%)\t179,207\t제반 경비
시책추진업무추진비\t80,000\t45,420 (56.8%)\t34,000\t추진 경비
"""


def test_budget_tables_in_thousands_with_every_sum_and_rate_checked_by_the_checker():
    preview = read(BUDGET)
    lines = [r for r in preview.records if r.model == "budget.budgetline"]
    assert [(b.key["subject"], b.fields["amount"]) for b in lines] == [
        ("기관운영업무추진비", 277_200_000),
        ("시책추진업무추진비", 80_000_000),
    ]
    spent = [r for r in preview.records if r.model == "budget.expenditure"]
    assert [s.fields["amount"] for s in spent] == [97_993_000, 45_420_000]
    assert spent[0].key["date"] == "2024-08-31"
    assert [(f.line, f.severity, f.code) for f in preview.findings] == [
        (4, "error", "check.total-mismatch"),  # 잔액 계 against the lines' 잔액
        (5, "error", "check.rate-mismatch"),
        (6, "error", "check.difference-mismatch"),  # 잔액 = 예산액 - 집행액
    ]
    assert "97,993 ÷ 277,200 = 35.4% (적힌 값 36.5%)" in preview.findings[1].message


def test_counts_that_do_not_match_their_items_are_findings():
    text = """Ⅱ. 주요 업무
2 언론 소통
□ 추진내용 ('24. 1.~'24. 8월)
- 기자 간담회 : 3회 [신년 간담회(1.17.), 외신기자 간담회(2.28.)]
- 언론 인터뷰 : 25회 [동아일보 등 신문(13회), TV·라디오(5회), 통신(6회)]
"""
    preview = read(text)
    assert codes(preview) == [(4, "ingest.count_mismatch"), (5, "ingest.breakdown_mismatch")]
    conferences = [r.key for r in preview.records if r.model == "press.mediaengagement"]
    assert conferences[0] == {
        "kind": "press_conference",
        "date": "2024-01-17",
        "title": "신년 간담회",
    }


def test_curly_year_apostrophes_read_like_straight_ones():
    text = """Ⅱ. 주요 업무
1 교류협력 강화
□ 추진내용
- ’24. 8. 23. : 서울시-부산시 업무협약(스타트업육성, 도시디자인 등)
- ‘24년 제7회(7.25.) : 저출생 대응을 위한 중앙-지방 협력방안
- (’24.10월) 1개역 : ⑥상월곡
"""
    preview = read(text)
    keys = {r.model: r for r in preview.records}
    assert keys["relations.agreement"].key["date"] == "2024-08-23"
    assert keys["relations.meetingsession"].fields["date"] == "2024-07-25"
    assert keys["programs.trackeditem"].fields["due"] == "2024-10-01"


FIGURES = """Ⅱ. 주요 업무
1 대중교통
□ 추진실적
이용 실적 [~ '24.8월]
- ✓ (누적 충전) 총 395만건 (30일권 389만건, 단기권 {short}만건)
- ✓ (일 사용자 수) 평일 약 55만명, 주말 약 37만명 (단기권 일 4천명 포함)
"""


def test_programme_figures_with_breakdowns_become_observations():
    preview = read(FIGURES.format(short=6))
    observations = {
        tuple(r.key["dims"].items()): (r.fields["value"], r.key["as_of"])
        for r in preview.records
        if r.model == "core.observation"
    }
    assert observations == {
        (): ("3950000", "2024-08-31"),
        (("구분", "30일권"),): ("3890000", "2024-08-31"),
        (("구분", "단기권"),): ("60000", "2024-08-31"),
    }
    indicator = next(r for r in preview.records if r.model == "core.indicator")
    assert indicator.fields["unit"] == "건" and indicator.fields["name"] == "대중교통 누적 충전"
    assert codes(preview) == []


def test_a_breakdown_that_does_not_add_up_is_an_error_on_its_line():
    preview = read(FIGURES.format(short=7))
    assert codes(preview) == [(5, "ingest.breakdown_mismatch")]
    assert preview.findings[0].message == "누적 충전 395만건과 내역의 합 396만건이 다릅니다."


def test_a_line_no_recogniser_claims_is_listed_not_dropped():
    preview = read("I. 일반 현황\n어디에도 속하지 않는 문장\n")
    assert [(line.number, line.text) for line in preview.unplaced] == [
        (2, "어디에도 속하지 않는 문장")
    ]


def test_empty_or_arbitrary_text_gives_a_preview():
    assert read("").records == []
    assert read("\t\t\n(((\n□\n√\n- ▶ :").records is not None


@pytest.fixture(scope="module")
def reference_preview():
    return recognise("text", source_lines(reference_text()))


@pytest.mark.reference
class TestTheReferenceReport:
    @pytest.fixture
    def preview(self, reference_preview):
        return reference_preview

    def test_every_line_is_placed(self, preview):
        assert preview.unplaced == []
        assert preview.placed_share == 1.0

    def test_the_flagged_time_and_only_it_is_an_error(self, preview):
        assert [(f.line, f.code) for f in preview.findings if f.severity == "error"] == [
            (103, "schedule.time_malformed")
        ]

    def test_the_records_it_states(self, preview):
        def count(model):
            return preview.count(model)

        assert count("schedule.event") == 13
        assert count("org.staffingline") == 8 and count("org.extrapost") == 9
        assert count("budget.budgetline") == 2
        assert count("relations.meetingsession") == 2 and count("relations.agreement") == 2
        assert count("programs.trackeditem") == 10
        media = [r.key for r in preview.records if r.model == "press.mediaengagement"]
        assert len([m for m in media if m["kind"] == "briefing"]) == 11
        assert {
            "kind": "briefing",
            "date": "2024-01-22",
            "title": "국토부-수도권 지자체 합동 대중교통 요금 지원정책 발표",
        } in media
        assert preview.cover == {
            "title": "주요업무보고",
            "issued": "2024-09-01",
            "office": "시장비서실",
            "period_start": "2024-01-01",
            "period_end": "2024-08-31",
            "as_of": "2024-08-31",
        }
        session = next(
            r
            for r in preview.records
            if r.model == "relations.meetingsession" and r.key["number"] == 7
        )
        assert session.fields["date"] == datetime.date(2024, 7, 25).isoformat()


def test_budget_amounts_follow_the_unit_of_the_caption():
    text = BUDGET.replace("천원", "백만원").replace("34,000", "34,580.5")
    lines = {
        r.key["subject"]: r.fields["amount"]
        for r in read(text).records
        if r.model == "budget.budgetline"
    }
    assert lines == {"기관운영업무추진비": 277_200_000_000, "시책추진업무추진비": 80_000_000_000}
    finding = next(f for f in read(text).findings if f.code == "check.difference-mismatch")
    assert "80,000 − 45,420 = 34,580 (적힌 값 34,580.5)" in finding.message


def test_a_budget_table_without_a_known_unit_is_read_in_thousands_with_a_warning():
    preview = read(BUDGET.replace("천원)", "건)"))
    assert (3, "ingest.budget_unit") in codes(preview)  # the table's first line
    assert preview.count("budget.budgetline") == 2


def test_a_budget_table_without_a_year_is_kept_as_text_and_still_checked():
    preview = read(BUDGET.replace(" (기준 / 단위 : '24.8월 / 천원)", ""))
    assert preview.count("budget.budgetline") == 0
    assert (3, "ingest.budget_unread") in codes(preview)
    assert (6, "check.difference-mismatch") in codes(preview)
    assert [line.number for line in preview.unplaced] == [3, 4, 5, 6]


TABLES_AS_OFFICES_PRINT_THEM = """I. 일반 현황
3 예산 집행현황 (기준 / 단위 : '25.10월 / 원)
회계별   예산현액(A)   지출액 누계(B)   집행 잔액(A-B)   집행률(B/A)
합계   564,653,140   30,519,863   534,133,277   5.405%
일반회계   528,298,550   30,402,702   497,895,848   5.755%
하수도특별회계   36,354,590   117,161   36,237,429   0.322%
2 인력 현황 (기준 / 단위 : '25.10월 / 명)
구분\t계\t4급\t5급\t6급
정원\t12\t1\t4\t7
현원\t11\t1\t4\t6
"""


def test_budget_and_staffing_tables_are_read_by_their_column_names_in_any_alignment():
    preview = read(TABLES_AS_OFFICES_PRINT_THEM)
    lines = {
        r.key["subject"]: (r.key["fiscal_year"], r.fields["amount"])
        for r in preview.records
        if r.model == "budget.budgetline"
    }
    assert lines == {"일반회계": (2025, 528_298_550), "하수도특별회계": (2025, 36_354_590)}
    spent = [r.fields["amount"] for r in preview.records if r.model == "budget.expenditure"]
    assert spent == [30_402_702, 117_161]
    staffing = [
        (r.key["series"], r.key["grade"], r.fields["posts"], r.fields["filled"])
        for r in preview.records
        if r.model == "org.staffingline"
    ]
    assert staffing == [("전체", "4급", 1, 1), ("전체", "5급", 4, 4), ("전체", "6급", 7, 6)]
    assert [f for f in preview.findings if f.severity != "info"] == []


def test_a_long_body_line_a_time_or_a_page_number_is_no_cover():
    body = "가" * 81
    preview = read(f"{body}\n08 : 30\n- 3 -\n")
    assert "title" not in preview.cover and "office" not in preview.cover
    assert [line.number for line in preview.unplaced] == [1, 2]


def test_the_contents_line_is_not_the_title():
    preview = read("목 차\nI. 일반 현황\n")
    assert "title" not in preview.cover


def test_times_and_page_numbers_are_not_section_headings():
    preview = read("I. 일반 현황\n08 : 30\n10 : 00\n- 2 -\n3/10\n")
    headings = [s["title"] for s in preview.layout]
    assert headings == ["일반 현황"]
    assert [line.number for line in preview.unplaced] == [2, 3]


def test_a_document_of_which_nothing_was_read_does_not_read_placed():
    preview = read("보고서\n2024. 9.\nI. 개요\n1 배경\n읽을 수 없는 본문 한 줄\n- 또 한 줄\n")
    assert preview.records == [] and preview.placed_share == 0.0
    assert read("I. 개요\n").placed_share == 0.0


def test_headings_and_the_cover_count_neither_way_in_the_placed_share():
    preview = read(BUDGET + "알 수 없는 문장\n")
    # The table's four lines read, one sentence not: the headings are not content.
    assert preview.placed_share == pytest.approx(4 / 5)


def test_the_date_the_figures_are_as_of_comes_from_the_document():
    preview = read("주요업무보고\n2024. 9. 30.\n(2024. 9. 30. 기준)\nI. 일반 현황\n")
    assert preview.cover["issued"] == "2024-09-30" and preview.cover["as_of"] == "2024-09-30"
    assert read("I. 현황\n기준일 : 2025. 3. 31.\n").cover["as_of"] == "2025-03-31"


PROJECTS = """Ⅱ. 주요 업무
5 편리한 대중교통
① 기후동행카드
□ 추진일정
- 후불카드 출시 : '24.11월~
② 지하철 1동선 확보
□ 추진일정
- (자격요건) ① 24~38세 ② 자격증 보유
③ 한국어 평가
③ 장애인 콜택시
"""


def test_circled_headings_start_sub_projects_wherever_they_stand():
    preview = read(PROJECTS)
    programs = [r.fields["title"] for r in preview.records if r.model == "programs.program"]
    assert programs == ["편리한 대중교통", "기후동행카드", "지하철 1동선 확보", "장애인 콜택시"]
    wrapped = [r.key["text"] for r in preview.records if r.model == "programs.narrative"]
    assert wrapped[-1] == "① 24~38세 ② 자격증 보유 ③ 한국어 평가"


def test_lines_no_recogniser_claims_are_kept_as_text_where_they_stood():
    preview = read("I. 일반 현황\n알 수 없는 문장\n  이어지는 문장\n1 주요 기능\n- **일정기획**\n")
    first = preview.layout[0]
    assert first["title"] == "일반 현황"
    assert first["blocks"] == [
        {
            "kind": "text",
            "title": "",
            "symbol": "",
            "params": {"lines": ["알 수 없는 문장", "이어지는 문장"]},
        }
    ]
    assert [line.number for line in preview.unplaced] == [2, 3]  # kept, but no record read


def test_an_undated_event_is_kept_as_text_where_it_stood():
    preview = read(EVENTS.split("√ 폭염")[0] + "√ 폭염대비 현장점검\n- ▶ 장소 : 서울역\n")
    blocks = [b for part in preview.layout for b in part["blocks"]]
    assert {
        "kind": "text",
        "title": "",
        "symbol": "",
        "params": {"lines": ["√ 폭염대비 현장점검", "- ▶ 장소 : 서울역"]},
    } in blocks


def test_a_document_with_no_record_read_says_so_as_a_warning():
    preview = read("회의 결과\n08 : 30 개회\n09 : 00 폐회\n")
    assert [(f.line, f.severity, f.code) for f in preview.findings] == [
        (1, "warning", "ingest.nothing_read")
    ]
    assert preview.cover == {} and "3줄 중 0줄" in preview.findings[0].message
    assert not [f for f in read(BUDGET).findings if f.code == "ingest.nothing_read"]


def test_a_separator_character_inside_a_line_does_not_shift_finding_lines():
    preview = read("가\x1e나\n- '24. 8. 23 : 협약 체결\n")
    assert [(f.line, f.code) for f in preview.findings if f.code.startswith("notation.")] == [
        (2, "notation.date_final_period")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "월 일\n시 간\n행 사 명\n07.03\n",  # a table's header cells, one per line
        "| 회계별 | 예산현액(A) |\n|---|---|\n| 합계 | 564,653 |\n",  # a web page's table
        "추진방향\n성과목표 설정\n성과관리 운영\n추진기간\n",  # the body, no outline after it
    ],
)
def test_short_lines_at_the_top_are_a_cover_only_before_an_outline_or_with_a_date(text):
    assert read(text).cover == {}


def test_a_cover_before_the_outline_is_read():
    preview = read("업 무 보 고\n시장비서실\nI. 일반 현황\n")
    assert preview.cover == {"title": "업 무 보 고", "office": "시장비서실"}
