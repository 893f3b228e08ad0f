"""The document's frame: chapter and task headings, □ box titles, table titles and captions."""

from __future__ import annotations

import datetime
import re

from sijeong.core.formatting import parse_korean_month, parse_month_range

from ..preview import Planned
from ..structure import CIRCLED, Item
from .reader import Reader
from .registry import recogniser
from .shared import month_end, program_slug, strip_bold


@recogniser("heading", order=10)
def heading(reader: Reader, item: Item) -> bool:
    """Numbered headings: chapters (Ⅰ.), and under 주요 업무 its tasks (1) and their
    projects (①); sections elsewhere."""
    if item.kind != "heading":
        return False
    if item.level == 3 and _continues_list(reader, item):
        return False  # `③ …` right under `… ② …` wraps a numbered list: a narrative
    reader.box = ""
    reader.domain = reader.event = None
    title = strip_bold(item.text)
    caption = _caption(title)
    if caption:
        _take_caption(reader, caption)
        title = caption[2]
    if item.level == 1:
        reader.h1, reader.h2, reader.program = title, None, None
        reader.tasks_numbered = 0
        reader.section(1, title, page_break=bool(reader.preview.layout))
        reader.place(item, "보고서 구성 (장)", structure=True)
        return True
    if item.level == 2 and programme_chapter(reader.h1):
        return _task(reader, item, title)
    if item.level == 3 and reader.program is not None and reader.box == "":
        parent = reader.program if reader.program.fields.get("kind") == "task" else None
        parent = parent or reader.program.parent
        reader.program = _program(reader, item, title, kind="project")
        reader.program.parent, reader.program.parent_field = parent, "parent"
        reader.section(3, program=reader.program.key["slug"])
        reader.place(item, f"사업 '{title}'")
        return True
    if item.level == 3 and reader.program is None and programme_chapter(reader.h1):
        reader.block("tasks")  # the list of tasks (① ② …) before the first task
    else:
        reader.section(item.level, title)
    reader.h2 = item if item.level == 2 else reader.h2
    reader.place(item, "보고서 구성 (절)", structure=True)
    return True


# Chapters whose numbered items are programmes: 주요 업무, 주요사업, 추진성과·실적·계획,
# 핵심·역점·중점 과제 — however a work report names them.
_PROGRAMME_CHAPTER = re.compile(
    r"주요\s*(?:업무|사업|정책|성과|실적)|추진\s*(?:성과|실적|계획|상황)|(?:핵심|역점|중점|현안)\s*(?:과제|사업)"
    r"|(?:성과|실적|계획)$"
)


# Chapters that present the office rather than its work: 일반현황, 조직·인력, 예산, 기능.
_OVERVIEW_CHAPTER = re.compile(r"일반\s*현황|기관\s*현황|조직|인력|예산|기능|연혁")


def programme_chapter(title: str) -> bool:
    return bool(_PROGRAMME_CHAPTER.search(title))


def overview_chapter(title: str) -> bool:
    return bool(_OVERVIEW_CHAPTER.search(title)) and not programme_chapter(title)


