"""`build_report`: writes a report file, or says in Korean why it cannot."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_it_writes_each_format_to_a_file(seeded, tmp_path):
    # A draft's Markdown opens with its draft mark, then the cover's title.
    md = "검토용 초안".encode()
    for fmt, magic in (("md", md), ("docx", b"PK"), ("hwpx", b"PK"), ("pdf", b"%PDF")):
        path = tmp_path / f"report.{fmt}"
        call_command(
            "build_report",
            "secretariat-2024-09",
            "--format",
            fmt,
            "--output",
            str(path),
            stderr=StringIO(),
        )
        assert path.read_bytes().startswith(magic)


def test_markdown_goes_to_standard_output(seeded):
    out = StringIO()
    call_command("build_report", "secretariat-2024-09", stdout=out)
    assert "357,200" in out.getvalue()


def test_an_unknown_report_is_named_with_the_known_ones(seeded):
    known = "보고서 'nope'가 없습니다. 있는 보고서: secretariat-2024-09"
    with pytest.raises(CommandError, match=re.escape(known)):
        call_command("build_report", "nope")


def test_a_binary_format_needs_an_output_path(seeded):
    with pytest.raises(CommandError, match="--output"):
        call_command("build_report", "secretariat-2024-09", "--format", "pdf")


def test_an_unwritable_path_is_a_clear_error(seeded, tmp_path):
    with pytest.raises(CommandError, match="파일을 쓸 수 없습니다"):
        call_command(
            "build_report",
            "secretariat-2024-09",
            "--output",
            str(tmp_path / "no" / "x.md"),
            stderr=StringIO(),
        )
