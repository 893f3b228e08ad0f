"""Reading files of every kind a department sends into numbered lines."""

import pytest

from sijeong.documents import docx, hwpx
from sijeong.documents.reading import ReadError, lay_out, read
from sijeong.documents.reading.text import source_lines
from sijeong.documents.tests.sample import TEXTS, sample_document


def read_text(content: bytes, filename: str = "") -> tuple[str, str]:
    """(format, text) of a file, as the checker and the importer read it."""
    laid = lay_out(read(content, filename))
    return laid.format, laid.text


TEXT = "Ⅰ. 일반 현황\r\n1 주요 기능\r\n- 민생현장 중심\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp949", "euc-kr"])
def test_text_in_every_korean_encoding_reads_the_same(encoding):
    kind, text = read_text(TEXT.encode(encoding))
    assert kind == "text"
    assert [line.text for line in source_lines(text)][:3] == [
        "Ⅰ. 일반 현황",
        "1 주요 기능",
        "- 민생현장 중심",
    ]


def test_full_width_characters_and_line_ends_are_normalised():
    _, text = read_text("１ 주요 기능（안）\r- 항목\u3000끝\u00a0\n‘24. 8.".encode())
    assert [line.text for line in source_lines(text)] == [
        "1 주요 기능(안)",
        "- 항목  끝",
        "‘24. 8.",  # curly quotes are the text's own; date parsers read them
    ]


def test_lines_are_numbered_from_one():
    lines = source_lines("a\n\nb")
    assert [(line.number, line.text) for line in lines] == [(1, "a"), (2, ""), (3, "b")]


def test_docx_and_hwpx_come_out_as_lines_with_tables_as_tab_separated_rows():
    for writer in (docx, hwpx):
        kind, text = read_text(writer.render(sample_document()))
        assert kind == writer.__name__.rsplit(".", 1)[1]
        squashed = "".join(text.split())
        assert all("".join(t.split()) in squashed for t in TEXTS if t != "14:1")
        assert "정원\t31\t9\t2\t22\t17" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "빈 파일"),
        (b"   \n  ", "빈 파일"),
        (b"\x00\x01\x02binary" * 10, "텍스트 파일이 아닙니다"),
        (b"PK\x03\x04 not really a zip", "손상"),
        (bytes([0xFF, 0xFE, 0x00, 0xD8]), "UTF-16"),
        ("가나다".encode()[:-1] + b"\xff\xfe\xfd", "인코딩"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 hwp", "HWP"),
    ],
)
def test_unreadable_input_gets_a_korean_reason(content, message):
    with pytest.raises(ReadError, match=message):
        read_text(content, "report.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_nul_anywhere_in_a_text_is_refused_with_its_line(encoding):
    # Past the first 4 KB that tell text from binary: PostgreSQL would refuse it later, in
    # the import's preview, with an error page.
    text = "- 현장 점검\n" * 600 + "- 끝\x00\n"
    with pytest.raises(ReadError, match="601행에 NUL 문자가 있어"):
        read_text(text.encode(encoding))