@recogniser("numbered_task", order=12)
def numbered_task(reader: Reader, item: Item) -> bool:
    """`1. 청년 일자리 지원` at the margin of a 주요사업 chapter: a task, as `1` alone is in
    the reference. Only the next number in turn: a `1.` inside a box is one of its items."""
    number = re.fullmatch(r"(\d{1,2})\.", item.label)
    if item.kind == "bullet" and not item.level and _SECTION_TASK.fullmatch(item.label):
        return _section_task(reader, item)
    if number and item.kind == "bullet" and _lists_areas(reader):
        # `1. 시민 모두가 행복한 …` listed above `1-1. …`: the areas the tasks are numbered in,
        # the report's frame, printed back as written.
        reader.keep_as_text(item.lines)
        reader.place(item, "보고서 구성 (분야 목록)", structure=True)
        return True
    if item.kind != "bullet" or item.level or number is None:
        return False
    if not reader.h1 and not _no_chapters(reader):
        return False
    if reader.h1 and overview_chapter(reader.h1):
        # `1. 조직 및 인력` in 일반현황: a section of the overview, the report's frame.
        if len(item.text) > 30 or re.search(r"\d|[:：]", item.text) or reader.program:
            return False
        reader.section(2, item.text)
        reader.place(item, "보고서 구성 (절)", structure=True)
        return True
    # In turn from 1, or — in an excerpt without chapters (`25. 농산어촌 …`) — from where it
    # starts.
    first = not reader.h1 and not reader.tasks_numbered
    if not item.text or (int(number.group(1)) != reader.tasks_numbered + 1 and not first):
        return False
    reader.tasks_numbered = int(number.group(1))
    if not reader.h1:
        # Numbers that do not start at 1 (an excerpt of 공약 25 to 32) name the tasks: they
        # stay in the title, since the report numbers its sections from 1.
        title = strip_bold(item.text)
        first_number = reader.tasks_first or int(number.group(1))
        reader.tasks_first = first_number
        return _task(reader, item, title if first_number == 1 else f"{number.group(1)}. {title}")
    return heading(reader, Item("heading", item.lines, item.text, 2, number.group(1)))


# A task numbered within its policy area (분야): `1-1. 현장과 일체화된 재난관리 체계 구축`.
_SECTION_TASK = re.compile(r"(\d{1,2})-(\d{1,2})\.")


def _section_task(reader: Reader, item: Item) -> bool:
    """`1-1.` at the margin, where tasks may stand (a programme chapter, or no chapters): the
    area's number stays in the title, since the report numbers its own sections."""
    if reader.h1 and not programme_chapter(reader.h1):
        return False
    if not reader.h1 and not _no_chapters(reader):
        return False
    return _task(reader, item, f"{item.label} {strip_bold(item.text)}")


def _lists_areas(reader: Reader) -> bool:
    """Before the first task of a report whose tasks are numbered within areas (`1-1.`)."""
    if reader.program is not None or reader.h1:
        return False
    return any(
        later.kind == "bullet" and _SECTION_TASK.fullmatch(later.label)
        for later in reader.items[reader.position :]
    )


def _task(reader: Reader, item: Item, title: str) -> bool:
    reader.h2 = item
    reader.box = ""
    reader.domain = reader.event = None
    title = _wrapped_title(reader, item, title)
    reader.program = _program(reader, item, title, kind="task")
    reader.section(2, program=reader.program.key["slug"], page_break=True)
    _summary(reader)
    reader.place(item, f"사업 '{title}'")
    return True


def _no_chapters(reader: Reader) -> bool:
    """A document that is a list of numbered tasks with their items and no chapter over them
    (an excerpt of a 추진실적): its numbered items are its tasks."""
    return not any(item.kind == "heading" and item.level == 1 for item in reader.items)


def _program(reader: Reader, item: Item, title: str, kind: str) -> Planned:
    """The programme a heading names: a task (1, 2 …) or one of its projects (① ② …)."""
    return reader.plan(
        "programs.program", {"slug": program_slug(title)}, item.lines, kind=kind, title=title
    )


def _continues_list(reader: Reader, item: Item) -> bool:
    """A circled number wrapped onto the line after the one holding the number before it.

    A circled heading anywhere else starts a sub-project, even right after a bullet.
    """
    previous = reader.items[reader.position - 2] if reader.position >= 2 else None
    number = CIRCLED.index(item.label)
    return (
        previous is not None
        and previous.kind in ("bullet", "paragraph")
        and previous.lines[-1] == item.first_line - 1
        and number > 0
        and CIRCLED[number - 1] in previous.text
    )


def _wrapped_title(reader: Reader, item: Item, title: str) -> str:
    """A long task title wraps: `…도시,` then `탄생응원` / `서울프로젝트` / `추진`."""
    if not title.endswith(","):
        return title
    while reader.position < len(reader.items):
        following = reader.items[reader.position]
        if following.kind != "paragraph" or len(following.text) > 15:
            break
        title += " " + strip_bold(following.text)
        item.lines.extend(following.lines)
        reader.position += 1
    return title


