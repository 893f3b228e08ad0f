"""The HWPX we write, laid out by a reader we did not write (rhwp, a renderer of HWP/HWPX):
every table cell is tall enough for its text, nothing falls outside the page, and the package
carries the report's opening text as its preview."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from sijeong.core.testing import enlarge
from sijeong.reports.models import Report
from sijeong.reports.writing import write

# rhwp's wheel bundles a FreeType that lacks a symbol; the system's must be loaded first, so
# the renderer runs in a process of its own started with LD_PRELOAD.
RENDER = """
import json, re, sys
import rhwp

document = rhwp.parse(sys.argv[1])
pages = []
for number in range(document.page_count):
    svg = document.render_svg(number)
    width = float(re.search(r'viewBox="0 0 ([\\d.]+) ', svg).group(1))
    clips = {
        m[0]: tuple(float(v) for v in m[1:])
        for m in re.findall(
            r'<clipPath id="(cell-clip-\\d+)"><rect x="([\\d.]+)" y="([\\d.]+)" '
            r'width="([\\d.]+)" height="([\\d.]+)"', svg)
    }
    glyphs = []
    groups = re.findall(r'<g clip-path="url\\(#(cell-clip-\\d+)\\)">(.*?)</g>', svg, re.S)
    for group, body in groups:
        for x, y, size, text in re.findall(
                r'<text x="([\\d.]+)" y="([\\d.]+)"[^>]*font-size="([\\d.]+)"[^>]*>([^<]*)<', body):
            glyphs.append([group, float(x), float(y), float(size), text])
    outside = [float(x) for x in re.findall(r'<text x="([\\d.-]+)"', svg) if float(x) > width]
    pages.append({"clips": clips, "glyphs": glyphs, "outside": outside})
json.dump(pages, sys.stdout)
"""


def render(path: Path) -> list[dict]:
    freetype = ctypes.util.find_library("freetype")
    assert freetype, "Debian's libfreetype6 is needed to load rhwp"
    env = {**os.environ, "LD_PRELOAD": freetype}
    out = subprocess.run(
        [sys.executable, "-c", RENDER, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("factor", [1, 10], ids=["seed", "ten-times"])
def test_every_table_cell_of_the_report_holds_its_text_in_rhwp(seeded, tmp_path, factor):
    if factor > 1:
        enlarge(seeded, factor)  # longer tables, running over pages
    path = tmp_path / "report.hwpx"
    path.write_bytes(write(Report.objects.get(slug="secretariat-2024-09"), "hwpx"))
    pages = render(path)
    assert len(pages) >= 8 * factor**0.5
    clipped = []
    cells = 0
    for number, page in enumerate(pages, 1):
        assert page["outside"] == [], f"text beyond the page's width on page {number}"
        cells += len(page["clips"])
        for group, _x, baseline, size, text in page["glyphs"]:
            _left, top, _width, height = page["clips"][group]
            # The glyph's box, from its ascent above the baseline to its descent below.
            if baseline - 0.8 * size < top - 0.5 or baseline + 0.2 * size > top + height + 0.5:
                clipped.append((number, text, round(height, 1)))
    assert cells >= 40  # the staffing, budget and comparison tables are there
    assert clipped == []


def test_the_package_previews_the_reports_opening_text_and_repeats_table_headers(seeded):
    content = write(Report.objects.get(slug="secretariat-2024-09"), "hwpx")
    with zipfile.ZipFile(BytesIO(content)) as package:
        preview = package.read("Preview/PrvText.txt").decode("utf-8")
        section = package.read("Contents/section0.xml").decode("utf-8")
    # A draft: its mark, then the cover's title.
    assert preview.split("\r\n")[:2] == [preview.split("\r\n")[0], "주요업무보고"]
    assert preview.startswith("검토용 초안") and "Ⅰ. 일반 현황" in preview
    assert 'repeatHeader="1"' in section and 'repeatHeader="0"' not in section
    assert 'height="282"' not in section  # python-hwpx's 1 mm placeholder row
