"""`check_document PATH [--json]`: findings with line and severity; exit 0 read, 2 unreadable."""

import io
import json

import pytest
from django.core.management import call_command

from .test_checks import BUDGET

WRONG = "구분\t예산액\t집행액\n계\t1,300\t600\n본청\t1,000\t500\n사업소\t200\t100\n"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_document", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_prints_each_finding_with_its_line_and_severity(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(WRONG, encoding="utf-8")
    code, out, _ = run(str(path))
    assert code == 0
    assert "2행 [오류] '계' 예산액: 1,000 + 200 = 1,200 (적힌 계 1,300)" in out


def test_json_is_a_list_of_findings(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_bytes(WRONG.encode("cp949"))
    code, out, _ = run(str(path), "--json")
    assert code == 0
    findings = json.loads(out)
    assert findings == [
        {
            "line": 2,
            "severity": "오류",
            "code": "total-mismatch",
            "message": "'계' 예산액: 1,000 + 200 = 1,200 (적힌 계 1,300)",
            "values": [1000, 200, 1200, 1300],
        }
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp949"])
def test_a_clean_document_in_any_encoding_exits_zero_with_no_findings(tmp_path, encoding):
    path = tmp_path / "budget.txt"
    path.write_bytes(BUDGET.encode(encoding))
    code, out, _ = run(str(path), "--json")
    assert (code, json.loads(out)) == (0, [])


def test_a_docx_is_read_through_the_importer(tmp_path):
    from docx import Document as Docx

    document = Docx()
    document.add_paragraph("2024. 8. 6.(수) 현장점검")
    path = tmp_path / "report.docx"
    document.save(str(path))
    code, out, _ = run(str(path), "--json")
    assert code == 0
    assert [f["code"] for f in json.loads(out)] == ["weekday-mismatch"]


def test_an_unreadable_file_exits_two_with_a_reason_in_korean(tmp_path):
    path = tmp_path / "old.hwp"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    code, out, err = run(str(path))
    assert code == 2 and out == ""
    assert "HWP" in err and "Traceback" not in err
    code, _, err = run(str(tmp_path / "missing.txt"))
    assert code == 2 and "열 수 없습니다" in err


def test_hwpx_and_docx_written_by_sijeong_are_read_and_checked(tmp_path):
    from sijeong.documents import docx, hwpx
    from sijeong.documents.tests.sample import sample_document

    for writer, suffix in ((hwpx, "hwpx"), (docx, "docx")):
        path = tmp_path / f"report.{suffix}"
        path.write_bytes(writer.render(sample_document()))
        code, out, _ = run(str(path), "--json")
        assert code == 0
        findings = json.loads(out)
        assert "malformed-time" in {f["code"] for f in findings}
        assert not [f for f in findings if f["severity"] == "오류"]
