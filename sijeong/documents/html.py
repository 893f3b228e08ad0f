"""HTML writer: the on-screen view of a document, and the source of the PDF.

Each figure is focusable and shows its sources on hover or keyboard focus, so a reader can
see where a number came from without a mouse.
"""

from __future__ import annotations

from html import escape
from itertools import count

from .model import (
    Block,
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Figure,
    Flag,
    Heading,
    PageBreak,
    Paragraph,
    Runs,
    Table,
)

STYLE = """
.report { font-family: "NanumGothic", "Noto Sans CJK KR", "Malgun Gothic", sans-serif;
  line-height: 1.6; color: #111; max-width: 60em; }
.report .cover { text-align: center; margin: 4em 0; }
.report .cover h1 { font-size: 2em; letter-spacing: .3em; }
.report h2 { font-size: 1.35em; border-bottom: 2px solid #1f3b63; padding-bottom: .2em; }
.report h3 { font-size: 1.15em; margin-top: 1.6em; }
.report h4 { font-size: 1.05em; }
.report .summary { border: 1px solid #555; padding: .5em .8em; }
.report p { margin: .25em 0; }
.report .bullet { display: flex; gap: .4em; }
.report .bullet .sym { flex: none; }
.report .l1 { margin-left: 1.2em; } .report .l2 { margin-left: 2.4em; }
.report .l3 { margin-left: 3.6em; } .report .l4 { margin-left: 4.8em; }
.report table { border-collapse: collapse; margin: .4em 0 .8em; width: 100%; }
.report th, .report td { border: 1px solid #333; padding: .2em .4em;
  word-break: keep-all; overflow-wrap: break-word; }
.report tbody td:first-child { white-space: nowrap; }
.report th { background: #e8edf3; }
.report td.left { text-align: left; } .report td.right { text-align: right; }
.report td.center { text-align: center; }
.report .units { text-align: right; font-size: .9em; }
.report .fig { position: relative; border-bottom: 1px dotted #1f3b63; }
.report .fig:focus { outline: 2px solid #1f3b63; }
.report .fig .src { display: none; position: absolute; left: 0; top: 1.4em; z-index: 5;
  background: #fff; border: 1px solid #1f3b63; padding: .3em .5em; width: max-content;
  max-width: 28em; font-size: .85em; font-weight: normal; white-space: normal; }
.report .fig:hover .src, .report .fig:focus .src { display: block; }
.report .src-item { display: block; }
.report .flag { background: #fff3cd; border-bottom: 2px solid #b45309; }
.report .page-break { break-after: page; }
"""


class _Writer:
    def __init__(self) -> None:
        self.ids = count(1)

    def inline(self, content: Runs) -> str:
        out: list[str] = []
        for run in content:
            if isinstance(run, str):
                out.append(escape(run))
            elif isinstance(run, Figure):
                out.append(self.figure(run))
            elif isinstance(run, Flag):
                out.append(
                    f'<mark class="flag" title="{escape(run.message)}">{escape(run.text)}'
                    f'<span class="visually-hidden"> (확인 필요: {escape(run.message)})</span>'
                    "</mark>"
                )
            elif isinstance(run, Emphasis):
                out.append(f"<strong>{self.inline(run.runs)}</strong>")
        return "".join(out)

    def figure(self, figure: Figure) -> str:
        if not figure.sources:
            return escape(figure.text)
        ident = f"src-{next(self.ids)}"
        # Phrasing content only: a list inside a paragraph would end the paragraph.
        items = "".join(
            f'<span class="src-item">{escape(s.description)}</span>' for s in figure.sources
        )
        return (
            f'<span class="fig" tabindex="0" aria-describedby="{ident}">{escape(figure.text)}'
            f'<span class="src" role="tooltip" id="{ident}">출처{items}</span></span>'
        )

    def cell(self, cell: Cell, tag: str) -> str:
        spans = ""
        if cell.colspan > 1:
            spans += f' colspan="{cell.colspan}"'
        if cell.rowspan > 1:
            spans += f' rowspan="{cell.rowspan}"'
        klass = f' class="{cell.align}"' if tag == "td" else ' scope="col"'
        return f"<{tag}{spans}{klass}>{self.inline(cell.content)}</{tag}>"

    def table(self, table: Table) -> str:
        parts: list[str] = []
        if table.units:
            parts.append(f'<p class="units">{escape(table.units)}</p>')
        parts.append("<table>")
        if table.caption:
            parts.append(f"<caption>{self.inline(table.caption)}</caption>")
        if table.header:
            parts.append("<thead>")
            for row in table.header:
                parts.append("<tr>" + "".join(self.cell(c, "th") for c in row) + "</tr>")
            parts.append("</thead>")
        parts.append("<tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(self.cell(c, "td") for c in row) + "</tr>")
        parts.append("</tbody></table>")
        for note in table.notes:
            parts.append(f'<p class="note">{self.inline(note)}</p>')
        return "\n".join(parts)

    def block(self, item: Block) -> str:
        if isinstance(item, Cover):
            return (
                f'<div class="cover"><h1>{escape(item.title)}</h1>'
                f"<p>{escape(item.date_line)}</p><p>{escape(item.office)}</p></div>"
            )
        if isinstance(item, Heading):
            tag = f"h{min(item.level + 1, 6)}"
            html = f"<{tag}>{escape(item.label)} {self.inline(item.content)}</{tag}>"
            if item.summary:
                html += f'\n<p class="summary">{self.inline(item.summary)}</p>'
            return html
        if isinstance(item, Bullet):
            return (
                f'<p class="bullet l{item.level}"><span class="sym" aria-hidden="true">'
                f"{escape(item.symbol)}</span><span>{self.inline(item.content)}</span></p>"
            )
        if isinstance(item, Paragraph):
            return f"<p>{self.inline(item.content)}</p>"
        if isinstance(item, Table):
            return self.table(item)
        if isinstance(item, PageBreak):
            return '<div class="page-break"></div>'
        raise TypeError(f"unknown block {item!r}")


def render_fragment(document: Document) -> str:
    """The document's body, to embed in a page that links `STYLE`."""
    writer = _Writer()
    body = "\n".join(writer.block(b) for b in document.blocks)
    return f'<article class="report" lang="ko">\n{body}\n</article>'


def render(document: Document, extra_css: str = "") -> str:
    """A standalone HTML file."""
    return (
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(document.title)}</title>\n"
        f"<style>{STYLE}{extra_css}"
        ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;"
        "clip:rect(0 0 0 0)}</style>\n"
        f"</head>\n<body>\n{render_fragment(document)}\n</body>\n</html>\n"
    )
