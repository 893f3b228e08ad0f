"""Every writer carries the whole document, and real readers open what it writes."""

import re
import subprocess
import zipfile
from io import BytesIO

import docx as python_docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hwpx import HwpxDocument
from hwpx.tools.package_validator import validate_package

from sijeong.documents import docx, html, hwpx, markdown, pdf
from sijeong.documents.model import Document, Paragraph

from .sample import TEXTS, sample_document


def run(*command: object) -> str:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=True
    ).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in order (whitespace ignored: readers wrap and space lines)."""
    text, position, missing = _squash(haystack), 0, []
    for needle in needles:
        found = text.find(_squash(needle), position)
        if found < 0:
            missing.append(needle)
        else:
            position = found
    return missing


def test_markdown_carries_every_text_and_one_header_row_per_table():
    text = markdown.render(sample_document())
    assert in_order(text.replace("**", ""), TEXTS) == []
    assert (
        "| 구분 | 총계 | 일반직 |  | 별정직 |  |\n|---|---|---|---|---|---|\n|  |  | 소계 |" in text
    )
    assert "14:1[확인 필요: 시각 형식 오류]" in text


def test_html_figures_show_their_sources_to_keyboard_users():
    page = html.render(sample_document())
    assert page.count('class="fig" tabindex="0"') == 3  # the figures that name a source
    described = re.search(r'aria-describedby="(src-\d+)">357,200', page)
    assert described
    tooltip = re.search(rf'id="{described.group(1)}">출처(.*?)</span></span>', page)
    assert tooltip and "기관운영업무추진비 예산액 (2024년)" in tooltip.group(1)
    assert "<ul>" not in page  # a list would end the paragraph it sits in


def test_html_escapes_text():
    document = sample_document()
    document.add(markdown.Paragraph(("<script>&",)))
    assert "&lt;script&gt;&amp;" in html.render(document)


def test_docx_opens_with_bold_merged_cells_and_the_korean_font():
    document = python_docx.Document(BytesIO(docx.render(sample_document())))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    in_tables = ["357,200", "143,413 (40.1%)"]
    assert in_order(body, [t for t in TEXTS if t not in in_tables]) == []
    assert in_order(cells, in_tables) == []
    bold = {r.text for p in document.paragraphs for r in p.runs if r.bold}
    assert "탄생응원서울 프로젝트" in bold and "신규" in bold
    staffing = document.tables[0]
    assert staffing.cell(0, 0).text == staffing.cell(1, 0).text == "구분"  # rowspan
    assert staffing.cell(0, 2).text == staffing.cell(0, 3).text == "일반직"  # colspan
    # Serif (명조) body, gothic tables with their figures right-aligned (docs/typography.md).
    assert 'w:eastAsia="Noto Serif KR"' in document.styles["Normal"].element.xml
    budget = document.tables[1]
    figure = next(c for r in budget.rows for c in r.cells if c.text == "357,200")
    assert 'w:eastAsia="NanumGothic"' in figure.paragraphs[0].runs[0]._r.xml
    assert figure.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_hwpx_is_valid_and_holds_the_text():
    content = hwpx.render(sample_document())
    document = HwpxDocument.open(BytesIO(content))
    assert document.validate().issues == ()
    # The package python-hwpx starts from names no version part: a warning, not an error.
    assert [i for i in validate_package(content).issues if i.level != "warning"] == []
    text = document.text.plain()
    assert in_order(text, TEXTS) == []
    assert zipfile.ZipFile(BytesIO(content)).read("mimetype") == b"application/hwp+zip"
    staffing = document.tables.all[0]
    assert staffing.cell(0, 0).span == (2, 1) and staffing.cell(0, 2).span == (1, 2)


@pytest.mark.system("pdftotext", "pdffonts", "pdfinfo")
def test_pdf_is_tagged_a4_with_embedded_fonts_page_numbers_and_every_text(tmp_path):
    path = tmp_path / "sample.pdf"
    path.write_bytes(pdf.render(sample_document()))
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert in_order(text, TEXTS) == []
    assert "출처" not in text  # provenance is for the screen, not the paper
    assert "\u2060" not in text  # words are kept whole without joiners in the text layer
    assert re.search(r"^\s*- 2 -\s*$", text, re.MULTILINE)
    fonts = run("pdffonts", path).splitlines()[2:]
    names = " ".join(line.split()[0] for line in fonts)
    assert "NotoSerifKR" in names and "NanumGothic" in names and "NanumGothicBold" in names
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    info = run("pdfinfo", path)
    assert "(A4)" in info and re.search(r"Tagged:\s+yes", info)
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3


@pytest.mark.system("pdftotext")
def test_pdf_prints_markup_characters_as_text(tmp_path):
    # Typst markup is written by the writer; a record's text can never become markup.
    written = '#set page(fill: red) *굵게* ] [ " \\ $x$ <a> @b // c'
    path = tmp_path / "markup.pdf"
    path.write_bytes(pdf.render(Document("t", [Paragraph((written,))])))
    assert " ".join(run("pdftotext", path, "-").split()).startswith(written)


def test_pdf_keeps_korean_words_whole():
    words = pdf._text("기관운영업무추진비 97,993 (35.4%)")
    assert '#box("기관운영업무추진비")' in words and '#"97,993"' in words
    # A very long run of Hangul may break, so that it wraps in a narrow cell.
    assert "#box" not in pdf._text("가" * (pdf.KEEP_WHOLE + 1))


def test_pdf_without_its_font_says_what_to_do(settings, tmp_path):
    settings.FONT_DIR = tmp_path
    with pytest.raises(pdf.FontMissingError, match="make setup"):
        pdf.render(sample_document())


# LibreOffice has no HWPX import filter (Debian's 7.4 nor 25.2 from bookworm-backports), so
# HWPX is checked by python-hwpx's schema and package validators above instead.
@pytest.mark.system("soffice", "pdftotext")
def test_libreoffice_converts_the_docx_to_pdf(tmp_path):
    source = tmp_path / "sample.docx"
    source.write_bytes(docx.render(sample_document()))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "sample.pdf"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    text = subprocess.run(
        ["pdftotext", converted, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert in_order(text, TEXTS) == []
