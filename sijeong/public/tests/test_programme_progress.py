"""The public programmes page and its file: every indicator of a programme's outcome with its
latest value, and its target, share and status only where it has a target — as of a day the
page states, the dashboard's unless another is asked for."""

from __future__ import annotations

import csv
import html
import io
import re

from django.test import Client
from django.urls import reverse


def rows(page: str) -> dict[str, list[str]]:
    """{indicator: the cells after its name} of the page's table."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        cells = [
            re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", cell))).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        if len(cells) == 6 and cells[1] != "지표":
            found[cells[1]] = cells[2:]
    return found


def lines(query: str = "") -> list[dict[str, str]]:
    text = Client().get(reverse("public:indicators_csv") + query).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_an_indicator_without_a_target_keeps_its_latest_value(seeded):
    page = Client().get(reverse("public:programs")).content.decode()
    assert "2024. 8. 31. 기준" in page
    shown = rows(page)
    assert shown["산후조리 경비 지원 인원"] == ["22,379명 ('24.8.31.)", "목표 없음", "", ""]
    assert shown["늘봄학교 운영 학교"] == [
        "150개교 ('24.6.1.)",
        "565개교 ('24.9월)",
        "26.5%",
        "지연",
    ]
    # A figure compared with the target of one breakdown says which; one recorded only by its
    # breakdown shows the figures of its latest date.
    assert shown["지하철 역사"][0] == "328개 (1동선 확보) ('24.8.31.)"
    assert shown["기후동행카드 일 사용자 수"][0].startswith("약 55만명 (요일 평일) · 약 37만명")
    assert "colspan" not in page.split("<tbody>")[1].split("공개된 지표가 없습니다")[0]


def test_counts_of_the_offices_work_and_of_a_programmes_parts_are_not_outcomes(seeded):
    page = Client().get(reverse("public:programs")).content.decode()
    names = {line["지표"] for line in lines()}
    for count in (
        "시장 발표 기자설명회",
        "언론 인터뷰",
        "지역과의 교류협약",
        "분야",
        "핵심과제",
        "세부사업",
    ):
        assert count not in rows(page) and count not in names, count
    assert "외국인 가사관리사" in names and len(rows(page)) == 20


def test_the_file_has_a_line_per_latest_figure_with_its_status_day(seeded):
    by_name: dict[str, list[dict[str, str]]] = {}
    for line in lines():
        by_name.setdefault(line["지표"], []).append(line)
    [schools] = by_name["늘봄학교 운영 학교"]
    assert (schools["값"], schools["목표"], schools["달성률"], schools["상태"]) == (
        "150", "565", "26.5%", "지연",
    )  # fmt: skip
    assert schools["상태 기준일"] == "2024. 8. 31." and schools["기준일"] == "2024. 6. 1."
    assert [line["내역"] for line in by_name["기후동행카드 일 사용자 수"]] == [
        "요일 평일", "요일 주말", "권종 단기권",
    ]  # fmt: skip
    assert all(line["목표"] == "" and line["상태"] == "" for line in by_name["단시간 운전원"])


def test_another_day_can_be_asked_for(seeded):
    page = Client().get(reverse("public:programs") + "?as_of=2024-06-01").content.decode()
    assert "2024. 6. 1. 기준" in page
    # On the day of its figure no time had gone toward September yet.
    assert rows(page)["늘봄학교 운영 학교"][-1] == "순항"
    assert rows(page)["단시간 운전원"][0] == "자료 없음"
    assert [
        line["상태"] for line in lines("?as_of=2024-06-01") if line["지표"] == "늘봄학교 운영 학교"
    ] == ["순항"]
    refused = Client().get(reverse("public:programs") + "?as_of=팔월")
    assert refused.status_code == 400 and "2024. 8. 31.처럼 적어 주세요" in refused.content.decode()
