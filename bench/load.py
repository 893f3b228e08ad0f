"""Load test (issue 16): 50 staff for 2 minutes on the production server, with PostgreSQL
holding ten years of 26 offices, then the server's capacity for pages against a trivial view.

    make load        # or: uv run python bench/load.py

1. The database LOAD_DATABASE_URL (default: sijeong_load on the local PostgreSQL) is made,
   migrated and filled once with `generate_data --years 10 --offices 26 --seed 1` (a few
   minutes; later runs reuse it).
2. gunicorn starts as in production (gunicorn.conf.py: preloaded, 2 × cores + 1 sync workers,
   DEBUG off, static files by WhiteNoise) with a task worker beside it.
3. locust (headless, loopback only, bounded by users, time and LOAD_MAX_REQUESTS):
   - 50 users for 2 minutes, each pausing 2–8 s between pages as a person reading them does
     (LOAD_WAIT=fast: 0.5–2.5 s, a heavier load than people make): the
     dashboard, calendars, lists, record pages, reports, edits, one import of three files;
   - then the capacity: 50 users without pauses for 40 s on the same pages, and for 40 s on
     the trivial view (/health/), on the same server.
Prints the figures for docs/benchmarks.md against the targets: no errors, p95 < 200 ms.
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from serving import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sijeong_load"
)
PASSWORD = os.environ.get("LOAD_PASSWORD", "sijeong-load")
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
CAPACITY_SECONDS = int(os.environ.get("LOAD_CAPACITY_SECONDS", "40"))
YEARS, OFFICES = 10, 26
TARGET_P95_MS = 200
PAUSES = "0.5–2.5" if os.environ.get("LOAD_WAIT") == "fast" else "2–8"
LOGIN = "로그인"


def manage(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


def ensure_database(env: dict[str, str]) -> None:
    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", env=env)
    manage("createcachetable", env=env)
    with psycopg.connect(DATABASE_URL) as connection:
        there = connection.execute("SELECT 1 FROM core_office WHERE slug = 'gen-city'").fetchone()
    if not there:
        print(f"Generating {YEARS} years × {OFFICES} offices into {name} (once) …", flush=True)
        began = time.perf_counter()
        manage("load_seed", env=env)
        manage(
            "generate_data", "--years", str(YEARS), "--offices", str(OFFICES), "--seed", "1",
            "--password", PASSWORD, env=env,
        )  # fmt: skip
        print(f"  generated in {time.perf_counter() - began:.0f} s", flush=True)


def sizes() -> str:
    tables = {
        "offices": "core_office",
        "events": "schedule_event",
        "media engagements": "press_mediaengagement",
        "programmes": "programs_program",
        "observations": "core_observation",
        "expenditures": "budget_expenditure",
        "staffing lines": "org_staffingline",
        "reports": "reports_report",
    }
    with psycopg.connect(DATABASE_URL) as connection:
        counts = {
            label: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
            for label, table in tables.items()
        }
        size = connection.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]  # type: ignore[index]
    return ", ".join(f"{label} {count:,}" for label, count in counts.items()) + f"; {size}"


def locust(port: int, seconds: int, folder: Path, name: str, **extra: str) -> list[list]:
    samples = folder / f"{name}.json"
    env = {**os.environ, "LOAD_PASSWORD": PASSWORD, "LOAD_SAMPLES": str(samples), **extra}
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench/locustfile.py"), "--headless",
         "--users", str(USERS), "--spawn-rate", "5", "--run-time", f"{seconds}s",
         "--host", f"http://127.0.0.1:{port}", "--only-summary", "--loglevel", "WARNING",
         "--stop-timeout", "10"],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return json.loads(samples.read_text(encoding="utf-8"))


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * share) - 1)] if ordered else 0.0


def measured(samples: list[list]) -> tuple[list[list], float]:
    """The page requests made once every user had signed in (the ramp-up of logins, each a
    deliberate half second of password hashing, is not the pages' load), and their span."""
    logins = [s[3] for s in samples if s[0] == LOGIN]
    start = max(logins, default=min((s[3] for s in samples), default=0.0))
    pages = [s for s in samples if s[0] != LOGIN and s[3] > start]
    end = max((s[3] for s in pages), default=start)
    return pages, max(end - start, 1e-9)


def summary(samples: list[list]) -> tuple[int, int, float, float, float]:
    """(requests, errors, requests/s, median ms, p95 ms) over the measured page requests."""
    pages, seconds = measured(samples)
    times = [s[1] for s in pages]
    errors = sum(1 for s in pages if s[2])
    median = statistics.median(times) if times else 0.0
    return len(pages), errors, len(pages) / seconds, median, percentile(times, 0.95)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="sijeong-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SIJEONG_VAR_DIR": str(folder),
        "LOG_LEVEL": "WARNING",
        # Each web process keeps its database connection, as in production (docs/deployment.md).
        "CONN_MAX_AGE": "60",
    }
    ensure_database(env)
    manage("collectstatic", "--no-input", env=env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sijeong.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--access-logfile", str(folder / "access.log")],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload"], cwd=ROOT, env=env,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(port)
        mixed = locust(port, SECONDS, folder, "mixed")
        pages = locust(port, CAPACITY_SECONDS, folder, "pages", LOAD_WAIT="none")
        trivial = locust(
            port, CAPACITY_SECONDS, folder, "trivial", LOAD_WAIT="none", LOAD_TRIVIAL="1"
        )
    finally:
        worker.terminate()
        server.terminate()
        server.wait(timeout=60)
        worker.wait(timeout=60)

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    workers = 2 * (os.cpu_count() or 1) + 1
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PostgreSQL on the same machine")  # fmt: skip
    print(f"Data: {sizes()}")
    print(
        f"Command: make load — gunicorn {workers} sync workers (preloaded), DEBUG off, "
        f"locust {USERS} users: {SECONDS} s with {PAUSES} s pauses, then {CAPACITY_SECONDS} s "
        "without pauses on the pages and on /health/"
    )
    n, errors, rps, median, p95 = summary(mixed)
    verdict = "met" if errors == 0 and p95 < TARGET_P95_MS else "NOT met"
    print(
        f"Mixed use: {n} page requests, {errors} errors, {rps:.1f} requests/s; median "
        f"{median:.0f} ms, p95 {p95:.0f} ms (target: no errors, p95 < {TARGET_P95_MS} ms: "
        f"{verdict})"
    )
    by_name: dict[str, list[list]] = {}
    for sample in measured(mixed)[0]:
        by_name.setdefault(sample[0], []).append(sample)
    print("| page | requests | errors | median ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, rows in sorted(by_name.items(), key=lambda item: -len(item[1])):
        times = [r[1] for r in rows]
        print(
            f"| {name} | {len(rows)} | {sum(1 for r in rows if r[2])} | "
            f"{statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | {max(times):.0f} |"
        )
    _, page_errors, page_rps, _, page_p95 = summary(pages)
    _, trivial_errors, trivial_rps, _, trivial_p95 = summary(trivial)
    print(
        f"Capacity: pages {page_rps:.0f} requests/s (p95 {page_p95:.0f} ms, {page_errors} "
        f"errors), trivial view {trivial_rps:.0f} requests/s (p95 {trivial_p95:.0f} ms, "
        f"{trivial_errors} errors): pages at {page_rps / max(trivial_rps, 1e-9):.0%} of the "
        "trivial view"
    )


if __name__ == "__main__":
    main()
