"""Benchmark: the public pages under 20 concurrent readers on the production server
(gunicorn, DEBUG off) at the seed's data size — issue 15's target is p95 < 100 ms.

Loopback only, bounded: each reader makes a fixed number of requests and stops. Prints the
figures for docs/benchmarks.md.
"""

from __future__ import annotations

import http.client
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import call_command  # sets Django up on a throw-away database, migrated
from serving import free_port, wait_for

READERS = 20
REQUESTS_EACH = int(os.environ.get("BENCH_PUBLIC_REQUESTS", "60"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "5"))  # gunicorn's 2 × cores + 1
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
URLS = [
    "/public/schedule/?month=2024-08",
    "/public/schedule/?view=week&date=2024-08-06",
    "/public/reports/",
    "/public/programs/",
    "/public/data/",
    "/public/data/schedule.csv",
]


def reader(port: int, offset: int, times: list[float], errors: list[str]) -> None:
    # One connection per reader, kept alive where the server allows it (sync workers close it).
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for n in range(REQUESTS_EACH):
        url = URLS[(offset + n) % len(URLS)]
        start = time.perf_counter()
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{url}: {response.status}")
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{url}: {error}")
            connection.close()
        times.append(time.perf_counter() - start)
    connection.close()


def main() -> None:
    call_command("load_seed", verbosity=0)
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sijeong.wsgi:application", "--workers",
         str(WORKERS), "--worker-class", WORKER_CLASS, "--threads", str(THREADS),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=root, env=env,
    )  # fmt: skip
    try:
        wait_for(port)
        warm: list[float] = []
        reader(port, 0, warm, [])  # every worker's first request, templates and caches
        times: list[float] = []
        errors: list[str] = []
        threads = [
            threading.Thread(target=reader, args=(port, i, times, errors)) for i in range(READERS)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite")
    print(
        f"Command: python bench/public.py — gunicorn {WORKERS} {WORKER_CLASS} workers × "
        f"{THREADS} threads, DEBUG off, seed data, keep-alive clients; "
        f"{READERS} concurrent readers × {REQUESTS_EACH} requests over {len(URLS)} public URLs"
    )
    print(
        f"requests {len(times)}, errors {len(errors)}, {len(times) / wall:.0f} requests/s; "
        f"median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
        f"(target < 100 ms), max {times[-1] * 1000:.1f} ms"
    )
    if errors:
        print("errors:", errors[:5])


if __name__ == "__main__":
    main()
