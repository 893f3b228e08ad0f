"""What an import would do: the records it plans, its findings by line, and its layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from sijeong.documents.reading.text import SourceLine


@dataclass
class Planned:
    """A record to create or update: its model, natural key, other fields, source lines."""

    model: str
    key: dict[str, Any]
    fields: dict[str, Any] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    parent: Planned | None = None
    parent_field: str = ""

    @property
    def label(self) -> str:
        """The record as a person names it: its own words (a choice as the pages show it, no
        Markdown) after the title of what it belongs to — never an internal key."""
        model = apps.get_model(self.model)
        words = [
            " · ".join(_plain(str(v)) for v in value.values() if v)
            if isinstance(value, dict)
            else _shown(model, name, value)
            for name, value in self.key.items()
            if not (self.parent and name == self.parent_field)
        ]
        # A key the import made up (`s-1a2b…`) is no name: the record's own name is.
        words = [w for w in words if not _MADE_UP.fullmatch(w)] or [
            _plain(str(self.fields.get("name") or self.fields.get("title") or ""))
        ]
        own = " · ".join(word for word in words if word)
        if self.parent is None:
            return own
        title = (
            self.parent.fields.get("title") or self.parent.fields.get("name") or self.parent.label
        )
        return f"「{_plain(str(title))}」 {own}".strip()


_MADE_UP = re.compile(r"[a-z]-[0-9a-f]{10}")


def _shown(model: type[Model], name: str, value: Any) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return _plain(str(value))
    choices = dict(getattr(field, "flatchoices", None) or ())
    return _plain(str(choices.get(value, value)))


def _plain(text: str) -> str:
    return text.replace("**", "").strip()


@dataclass(frozen=True)
class ImportFinding:
    line: int
    severity: str  # error | warning | info
    code: str
    message: str


@dataclass
class Preview:
    """What an import would do: records, findings with line numbers, and unplaced lines."""

    format: str
    lines: list[SourceLine]
    cover: dict[str, str] = field(default_factory=dict)
    records: list[Planned] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    placed: dict[int, str] = field(default_factory=dict)
    # Lines placed as the document's frame (cover, headings, box titles, captions): placed,
    # but no content of their own, so they count neither way in the placed share.
    structure: set[int] = field(default_factory=set)
    # The document's own sections and blocks, for a report definition that writes it back.
    layout: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unplaced(self) -> list[SourceLine]:
        return [line for line in self.lines if line.text.strip() and line.number not in self.placed]

    @property
    def content_lines(self) -> list[SourceLine]:
        """The lines that say something: not blank, not the frame (page numbers included)."""
        return [
            line for line in self.lines if line.text.strip() and line.number not in self.structure
        ]

    @property
    def placed_share(self) -> float:
        """The share of content lines that became a record or a report block; a document of
        which nothing was read reads 0, however many headings it has."""
        content = self.content_lines
        if not content:
            return 0.0
        return len([line for line in content if line.number in self.placed]) / len(content)

    def count(self, model: str) -> int:
        return sum(1 for r in self.records if r.model == model)
