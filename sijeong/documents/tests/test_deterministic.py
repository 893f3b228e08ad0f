"""The same document gives the same bytes in every format, whenever it is written: a finalised
report is rebuilt from its records and compared with its frozen files byte for byte."""

import re
import time
import zipfile
from io import BytesIO

import docx as python_docx
import pytest
from hwpx import HwpxDocument

from sijeong.documents import docx, html, hwpx, markdown, pdf

from .sample import sample_document

WRITERS = {"docx": docx, "hwpx": hwpx, "pdf": pdf, "html": html, "md": markdown}


@pytest.fixture(scope="module")
def written_twice() -> dict[str, tuple[bytes | str, bytes | str]]:
    first = {name: writer.render(sample_document()) for name, writer in WRITERS.items()}
    time.sleep(2.1)  # a zip member's time has a resolution of two seconds
    second = {name: writer.render(sample_document()) for name, writer in WRITERS.items()}
    return {name: (first[name], second[name]) for name in WRITERS}


@pytest.mark.parametrize("name", WRITERS)
def test_the_same_document_gives_the_same_bytes(written_twice, name):
    first, second = written_twice[name]
    assert first == second


def test_the_numbered_hwpx_still_opens_with_unique_paragraph_ids(written_twice):
    content = written_twice["hwpx"][0]
    document = HwpxDocument.open(BytesIO(content))
    assert document.validate().issues == ()
    package = zipfile.ZipFile(BytesIO(content))
    assert package.namelist()[0] == "mimetype"
    section = package.read("Contents/section0.xml").decode()
    ids = re.findall(r'<hp:p id="(\d+)"', section)
    assert len(ids) == len(set(ids)) > 1
    footers = set(re.findall(r'<hp:footer id="(\d+)"', section))
    applied = set(re.findall(r'<hp:footerApply [^>]*idRef="(\d+)"', section))
    assert applied and applied <= footers
    assert "탄생응원서울 프로젝트" in document.text.plain()


def test_the_repacked_docx_still_opens(written_twice):
    document = python_docx.Document(BytesIO(written_twice["docx"][0]))
    assert any("탄생응원서울 프로젝트" in p.text for p in document.paragraphs)
