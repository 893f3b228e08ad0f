"""The production server as `make serve` starts it — gunicorn with the app preloaded, DEBUG off,
behind a proxy that says the request came over HTTPS — answers pages, serves static files under
content-hashed names to be kept for ever, and shows a Korean page for what is not there."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from sijeong.core.testing import free_port, wait_for

from .test_deploy_settings import ROOT, manage, production_env

HOST = "sijeong.example.go.kr"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    folder = tmp_path_factory.mktemp("serve")
    env = production_env(folder, ALLOWED_HOSTS=HOST)
    for command in (
        ["migrate", "--no-input"],
        ["createcachetable"],
        ["collectstatic", "--no-input"],
    ):
        done = manage(env, *command)
        assert done.returncode == 0, done.stderr
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sijeong.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for(port, seconds=60)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port: int, path: str, https: bool = True) -> tuple[http.client.HTTPResponse, bytes]:
    """The response to `path` and its body, asked as the proxy in front would ask."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def test_a_page_and_its_static_files_under_hashed_names(server: int) -> None:
    page, body = get(server, "/login/")
    html = body.decode()
    assert page.status == 200 and "로그인" in html
    stylesheet = re.search(r'href="(/static/web/site\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the stylesheet is not linked under a content-hashed name"
    css, content = get(server, stylesheet.group(1))
    assert css.status == 200 and content
    assert "immutable" in css.getheader("Cache-Control", "")
    assert "max-age=315360000" in css.getheader("Cache-Control", "")


def test_plain_http_is_sent_to_https(server: int) -> None:
    response, _ = get(server, "/login/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/login/"


def test_what_is_not_there_is_a_korean_page_without_debug_details(server: int) -> None:
    response, body = get(server, "/no-such-page/")
    assert response.status == 404
    html = body.decode()
    assert "찾을 수 없습니다" in html
    assert "URLconf" not in html and "Traceback" not in html


def test_the_liveness_check_answers(server: int) -> None:
    assert get(server, "/health/")[0].status == 200
