"""Whether a programme's records already state a line: the office's own report read back.

A report written from records prints some lines from records other than narratives — a
sub-project's title and summary with its tag (신규), a milestone with its month, a tracked
item's name — and splits or joins narratives as its layout does. Read back, such a line is
no new narrative: the records say it already, in their own pieces.
"""

from __future__ import annotations

import re

from django.db.models import Max

from sijeong.programs.models import Milestone, Narrative, Program, TrackedItem
from sijeong.programs.placeholders import OfficeRecords, resolved_text

# What a line says, whatever its punctuation, spacing, bold marks and bullets: its letters,
# Hangul and digits. Dates and figures printed from a placeholder differ only in those marks.
_MARKS = re.compile(r"[^0-9A-Za-z가-힣]")
# A month or date printed after a milestone's title (`: '24.11월~`): digits and date words.
_DATE_TAIL = re.compile(r"[0-9년월일]*$")
# Shorter than this, a line could be found inside almost any text by chance.
_SHORTEST = 8


# A counter word right after a figure (8,600대, '24.9월): the records print some figures with
# their counter and some dates with 월 where the document left them out, or the other way.
_COUNTER = re.compile(r"(?<=\d)[년월일대명개건회곳역]")
# A list of tracked items after a colon: `… : ⑤마천·⑦수락산(6월), ⑤종로3가(8월)`.
_LISTED = re.compile(r"[①-⑳]|\([^()]*\)")


def said(text: str) -> str:
    return _COUNTER.sub("", _MARKS.sub("", text.replace("**", "")))


class StatedTexts:
    """What each programme family of one office already states, loaded once per import.

    Made when the import begins, it reads only the records that were there then: a line is
    the office's own report read back, never one this import wrote a moment ago (a line the
    document prints twice is two lines to link, not one already said)."""

    def __init__(self, office_id: int) -> None:
        self.office_id = office_id
        self._upto = {
            model: model.objects.aggregate(last=Max("pk"))["last"] or 0
            for model in (Program, Narrative, Milestone, TrackedItem)
        }
        self._records: OfficeRecords | None = None
        self._families: dict[int, tuple[str, list[str], set[str]]] = {}
        self._tags: set[str] | None = None

    def states(self, program: Program, text: str) -> bool:
        """True when the records of `program` and of the programmes under it say `text`."""
        if program.pk > self._upto[Program]:
            return False  # a programme this import made has said nothing yet
        joined, pieces, items = self._family(program)
        if self._lists_items(text, items):
            return True
        wanted = self._without_tags(said(text))
        if len(wanted) < _SHORTEST:
            return False
        if wanted in joined:
            return True
        # A milestone's title with its month after it, as a report prints a 향후계획 line.
        return any(
            len(piece) >= _SHORTEST
            and wanted.startswith(piece)
            and not _DATE_TAIL.sub("", wanted[len(piece) :])
            for piece in pieces
        )

    @staticmethod
    def _lists_items(text: str, items: set[str]) -> bool:
        """`'24년 3개역 확보 : ⑤마천·⑦수락산(6월)`: a line listing items the programme tracks."""
        _, colon, listed = text.partition(":")
        names = [said(n) for n in re.split(r"[,·]", _LISTED.sub("", listed)) if n.strip()]
        return bool(colon) and len(names) >= 2 and all(name in items for name in names)

    def _without_tags(self, text: str) -> str:
        if self._tags is None:
            tags: set[str] = set()
            for found in Program.objects.filter(office_id=self.office_id).values_list(
                "tags", flat=True
            ):
                tags.update(said(str(tag)) for tag in found or [])
            self._tags = {tag for tag in tags if tag}
        for tag in self._tags:
            if text.endswith(tag) and len(text) > len(tag):
                return text[: -len(tag)]
        return text

    def _family(self, program: Program) -> tuple[str, list[str], set[str]]:
        if program.pk not in self._families:
            self._families[program.pk] = self._read(program)
        return self._families[program.pk]

    def _read(self, program: Program) -> tuple[str, list[str], set[str]]:
        programs = list(
            Program.objects.filter(
                office_id=self.office_id, pk__lte=self._upto[Program]
            ).values_list("pk", "parent_id", "title", "summary")
        )
        family = [program.pk]
        grown = True
        while grown:
            below = [pk for pk, parent, _, _ in programs if parent in family and pk not in family]
            family.extend(below)
            grown = bool(below)
        if self._records is None:
            self._records = OfficeRecords.load(self.office_id)
        pieces: list[str] = []
        items: set[str] = set()
        titles = {pk: (title, summary) for pk, _, title, summary in programs}
        for pk in family:
            pieces.extend(titles[pk])
            narratives = Narrative.objects.filter(program_id=pk, pk__lte=self._upto[Narrative])
            for narrative in narratives.order_by("order", "pk"):
                pieces.append(resolved_text(narrative.text, self._records))
            milestones = Milestone.objects.filter(program_id=pk, pk__lte=self._upto[Milestone])
            pieces.extend(milestones.values_list("title", flat=True))
            tracked = TrackedItem.objects.filter(program_id=pk, pk__lte=self._upto[TrackedItem])
            names = tracked.values_list("name", flat=True)
            items.update(said(name) for name in names)
            pieces.extend(names)
        said_pieces = [said(piece) for piece in pieces if piece]
        return "".join(said_pieces), said_pieces, items
