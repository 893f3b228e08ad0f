"""The corpus of published documents in their own formats (data/corpus/binary/: HWP, HWPX,
PDF as issuers publish them): each is read through the real readers, with its tables, and
the figures its annotations recompute are in what was read, at the page they are on."""

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from sijeong.checking.document import check_file
from sijeong.documents.reading import lay_out, read

BINARY = Path(__file__).resolve().parents[3] / "data" / "corpus" / "binary"
DOCUMENTS = sorted(p for p in BINARY.iterdir() if p.suffix in {".hwp", ".hwpx", ".pdf", ".xlsx"})
FORMATS = {"HWP 5": "hwp", "HWPX": "hwpx", "PDF": "pdf", "XLSX": "xlsx"}


def annotations(path: Path) -> dict:
    return tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))


def test_the_corpus_holds_every_format_from_many_issuers():
    notes = [annotations(p) for p in DOCUMENTS]
    assert len(DOCUMENTS) >= 15
    assert len({n["publisher"] for n in notes}) >= 8
    assert {p.suffix for p in DOCUMENTS} >= {".hwp", ".hwpx", ".pdf"}


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_each_document_is_read_with_its_tables_and_annotated_figures(path):
    notes = annotations(path)
    document = read(path.read_bytes(), path.name)
    declared = next(fmt for word, fmt in FORMATS.items() if notes["format"].startswith(word))
    assert document.format == declared
    laid = lay_out(document)
    assert len(laid.text.splitlines()) > 20
    assert laid.unreadable_pages == []
    checked = check_file(path.read_bytes(), path.name)
    assert checked.lines and checked.laid is not None
    plain = re.sub(r"[,\s]", "", laid.text)
    for defect in notes.get("defects", []):
        stated = defect["values"]["stated"]
        if isinstance(stated, str):
            figure = re.sub(r"[,\s]", "", stated)
        else:
            figure = f"{Decimal(str(stated)):f}"
            figure = figure.rstrip("0").rstrip(".") if "." in figure else figure
        assert figure in plain, (defect.get("place", ""), figure)
