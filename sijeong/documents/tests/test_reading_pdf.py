"""The PDF reader: text lines and ruled tables from real files, running headers dropped,
unreadable pages reported, and every bound of its work held."""

import io
import resource
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

import pytest

from sijeong.documents.reading import pdf
from sijeong.documents.reading.model import Paragraph, ReadError, Table
from sijeong.documents.reading.pdf import read_pdf

MB = 1024 * 1024


def minimal_pdf(pages: list[bytes], *, compress: bool = True, stream_header: bytes = b"") -> bytes:
    """A PDF of pages drawing `pages` (content streams) in Helvetica, written byte by byte."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        data = zlib.compress(content) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(
            b"<< /Length %d%s%s >>\nstream\n" % (len(data), flate, stream_header)
            + data
            + b"\nendstream"
        )
    return _assembled(objects)


def _assembled(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_page(*lines: tuple[float, float, str]) -> bytes:
    """A content stream showing each (x, y, text) in 10-point Helvetica."""
    return b"".join(
        b"BT /F1 10 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, y, text.encode("latin-1"))
        for x, y, text in lines
    )


def deflate_bomb(megabytes: int) -> bytes:
    """A zlib stream of `megabytes` MB of zeros in about 1 KB per MB, built without
    compressing them: one fully flushed block of a megabyte, repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MB)
    compressor.compress(zeros)
    compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(zeros, checksum)
    return b"\x78\xda" + block * megabytes + compressor.flush() + checksum.to_bytes(4, "big")


