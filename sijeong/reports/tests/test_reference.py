"""Acceptance: the seed report comes back out of the records, figure for figure."""

import re
import subprocess
import unicodedata
from io import BytesIO

import docx as python_docx
import pytest
from hwpx import HwpxDocument

from sijeong.core.notation import check
from sijeong.core.testing import reference_text
from sijeong.documents import markdown
from sijeong.documents.model import Heading
from sijeong.reports.build import build
from sijeong.reports.models import Report
from sijeong.reports.writing import write

pytestmark = pytest.mark.reference

# Tokens of the reference that sijeong prints in the one official form instead, each with the
# notation finding (sijeong.core.notation) that names the reference's defect.
NOTATION_EXCEPTIONS = {
    "1월.~'24.": "notation.month_period",  # ('24. 1월.~'24. 8월)
    "1.~'24.": "notation.mixed_month_form",  # ('24. 1.~'24. 8월)
    "(24.1.22.)": "notation.year_apostrophe",
    "간담회(7.1)]": "notation.date_final_period",
    "제7회(7.25)": "notation.date_final_period",
    "제6회(2.27)": "notation.date_final_period",
    "9.~)": "notation.mixed_month_form",  # ('24. 9.~) among '24. 9월~ forms
    "150개교→'24.9월": "notation.mixed_arrow_spacing",
}


def _plain(text: str) -> str:
    return text.replace("**", "")


@pytest.fixture
def written(seeded):
    report = Report.objects.get(slug="secretariat-2024-09")
    document = build(report)
    return document, _plain(markdown.render(document))


def test_every_figure_of_the_reference_is_printed(written):
    _, output = written
    reference = _plain(reference_text())
    tokens = dict.fromkeys(t for t in reference.split() if re.search(r"\d", t))
    assert len(tokens) > 200
    missing = [t for t in tokens if t not in output]
    assert missing == list(NOTATION_EXCEPTIONS)


@pytest.mark.parametrize(("token", "code"), NOTATION_EXCEPTIONS.items())
def test_each_exception_is_a_defect_the_notation_check_names(token, code):
    text = reference_text()
    findings = check(text)
    lines = text.splitlines()
    spans = [
        (number, match.start(), match.end())
        for number, line in enumerate(lines, 1)
        for match in re.finditer(re.escape(token), line)
    ]
    assert spans, token
    assert any(
        f.code == code
        and f.line == number
        and f.column - 1 < end
        and start < f.column - 1 + len(f.text)
        for number, start, end in spans
        for f in findings
    ), (token, code)


def test_the_written_report_has_no_notation_defects(written):
    _, output = written
    assert check(output) == []


def test_the_flagged_time_is_printed_as_written_and_marked(written):
    _, output = written
    assert "'24. 8. 26.(월) 14:1[확인 필요: 시각 '14:1'이 올바른 형식(시:분)이 아닙니다.]" in output


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


EXPECTED_HEADINGS = [
    "I. 일반 현황",
    "1 주요 기능",
    "2 인력 현황",
    "3 예산 집행현황",
    "II. 주요 업무",
    "1 민생 중심의 현장방문을 통한 현장시정 강화",
    "2 주요 시책 언론발표 및 공유를 통한 대시민 소통강화",
    "3 對 정부 정책협의 및 지자체 교류협력 강화",
    "4 아이 낳아 키우기 좋은 도시, 탄생응원 서울프로젝트 추진",
    "5 편리한 대중교통 서비스 제공",
    "1 기후동행카드 본사업 시행",
    "2 지하철 1역사 1동선 확보",
    "3 장애인 콜택시 이용개선",
]


def test_headings_and_their_order_match_the_reference(written):
    document, _ = written
    headings = [
        _normal(f"{b.label} {''.join(str(r) for r in b.content)}")
        for b in document.blocks
        if isinstance(b, Heading)
    ]
    assert headings == [_normal(h) for h in EXPECTED_HEADINGS]
    # The reference holds them in this order (its title lines wrap; compare without breaks).
    reference = _normal(reference_text())
    position = 0
    for heading in EXPECTED_HEADINGS:
        title = _normal(heading.split(" ", 1)[1])
        found = reference.find(title, position)
        assert found >= 0, title
        position = found


@pytest.mark.system("pdftotext")
def test_the_pdf_holds_the_reports_text(seeded, tmp_path):
    report = Report.objects.get(slug="secretariat-2024-09")
    path = tmp_path / "report.pdf"
    path.write_bytes(write(report, "pdf"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    squashed = "".join(text.split())
    reference = _plain(reference_text())
    tokens = dict.fromkeys(t for t in reference.split() if re.search(r"\d", t))
    # pdftotext breaks lines where the page does: compare without any whitespace.
    missing = [t for t in tokens if t not in squashed]
    assert set(missing) <= set(NOTATION_EXCEPTIONS)


def test_the_hwpx_and_docx_of_the_report_open_and_validate(seeded):
    report = Report.objects.get(slug="secretariat-2024-09")
    hwpx = HwpxDocument.open(BytesIO(write(report, "hwpx")))
    assert hwpx.validate().issues == ()
    assert "143,413" in hwpx.text.plain()
    document = python_docx.Document(BytesIO(write(report, "docx")))
    assert any("143,413" in c.text for t in document.tables for r in t.rows for c in r.cells)
