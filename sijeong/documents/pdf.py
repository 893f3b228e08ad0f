"""PDF writer: the HTML view typeset by WeasyPrint on A4 paper, in NanumGothic.

The font comes with the project (installed by `make setup`), not from the system, so a
machine with no Korean font prints Hangul rather than empty boxes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from . import html
from .model import Document

FONTS = {400: "NanumGothic.ttf", 700: "NanumGothicBold.ttf"}

PRINT_CSS = """
@page { size: A4 portrait; margin: 20mm 18mm 22mm;
  @bottom-center { content: "- " counter(page) " -"; font-family: "NanumGothic"; font-size: 9pt; } }
@page :first { @bottom-center { content: none; } }
html { font-size: 10.5pt; }
body { margin: 0; }
.report { font-family: "NanumGothic"; max-width: none; line-height: 1.5; }
/* Korean wraps between words (keep-all); a token longer than its cell still breaks. */
.report, .report table { word-break: keep-all; overflow-wrap: break-word; }
.report td.right { white-space: nowrap; }
.report .cover { margin: 90mm 0 0; }
.report h2, .report h3, .report h4 { break-after: avoid; }
.report table { table-layout: auto; width: 100%; font-size: 9.5pt; }
.report thead { display: table-header-group; }
.report th { text-align: center; }
.report tr { break-inside: avoid; }
.report .fig { border-bottom: none !important; }
.report .fig .src { display: none !important; }
.report .flag { background: #fff3cd; border-bottom: 1.5pt solid #b45309; }
.report .flag::after { content: " ⚠"; }
.visually-hidden { display: none; }
"""


class FontMissingError(RuntimeError):
    """The Korean font is not installed; the message tells the person what to run."""


def _font_faces(folder: Path) -> str:
    missing = [name for name in FONTS.values() if not (folder / name).is_file()]
    if missing:
        raise FontMissingError(
            f"PDF에 쓸 한글 글꼴({', '.join(missing)})이 {folder}에 없습니다. "
            "`make setup`을 실행해 글꼴을 설치하세요."
        )
    return "".join(
        f'@font-face {{ font-family: "NanumGothic"; font-weight: {weight}; '
        f'src: url("{(folder / name).as_uri()}"); }}\n'
        for weight, name in FONTS.items()
    )


@functools.cache
def _stylesheet(folder: Path) -> tuple[CSS, FontConfiguration]:
    # Parsing the @font-face rules loads 9 MB of fonts: do it once per process and folder.
    fonts = FontConfiguration()
    return CSS(string=_font_faces(folder) + PRINT_CSS, font_config=fonts), fonts


def render(document: Document) -> bytes:
    folder = Path(settings.FONT_DIR)
    _font_faces(folder)  # a font removed since the first call still gets the clear error
    stylesheet, fonts = _stylesheet(folder)
    pdf = HTML(string=html.render(document)).write_pdf(stylesheets=[stylesheet], font_config=fonts)
    assert pdf is not None
    return pdf
