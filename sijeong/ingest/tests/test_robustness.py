"""Damaged and arbitrary input: every run ends with a preview or a clear Korean error.

Hypothesis mutates the reference report (truncations, shuffled, dropped and duplicated lines,
random bytes, other encodings) and feeds arbitrary text and bytes. Applying a damaged document
either writes everything or nothing.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sijeong.core.testing import reference_text
from sijeong.documents.reading.text import ReadError
from sijeong.ingest import actions

HANGUL = re.compile(r"[가-힣]")

# Each example previews a whole report (a few milliseconds); the apply runs touch the database
# (a second each on PostgreSQL). Examples are drawn afresh on every run, so CI tries new damage
# each time: the counts keep a run within its share of CI's time, not the whole search.
MANY = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
# Shrinking a whole-report import takes minutes; the edits in the repr are explanation enough.
SOME = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def seed_lines() -> list[str]:
    return reference_text().splitlines()


class Mutated:
    """A damaged copy of the reference; its repr lists the edits, not 50 kB of bytes."""

    def __init__(self, content: bytes, edits: list[str]) -> None:
        self.content, self.edits = content, edits

    def __repr__(self) -> str:
        return f"Mutated({'; '.join(self.edits)})"


@st.composite
def mutated_seed(draw: st.DrawFn) -> Mutated:
    """The reference report after a handful of random edits, in a random encoding."""
    lines = seed_lines()
    edits: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(
            st.sampled_from(["drop", "duplicate", "swap", "insert", "cut", "chars", "tabs"])
        )
        edits.append(f"{edit} line {at + 1}")
        if edit == "drop":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
            edits[-1] += f" with {other + 1}"
        elif edit == "insert":
            lines.insert(at, draw(st.text(max_size=80)))
            edits[-1] += f": {lines[at]!r}"
        elif edit == "cut":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut]
            edits[-1] += f" to {lines[at]!r}"
        elif edit == "chars":
            start = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:start] + draw(st.text(max_size=12)) + lines[at][start + 1 :]
            edits[-1] += f" to {lines[at]!r}"
        else:
            lines[at] = lines[at].replace(" ", "\t")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp949"]))
    content = newline.join(lines).encode(encoding, errors="replace")
    edits.append(f"{encoding} with {newline!r}")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(content)))
        content = content[:cut]
        edits.append(f"bytes cut at {cut}")
    if draw(st.integers(0, 9)) == 0:
        start = draw(st.integers(0, len(content)))
        junk = draw(st.binary(max_size=64))
        content = content[:start] + junk + content[start:]
        edits.append(f"{junk!r} inserted at byte {start}")
    return Mutated(content, edits)


def check_preview(content: bytes, filename: str = "report.txt") -> None:
    """A preview that accounts for every line, or a ReadError in Korean; nothing else."""
    try:
        result = actions.preview(content, filename)
    except ReadError as error:
        assert HANGUL.search(str(error)), str(error)
        return
    numbers = {line.number for line in result.lines}
    content_lines = {line.number for line in result.lines if line.text.strip()}
    assert set(result.placed) <= numbers
    assert {line.number for line in result.unplaced} | set(result.placed) >= content_lines
    assert all(finding.line in numbers for finding in result.findings)
    assert all(HANGUL.search(finding.message) for finding in result.findings)
    for planned in result.records:
        assert set(planned.lines) <= numbers, planned


@pytest.mark.reference
@MANY
@given(mutated_seed())
def test_mutations_of_the_report_preview_or_fail_in_korean(mutated):
    check_preview(mutated.content)


@MANY
@given(st.text())
def test_arbitrary_text_previews_or_fails_in_korean(text):
    check_preview(text.encode())


@MANY
@given(st.binary(), st.sampled_from(["a.txt", "a.hwpx", "a.docx", "a.hwp", ""]))
def test_arbitrary_bytes_preview_or_fail_in_korean(content, filename):
    check_preview(content, filename)


@given(st.binary(max_size=2048))
@SOME
def test_damaged_packages_fail_in_korean(tail):
    for head in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        check_preview(head + tail, "report.hwpx")


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "auth", "admin", "sessions"}
    }


@pytest.mark.reference
@pytest.mark.django_db
@SOME
@given(mutated=mutated_seed())
def test_applying_a_damaged_report_writes_all_or_nothing(mutated, office):
    with transaction.atomic():
        before = _counts()
        try:
            document, result, _ = actions.apply(mutated.content, "report.txt", office)
        except (ReadError, actions.ApplyError) as error:
            assert HANGUL.search(str(error))
            assert _counts() == before
        else:
            links = document.records.count()
            assert links == len(result.records)
            assert all(link.record is not None for link in document.records.all())
        transaction.set_rollback(True)


def test_a_fifty_megabyte_file_is_refused_quickly_in_korean():
    content = ("□ 추진내용\n  - 현장 점검 회의 " + "가" * 60 + "\n").encode() * 500_000
    assert len(content) > 50_000_000
    with pytest.raises(ReadError, match="너무 큽니다"):
        actions.preview(content, "big.txt")
