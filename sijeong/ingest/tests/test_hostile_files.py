"""Hostile files are refused before the work they would cost, with the limit in Korean.

Time and peak memory of the refusals are measured by `make bench` (bench/ingest.py), not here.
"""

import zipfile
from io import BytesIO

import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.documents.reading import packages
from sijeong.documents.reading.text import MAX_CHARACTERS, MAX_LINES, ReadError
from sijeong.documents.tests.test_reading_text import read_text
from sijeong.ingest.models import ImportedDocument

from .hostile import bomb, document_xml, lying, package
from .test_apply import run_command
from .test_pages import upload

FORMATS = ["docx", "hwpx"]


@pytest.fixture
def loose_ratio(monkeypatch):
    """Generated XML compresses like a bomb; the limits while streaming are the point here."""
    monkeypatch.setattr(packages, "MAX_RATIO", 10**9)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_small_package_holding_forty_megabytes_of_xml_is_refused_by_its_directory(
    fmt, monkeypatch
):
    content = bomb(fmt)
    assert len(content) < 200 * 1024

    def never(*args, **kwargs):
        raise AssertionError("a part over the limit was parsed")

    monkeypatch.setattr(packages, "_stream", never)
    with pytest.raises(ReadError, match="압축을 푼 크기가 40MB로 한도 20MB를 넘습니다"):
        read_text(content, f"bomb.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_part_whose_header_lies_about_its_size_is_refused(fmt):
    refused = r"압축을 풀 수 없습니다|헤더에 적힌 것보다|XML이 올바르지 않습니다"
    with pytest.raises(ReadError, match=refused):
        read_text(lying(fmt), f"lying.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_part_is_read_through_a_byte_cap_whatever_its_directory_said(fmt, monkeypatch):
    monkeypatch.setattr(packages, "MAX_PART_BYTES", 1024 * 1024)
    archive = zipfile.ZipFile(BytesIO(bomb(fmt, size=3 * 1024 * 1024)))  # no directory check
    read = packages.docx_paragraphs if fmt == "docx" else packages.hwpx_paragraphs
    with pytest.raises(ReadError, match=r"헤더에 적힌 것보다 크거나 한도 1\.0MB"):
        read(archive)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_part_compressed_far_beyond_what_xml_does_is_refused(fmt):
    with pytest.raises(ReadError, match=r"압축률이 .*배로 한도 100배"):
        read_text(bomb(fmt, size=5 * 1024 * 1024), f"dense.{fmt}")


def test_a_package_of_too_many_parts_is_refused_before_it_is_opened():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", document_xml("docx", paragraphs=1))
        for number in range(packages.MAX_PARTS + 1):
            archive.writestr(f"p/{number}", b"")
    with pytest.raises(ReadError, match="부품이 1,002개로 한도 1,000개"):
        read_text(buffer.getvalue(), "parts.docx")


@pytest.mark.parametrize("fmt", FORMATS)
def test_paragraphs_beyond_the_line_limit_are_refused_as_they_stream(fmt, loose_ratio):
    content = package(fmt, document_xml(fmt, paragraphs=MAX_LINES + 1))
    with pytest.raises(ReadError, match=f"한도 {MAX_LINES:,}개를 넘습니다"):
        read_text(content, f"long.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_beyond_the_character_limit_is_refused_as_it_streams(fmt, loose_ratio):
    text = "가" * (MAX_CHARACTERS + 1)
    xml = document_xml(fmt, paragraphs=1).replace("현장 점검 회의 0".encode(), text.encode())
    with pytest.raises(ReadError, match=f"{MAX_CHARACTERS:,}자 이하"):
        read_text(package(fmt, xml), f"long.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_deeply_nested_xml_is_refused(fmt):
    content = package(fmt, document_xml(fmt, paragraphs=1, depth=10_000))
    with pytest.raises(ReadError, match="단계보다 깊게"):
        read_text(content, f"deep.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_entities_and_dtds_are_refused(fmt):
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + document_xml(fmt, paragraphs=1)[38:]
    )
    with pytest.raises(ReadError, match="XML이 올바르지 않습니다"):
        read_text(package(fmt, xml), f"dtd.{fmt}")


def test_a_text_file_is_refused_by_its_size_before_it_is_decoded(monkeypatch):
    from sijeong.documents import reading

    def never(content):
        raise AssertionError("decoded")

    monkeypatch.setattr(reading, "decode", never)
    with pytest.raises(ReadError, match="텍스트 파일이 너무 큽니다"):
        read_text("가".encode() * (2 * MAX_CHARACTERS), "long.txt")


def test_a_text_of_too_many_lines_is_refused():
    with pytest.raises(ReadError, match=f"줄이 너무 많습니다 \\({MAX_LINES + 1:,}줄\\)"):
        read_text(b"-\n" * MAX_LINES + b"-", "lines.txt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_refuses_a_bomb_with_exit_2_and_the_limit(db, tmp_path, fmt):
    path = tmp_path / f"bomb.{fmt}"
    path.write_bytes(bomb(fmt))
    code, _, err = run_command(str(path))
    assert code == 2 and "한도 20MB를 넘습니다" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_upload_page_refuses_a_bomb_with_the_limit(bob, fmt):
    response = upload(logged_in(bob), bomb(fmt), f"bomb.{fmt}")
    page = response.content.decode()
    assert response.status_code == 200 and "한도 20MB를 넘습니다" in page
    assert not ImportedDocument.objects.exists()
    assert reverse("ingest:upload")
