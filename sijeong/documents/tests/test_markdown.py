"""The Markdown writer prints a record's text as text: HTML in it never comes out live."""

from __future__ import annotations

from sijeong.documents import markdown
from sijeong.documents.model import (
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Figure,
    Flag,
    Heading,
    Paragraph,
    Table,
    runs,
)

SCRIPT = '<script>alert("시정")</script>'
IMAGE = "<img src=x onerror=alert(1)>"


def written(*blocks) -> str:
    document = Document("보고")
    document.add(*blocks)
    return markdown.render(document)


def test_html_in_any_text_is_escaped():
    text = written(
        Cover(SCRIPT, "2024. 9.", IMAGE),
        Heading(1, "I.", runs(SCRIPT), summary=runs(IMAGE)),
        Bullet("□", 0, runs("폭염 대비 ", Emphasis(runs(SCRIPT)), " 점검")),
        Paragraph(runs(Figure(IMAGE), Flag("14:1", SCRIPT))),
        Table(
            header=((Cell(runs(SCRIPT)),),),
            rows=((Cell(runs(IMAGE)),),),
            caption=runs(SCRIPT),
            units="(단위: <b>명</b>)",
            notes=(runs("※ ", IMAGE),),
        ),
    )
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert '&lt;script>alert("시정")&lt;/script>' in text
    assert "&lt;img src=x onerror=alert(1)>" in text


def test_text_without_html_reads_as_typed():
    text = written(Bullet("○", 1, runs("R&D 예산 3 < 5, 전년 > 올해 · 1동선 328/338")))
    assert text == "\u3000○ R&D 예산 3 &lt; 5, 전년 > 올해 · 1동선 328/338\n"


def test_an_entity_typed_as_text_stays_text():
    assert written(Paragraph(runs("&lt;script&gt; 와 &#60;"))) == (
        "&amp;lt;script&amp;gt; 와 &amp;#60;\n"
    )