def with_raw_stream(stream: bytes, header: bytes) -> bytes:
    """A one-page PDF whose content stream is `stream`, already encoded, under `header`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d %s >>\nstream\n" % (len(stream), header) + stream + b"\nendstream",
    ]
    return _assembled(objects)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def paragraphs(read: object) -> list[str]:
    return [b.text for b in read.blocks if isinstance(b, Paragraph)]  # type: ignore[attr-defined]


# --- a report written in a word processor and printed to PDF --------------------------------

REPORT_PAGES = 10


def _report_docx(path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "NanumGothic"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "NanumGothic")
    section = document.sections[0]
    section.header.paragraphs[0].text = "2025년 주요업무 보고"
    footer = section.footer.paragraphs[0]
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    footer.add_run(" -")
    for page in range(1, REPORT_PAGES + 1):
        document.add_paragraph(f"{page}. 민생경제 활성화")
        item = document.add_paragraph("□ 소상공인 지원 확대")
        item.paragraph_format.left_indent = Pt(20)
        detail = document.add_paragraph("○ 긴급 경영안정자금 지원")
        detail.paragraph_format.left_indent = Pt(40)
        table = document.add_table(rows=4, cols=4)
        table.style = "Table Grid"
        for column, heading in enumerate(["구분", "예산", "집행", "집행률"]):
            table.cell(0, column).text = heading
        table.cell(1, 0).text = "소상공인"
        table.cell(1, 1).text = "1,200\n63\n5.10%"
        table.cell(1, 2).text = "300\n12\n4.00%"
        table.cell(1, 3).text = "25.0%\n19.0%\n78.4%"
        table.cell(2, 0).merge(table.cell(3, 0)).text = "청년"
        table.cell(2, 1).merge(table.cell(2, 2)).text = "합계 2,000"
        table.cell(2, 3).text = "50%"
        for column, text in enumerate(["10", "20", "30"], 1):
            table.cell(3, column).text = text
        document.add_paragraph("※ 단위: 백만원")
        if page < REPORT_PAGES:
            document.add_page_break()
    document.save(str(path))


def _to_pdf(source: Path, options: str = "") -> bytes:
    target = Path(tempfile.mkdtemp(dir=source.parent))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{source.parent}/profile",
            "--convert-to",
            f"pdf{options}",
            "--outdir",
            str(target),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return (target / (source.stem + ".pdf")).read_bytes()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.docx"
    _report_docx(path)
    return path


@pytest.fixture(scope="module")
def report_pdf(report: Path) -> bytes:
    return _to_pdf(report)


@pytest.mark.system("soffice")
def test_a_ruled_table_is_read_as_cells_with_spans_and_stacked_figures_as_rows(report_pdf):
    read = read_pdf(report_pdf)
    tables = [b for b in read.blocks if isinstance(b, Table)]
    assert [t.page for t in tables] == list(range(1, REPORT_PAGES + 1))
    cells = {(c.row, c.column): (c.text, c.row_span, c.column_span) for c in tables[0].cells}
    assert cells[(0, 0)] == ("구분", 1, 1) and cells[(0, 3)] == ("집행률", 1, 1)
    # 1,200 / 63 / 5.10% stacked in one cell, beside cells stacking three lines each
    assert cells[(1, 0)] == ("소상공인", 3, 1)
    assert [cells[(r, 1)][0] for r in (1, 2, 3)] == ["1,200", "63", "5.10%"]
    assert [cells[(r, 3)][0] for r in (1, 2, 3)] == ["25.0%", "19.0%", "78.4%"]
    assert cells[(4, 0)] == ("청년", 2, 1)
    assert cells[(4, 1)] == ("합계 2,000", 1, 2)
    assert (4, 2) not in cells
    assert tables[0].grid()[5] == ["", "10", "20", "30"]


@pytest.mark.system("soffice")
def test_paragraphs_keep_their_indentation_and_the_table_its_place(report_pdf):
    read = read_pdf(report_pdf)
    assert read.format == "pdf" and read.pages == REPORT_PAGES and read.unreadable_pages == []
    first = read.blocks[:5]
    assert [type(b).__name__ for b in first] == ["Paragraph"] * 3 + ["Table", "Paragraph"]
    assert [b.text for b in first if isinstance(b, Paragraph)] == [
        "1. 민생경제 활성화",
        "□ 소상공인 지원 확대",
        "○ 긴급 경영안정자금 지원",
        "※ 단위: 백만원",
    ]
    margins = [b.margin for b in first[:3] if isinstance(b, Paragraph)]
    assert margins[0] < margins[1] < margins[2]
    assert {b.page for b in read.blocks} == set(range(1, REPORT_PAGES + 1))
    # what is in the table is not also a paragraph
    assert not any(text == "소상공인" or "1,200" in text for text in paragraphs(read))


@pytest.mark.system("soffice")
def test_running_header_and_page_numbers_are_not_text(report_pdf):
    texts = paragraphs(read_pdf(report_pdf))
    assert "2025년 주요업무 보고" not in texts
    assert not any(text.startswith("-") for text in texts)
    assert len(texts) == 4 * REPORT_PAGES


@pytest.mark.system("soffice")
def test_a_font_without_a_map_to_unicode_makes_its_pages_unreadable(report_pdf):
    garbled = report_pdf.replace(b"/ToUnicode", b"/ToUnicodX")  # same length: offsets hold
    with pytest.raises(ReadError) as error:
        read_pdf(garbled)
    pages = ", ".join(str(n) for n in range(1, REPORT_PAGES + 1))
    assert (
        str(error.value)
        == f"글자를 읽을 수 없는 쪽: {pages}쪽 (스캔 문서는 OCR 후 다시 올려 주세요)"
    )


@pytest.mark.system("soffice")
def test_a_pdf_with_a_password_is_refused_in_korean(report):
    options = (
        ':writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    with pytest.raises(ReadError, match="암호가 걸린 PDF는 읽을 수 없습니다"):
        read_pdf(_to_pdf(report, options))


@pytest.mark.system("soffice")
def test_a_pdf_locked_only_against_copying_is_read_within_the_same_caps(report, monkeypatch):
    options = (
        ':writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},'
        '"PermissionPassword":{"type":"string","value":"owner"}}'
    )
    locked = _to_pdf(report, options)
    assert b"/Encrypt" in locked
    read = read_pdf(locked)
    assert sum(isinstance(b, Table) for b in read.blocks) == REPORT_PAGES
    # its streams are deciphered before they are measured: the raw bytes say nothing
    monkeypatch.setattr(pdf, "MAX_DRAWING_STREAM", 1000)
    with pytest.raises(ReadError, match="스트림 하나의 한도"):
        read_pdf(locked)


@pytest.mark.system("soffice")
def test_ten_pages_of_tables_are_read_within_a_second(report_pdf):
    read_pdf(report_pdf)  # the libraries loaded
    started = time.perf_counter()
    read = read_pdf(report_pdf)
    assert read.pages == 10 and sum(isinstance(b, Table) for b in read.blocks) == 10
    assert time.perf_counter() - started < 1.0


# --- PDFs written by hand -------------------------------------------------------------------


def test_a_page_number_or_a_repeated_line_in_the_margin_band_is_dropped():
    pages = [
        text_page(
            (70, 810, "Seoul Metropolitan Government"),
            (70, 700, f"Body of page {n}"),
            (70, 650, "3"),  # a figure in the body stays
            (290, 25, f"- {n} -"),
        )
        for n in range(1, 4)
    ]
    read = read_pdf(minimal_pdf(pages))
    assert paragraphs(read) == [text for n in (1, 2, 3) for text in (f"Body of page {n}", "3")]
    assert [b.page for b in read.blocks] == [1, 1, 2, 2, 3, 3]
    assert all(70 <= b.margin <= 72 for b in read.blocks if isinstance(b, Paragraph))


def test_a_line_on_one_page_only_is_kept_even_in_the_band():
    pages = [text_page((70, 810, "Draft"), (70, 700, "Body")), text_page((70, 700, "Body"))]
    assert paragraphs(read_pdf(minimal_pdf(pages))) == ["Draft", "Body", "Body"]


def test_a_scanned_page_is_reported_and_a_scan_alone_is_refused():
    import pypdfium2 as pdfium
    from PIL import Image

    scan = io.BytesIO()
    Image.new("L", (600, 840), 255).save(scan, "PDF", resolution=72)
    with pytest.raises(ReadError) as error:
        read_pdf(scan.getvalue())
    assert str(error.value) == "글자를 읽을 수 없는 쪽: 1쪽 (스캔 문서는 OCR 후 다시 올려 주세요)"

    mixed = pdfium.PdfDocument(minimal_pdf([text_page((70, 700, "Typed"))] * 2))
    mixed.import_pages(pdfium.PdfDocument(scan.getvalue()), index=1)
    out = io.BytesIO()
    mixed.save(out)
    read = read_pdf(out.getvalue())
    assert read.unreadable_pages == [2] and read.pages == 3
    assert paragraphs(read) == ["Typed", "Typed"] and [b.page for b in read.blocks] == [1, 3]


def test_a_page_of_control_characters_is_unreadable():
    garbled = b"BT /F1 10 Tf 70 700 Td (\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10) Tj ET\n"
    read = read_pdf(minimal_pdf([text_page((70, 700, "Readable")), garbled]))
    assert read.unreadable_pages == [2] and paragraphs(read) == ["Readable"]


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\nnothing else", b"hello", minimal_pdf([text_page((70, 700, "x"))])[:200]],
)
def test_what_is_not_a_pdf_is_refused_in_korean(content):
    with pytest.raises(ReadError, match="PDF 파일이 아니거나 손상되어 열 수 없습니다"):
        read_pdf(content)


def test_a_pdf_without_text_is_refused():
    with pytest.raises(ReadError, match="읽을 수 있는 글자가 없습니다"):
        read_pdf(minimal_pdf([b"0 0 m 100 100 l S\n"]))


# --- bounds ---------------------------------------------------------------------------------


def test_a_thousand_pages_are_refused_before_any_page_is_read():
    content = minimal_pdf([text_page((70, 700, "page"))] * 1000)
    started = cpu_seconds()
    with pytest.raises(ReadError, match=r"쪽이 너무 많습니다 \(1,000쪽\). PDF는 300쪽 이하"):
        read_pdf(content)
    assert cpu_seconds() - started < 5


def test_a_content_stream_inflating_to_512_mb_is_refused_at_its_cap():
    bomb = deflate_bomb(512)
    content = with_raw_stream(bomb, b"/Filter /FlateDecode")
    assert len(content) < 600_000
    started = cpu_seconds()
    with pytest.raises(ReadError, match="스트림 하나의 한도 16MB"):
        read_pdf(content)
    assert cpu_seconds() - started < 5


def test_a_picture_inflating_to_512_mb_is_refused_at_its_cap():
    bomb = deflate_bomb(512)
    content = with_raw_stream(bomb, b"/Type /XObject /Subtype /Image /Filter /FlateDecode")
    started = cpu_seconds()
    with pytest.raises(ReadError, match="스트림 하나의 한도 64MB"):
        read_pdf(content)
    assert cpu_seconds() - started < 5


def test_streams_within_their_cap_are_refused_past_the_total():
    pictures = [deflate_bomb(60) for _ in range(5)]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    objects += [
        b"<< /Length %d /Subtype /Image /Filter /FlateDecode >>\nstream\n" % len(p)
        + p
        + b"\nendstream"
        for p in pictures
    ]
    with pytest.raises(ReadError, match="압축을 푼 내용이 한도 256MB"):
        read_pdf(_assembled(objects))


def test_a_page_of_half_a_million_tiny_objects_is_refused_before_pdfium_draws_it():
    content = minimal_pdf([b"BT /F1 1 Tf " + b"(a)Tj " * 500_000 + b"ET"])
    started = cpu_seconds()
    with pytest.raises(ReadError, match="개체가 한도 200,000개"):
        read_pdf(content)
    assert cpu_seconds() - started < 5


def one_page_of_streams(runs: int, streams: int) -> bytes:
    """A page whose contents are `streams` streams, each showing `runs` runs of text."""
    data = zlib.compress(b"BT /F1 1 Tf " + b"(a)Tj " * runs + b"ET")
    contents = b" ".join(b"%d 0 R" % (5 + i) for i in range(streams))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents [%s] >>" % contents,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
    objects += [stream + b"\nendstream"] * streams
    return _assembled(objects)


def test_a_page_drawn_from_many_streams_is_refused_by_its_own_count():
    started = cpu_seconds()
    with pytest.raises(ReadError, match="1쪽의 개체가 450,000개로 한 쪽의 한도 200,000개"):
        read_pdf(one_page_of_streams(150_000, 3))
    with pytest.raises(ReadError, match="문서 전체의 그리는 개체가 한도 600,000개"):
        read_pdf(one_page_of_streams(150_000, 5))
    assert cpu_seconds() - started < 5


def test_the_characters_of_a_document_are_capped(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_CHARACTERS", 30)
    pages = [text_page((70, 700, "twenty characters ok")) for _ in range(2)]
    with pytest.raises(ReadError, match="보고서 한 건은 30자 이하"):
        read_pdf(minimal_pdf(pages))


def test_the_cells_of_a_document_are_capped(monkeypatch):
    grid = b"".join(b"%d 600 m %d 700 l S\n" % (x, x) for x in (100, 200, 300))
    grid += b"".join(b"100 %d m 300 %d l S\n" % (y, y) for y in (600, 650, 700))
    page = grid + text_page((120, 670, "a"), (220, 670, "b"), (120, 620, "c"), (220, 620, "d"))
    read = read_pdf(minimal_pdf([page]))
    table = next(b for b in read.blocks if isinstance(b, Table))
    assert table.grid() == [["a", "b"], ["c", "d"]]
    monkeypatch.setattr(pdf, "MAX_CELLS", 3)
    with pytest.raises(ReadError, match="표의 칸이 한도 3개"):
        read_pdf(minimal_pdf([page]))


def test_reading_stops_at_the_deadline_between_pages(monkeypatch):
    monkeypatch.setattr(pdf, "DEADLINE_SECONDS", -1.0)
    with pytest.raises(ReadError, match="초 안에 다 읽지 못해 멈췄습니다"):
        read_pdf(minimal_pdf([text_page((70, 700, "x"))]))
