"""The users of the load test (bench/load.py runs them; issue 16).

Staff of the generated offices (`generate_data --password …`) sign in, then read the dashboard,
calendars, lists, record pages and reports, and — the editors — change records; one of them
imports a few files at once through the task queue. The pages they read are the records of
their own office, as the site shows them to a person: links are followed from the lists.

Settings from the environment: LOAD_PASSWORD (the generated users' password), LOAD_OFFICES
(how many generated offices the users spread over), LOAD_MAX_REQUESTS (the run stops there
even if time is left), LOAD_TRIVIAL=1 (every user asks only for the trivial view, /health/),
LOAD_WAIT (default: a person's pause of 2–8 s between pages; `fast` 0.5–2.5 s; `none` for no
pause: capacity).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time
from html.parser import HTMLParser
from typing import Any

from locust import HttpUser, between, constant, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "sijeong-load")
OFFICES = [
    "gen-city",
    *(f"gen-gu-{n:02d}" for n in range(1, int(os.environ.get("LOAD_OFFICES", "26")))),
]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
TRIVIAL = os.environ.get("LOAD_TRIVIAL") == "1"
WAIT = os.environ.get("LOAD_WAIT", "think")
ROLES = ["editor", "viewer", "admin", "planner"]

_people = itertools.count()
_import_done = threading.Event()
_began = time.time()
IMPORT_AFTER_SECONDS = 20
_requests = itertools.count(1)


_samples: list[tuple[str, float, bool, float]] = []


@events.request.add_listener
def _recorded(name: str, response_time: float, exception: Any, **kwargs: Any) -> None:
    """Every request's time, for bench/load.py's percentiles over all pages together; the run
    stops once it has made MAX_REQUESTS requests."""
    _samples.append((name, response_time, exception is not None, time.time()))
    if next(_requests) == MAX_REQUESTS and _environment is not None and _environment.runner:
        _environment.runner.quit()


_environment: Any = None


@events.init.add_listener
def _keep(environment: Any, **kwargs: Any) -> None:
    global _environment
    _environment = environment


@events.quitting.add_listener
def _write(**kwargs: Any) -> None:
    if path := os.environ.get("LOAD_SAMPLES"):
        with open(path, "w", encoding="utf-8") as file:
            json.dump(_samples, file, ensure_ascii=False)


class Form(HTMLParser):
    """The fields of the first form with a `fingerprint` (a record's edit form), as a browser
    would post them unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


LINK = re.compile(r'href="(/(?:schedule|records/[a-z-]+)/\d+/)"')
REPORT = re.compile(r'href="(/reports/[a-z0-9-]+/)"')


class Staff(HttpUser):
    wait_time = {"none": constant(0), "fast": between(0.5, 2.5)}.get(WAIT, between(2, 8))

    def on_start(self) -> None:
        n = next(_people)
        # Offices and roles both taken in turn: fifty users cover every office and every role
        # (each role in every other office).
        self.office = OFFICES[n % len(OFFICES)]
        self.role = "editor" if TRIVIAL else ROLES[n % len(ROLES)]
        self.year = 0
        if TRIVIAL:
            return
        page = self.client.get("/login/", name="로그인")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/login/",
            {
                "username": f"{self.office}-{self.role}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="로그인",
        )
        home = self.client.get("/", name="대시보드")
        found = re.search(r"(\d{4})\. \d{1,2}\. \d{1,2}\.", home.text)
        self.year = int(found.group(1)) if found else 2026

    def _month(self) -> str:
        return f"{self.year - random.randrange(3)}-{random.randint(1, 12):02d}"

    @task(10)
    def dashboard(self) -> None:
        if self._import_due():
            return self.one_import()
        if TRIVIAL:
            self.client.get("/health/", name="가벼운 응답(/health/)")
            return
        self.client.get("/", name="대시보드")

    @task(6)
    def calendar(self) -> None:
        if TRIVIAL:
            return self.dashboard()
        if random.random() < 0.5:
            self.client.get(f"/schedule/?month={self._month()}", name="일정 달력(월)")
        else:
            day = f"{self._month()}-{random.randint(1, 28):02d}"
            self.client.get(f"/schedule/?view=week&date={day}", name="일정 달력(주)")

    @task(8)
    def lists_and_records(self) -> None:
        if TRIVIAL:
            return self.dashboard()
        kind = random.choice(["schedule/list", "records/media", "records/expenditures"])
        page = random.randint(1, 20)
        listing = self.client.get(f"/{kind}/?page={page}", name=f"목록 /{kind}/")
        links = LINK.findall(listing.text)
        if links:
            self.client.get(random.choice(links), name="기록 쪽")

    @task(2)
    def reports(self) -> None:
        if TRIVIAL:
            return self.dashboard()
        listing = self.client.get("/reports/", name="보고서 목록")
        slugs = REPORT.findall(listing.text)
        if slugs:
            self.client.get(random.choice(slugs[:3]), name="보고서 화면")

    @task(2)
    def edit(self) -> None:
        # 관리자 change any record of their office (편집자 only their department's, which the
        # list does not tell apart).
        if TRIVIAL or self.role != "admin":
            return self.dashboard()
        listing = self.client.get("/records/media/", name="목록 /records/media/")
        links = re.findall(r'href="(/records/media/\d+/)"', listing.text)
        if not links:
            return
        url = random.choice(links) + "edit/"
        form = Form()
        form.feed(self.client.get(url, name="고치기 쪽").text)
        if "fingerprint" not in form.fields:
            return
        form.fields["title"] = f"{form.fields.get('title', '')[:150]} ·".strip()
        with self.client.post(url, form.fields, name="고치기 저장", catch_response=True) as r:
            # Saved: a redirect to the record. Refused because someone else saved it first: the
            # form again with the reason — what a person sees, not an error of the server.
            if not r.history and "입력하신 내용은 아래에 그대로" not in r.text:
                r.failure("저장되지 않았습니다")

    def _import_due(self) -> bool:
        """Once in the run, for the first 편집자 to open the dashboard after everyone has
        signed in (the ramp-up of 50 logins takes ~10 s): its requests are then measured."""
        return (
            not TRIVIAL
            and self.role == "editor"
            and not _import_done.is_set()
            and time.time() - _began >= IMPORT_AFTER_SECONDS
        )

    def one_import(self) -> None:
        _import_done.set()
        page = self.client.get("/imports/new/", name="가져오기")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        files = [
            ("file", (f"보도자료{n}.txt", SAMPLE.format(n=n).encode(), "text/plain"))
            for n in (1, 2, 3)
        ]
        response = self.client.post(
            "/imports/new/",
            {"csrfmiddlewaretoken": token.group(1) if token else ""},
            files=files,
            name="가져오기 (파일 3개)",
        )
        job = re.search(r"/jobs/(\d+)/", response.url or "")
        if job:
            self.client.get(f"/jobs/{job.group(1)}/", name="작업 진행")


SAMPLE = """가상시 주요업무보고 {n}

□ 언론 활동
 ○ 기자설명회 : 3회
 ○ 언론 인터뷰 : 5회 (신문 2, TV·라디오 2, 통신·인터넷 1)
"""