def _summary(reader: Reader) -> None:
    """The paragraph right under a task heading is its summary (개요)."""
    if reader.position < len(reader.items) and reader.program is not None:
        following = reader.items[reader.position]
        if following.kind == "paragraph":
            reader.program.fields["summary"] = following.text
            reader.preview.layout[-1]["show_summary"] = True
            reader.position += 1
            reader.place(following, f"사업 '{reader.program.fields['title']}' 개요")


@recogniser("caption", order=20)
def caption_line(reader: Reader, item: Item) -> bool:
    """`(기준 / 단위 : '24.8월 / 명)` on its own line, as word processors leave it."""
    caption = _caption(item.text) if item.kind == "paragraph" else None
    if caption is None or caption[2]:
        return False
    _take_caption(reader, caption)
    reader.place(item, "표 기준·단위", structure=True)
    return True


def _take_caption(reader: Reader, caption: tuple[datetime.date, str, str]) -> None:
    """The tables that follow are as of this month and in this unit."""
    reader.as_of, reader.unit = caption[0], caption[1]
    reader.preview.cover.setdefault("as_of", month_end(caption[0]).isoformat())


@recogniser("box_title", order=70)
def box_title(reader: Reader, item: Item) -> bool:
    """`□ 추진내용 ('24. 1월~'24. 8월)`: the box the lines under it belong to, and the
    report's period; `●` right over a table is that table's title."""
    following = reader.item_at(reader.position)
    if following is not None and following.kind == "paragraph" and _caption(following.text):
        following = reader.item_at(reader.position + 1)  # ● title, (기준 / 단위 …), table
    if item.kind == "bullet" and item.label == "●" and following and following.kind == "table":
        reader.flush_title()
        reader.pending_title = (item.text, "●")
        reader.place(item, f"표 제목 '{item.text}'", structure=True)
        return True
    if item.kind != "bullet" or not (item.label == "□" or _box_word(reader, item)):
        return False
    reader.box = re.sub(r"\s*[(\[].*$", "", item.text).strip()
    reader.domain = reader.event = None
    found = re.search(r"\(([^)]*~[^)]*)\)", item.text)
    if found and (period := parse_month_range(found.group(1))):
        start, end = period
        reader.period = (start, month_end(end))
        reader.preview.cover.setdefault("period_start", start.isoformat())
        reader.preview.cover.setdefault("period_end", reader.period[1].isoformat())
        reader.year = reader.year or start.year
    reader.flush_title()
    reader.pending_title = (item.text, item.label)
    reader.place(item, f"소제목 '{reader.box}'", structure=True)
    return True


# The titles a programme's boxes carry, whatever mark numbers them (`가. 추진 내용`, `○ 성과`).
_BOX_WORD = re.compile(
    r"(?:추진\s*(?:방향|내용|실적|성과|경과|배경|계획|일정|현황|상황)|향후\s*(?:추진\s*)?(?:계획|일정)"
    r"|사업\s*(?:개요|내용)|개\s*요|주요\s*(?:내용|성과|실적)|성\s*과|문제점|개선\s*(?:방안|사항)"
    r"|기대\s*효과)"
)


def _box_word(reader: Reader, item: Item) -> bool:
    """A bullet that only names a box of the programme over it: its title, never a record."""
    words = re.sub(r"\s*[(\[].*$", "", item.text).strip()
    return reader.program is not None and bool(_BOX_WORD.fullmatch(words))


def _caption(title: str) -> tuple[datetime.date, str, str] | None:
    """`제목 (기준 / 단위 : '24.8월 / 명)`: the month, the unit and the title before them."""
    found = re.search(r"\(기준\s*/\s*단위\s*:\s*(?P<month>[^/]+?)\s*/\s*(?P<unit>[^)]+?)\)", title)
    if not found:
        return None
    month = parse_korean_month(found["month"].strip())
    if month is None:
        return None
    return month, found["unit"].strip(), title[: found.start()].strip()
