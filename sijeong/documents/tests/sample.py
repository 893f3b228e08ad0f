"""A document that uses every part of the document model, for the writers' tests."""

from sijeong.documents.model import (
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Figure,
    Flag,
    Heading,
    PageBreak,
    Paragraph,
    Source,
    Table,
    runs,
)

BUDGET = Source("budget.budgetline#1", "기관운영업무추진비 예산액 (2024년)")
SPENT = Source("budget.expenditure#1", "기관운영업무추진비 집행 누계 ('24.8월)", "derived")

# Strings each writer must carry through, in reading order.
TEXTS = [
    "주요업무보고",
    "2024. 9.",
    "시장비서실",
    "I. 일반 현황",
    "인력 현황",
    "(기준 / 단위 : '24.8월 / 명)",
    "전문임기제 9명",
    "357,200",
    "143,413 (40.1%)",
    "Ⅱ. 주요 업무",
    "민생 중심의 현장방문을 통한 현장시정 강화",
    "추진방향",
    "폭염대비 서울역 쪽방촌 현장점검",
    "'24. 8. 6.(화) 11:10",
    "14:1",
    "395만건",
    "탄생응원서울 프로젝트",
]


def sample_document() -> Document:
    rate = Figure("40.1%", (BUDGET, SPENT))
    document = Document("주요업무보고")
    document.add(
        Cover("주요업무보고", "2024. 9.", "시장비서실"),
        PageBreak(),
        Heading(1, "I.", runs("일반 현황")),
        Heading(2, "1", runs("주요 기능")),
        Bullet("-", 0, runs(Emphasis(runs("민생현장 중심 시장 일정기획 및 시정 메시지 지원")))),
        Bullet("-", 1, runs("민생문제 및 시정현안 해결을 위한 현장방문 등 일정 수립·추진")),
        Heading(2, "2", runs("인력 현황")),
        Table(
            header=(
                (
                    Cell(runs("구분"), rowspan=2),
                    Cell(runs("총계"), rowspan=2),
                    Cell(runs("일반직"), colspan=2),
                    Cell(runs("별정직"), colspan=2),
                ),
                (Cell(runs("소계")), Cell(runs("5급")), Cell(runs("소계")), Cell(runs("5급상당"))),
            ),
            rows=(
                tuple(Cell(runs(t)) for t in ("정원", "31", "9", "2", "22", "17")),
                tuple(Cell(runs(t)) for t in ("현원", "30", "9", "2", "21", "15")),
            ),
            units="(기준 / 단위 : '24.8월 / 명)",
            notes=(runs("※ 행정안전부와 협의된 전문임기제 9명 별도"),),
        ),
        Heading(2, "3", runs("예산 집행현황")),
        Bullet("●", 0, runs("과목별 집행현황")),
        Table(
            header=(tuple(Cell(runs(t)) for t in ("구분", "예산액", "집행액", "잔액", "비고")),),
            rows=(
                (
                    Cell(runs("계")),
                    Cell(runs(Figure("357,200", (BUDGET,))), align="right"),
                    Cell(runs(Figure("143,413", (SPENT,)), " (", rate, ")"), align="right"),
                    Cell(runs("213,787"), align="right"),
                    Cell(runs("")),
                ),
                (
                    Cell(runs("기관운영업무추진비")),
                    Cell(runs("277,200"), align="right"),
                    Cell(runs("97,993 (35.4%)"), align="right"),
                    Cell(runs("179,207"), align="right"),
                    Cell(runs("조직운영, 대민활동, 유관기관협조 등 제반 경비"), align="left"),
                ),
            ),
            units="(기준 / 단위 : '24.8월 / 천원)",
        ),
        PageBreak(),
        Heading(1, "Ⅱ.", runs("주요 업무")),
        Heading(
            2,
            "1",
            runs("민생 중심의 현장방문을 통한 현장시정 강화"),
            summary=runs("시민의 삶과 밀접히 관련된 주요 이슈 및 현안에 대해 현장방문"),
        ),
        Bullet("□", 0, runs("추진방향")),
        Bullet("-", 1, runs("시민의 삶과 밀접한 민생 현장방문을 위한 시기별·현안별 일정 기획")),
        Bullet("√", 1, runs("폭염대비 서울역 쪽방촌 현장점검")),
        Bullet("▶", 2, runs("일시/장소 : ", Figure("'24. 8. 6.(화) 11:10"), " / 서울역쪽방상담소")),
        Bullet("▶", 2, runs("일시/장소 : '24. 8. 26.(월) ", Flag("14:1", "시각 형식 오류"))),
        Bullet("○", 1, runs("현장 중심 시정운영")),
        Bullet("·", 2, runs("가운뎃점 항목")),
        Bullet("※", 2, runs("참고 사항")),
        Bullet("*", 2, runs("별표 주석")),
        Bullet("✓", 1, runs("(누적 충전) 총 ", Figure("395만건"), " (30일권 389만건)")),
        Heading(3, "①", runs(Emphasis(runs("탄생응원서울 프로젝트")), " 추진")),
        Paragraph(runs("서울시 저출생 대책 통합 브랜드 ", Emphasis(runs("신규")))),
    )
    return document
