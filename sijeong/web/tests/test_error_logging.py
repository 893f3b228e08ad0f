"""A server error with DEBUG off leaves a trace on stderr: one key=value line with the traceback."""

from __future__ import annotations

import logging
import sys

from sijeong.core.logfmt import KeyValueFormatter
from sijeong.web.tests.test_deploy_settings import manage, production_env

# The login page raises; the test client asks for it as a browser over HTTPS would.
FAIL_ONCE = """
from unittest import mock
from django.test import Client
with mock.patch("django.contrib.auth.views.LoginView.get", side_effect=RuntimeError("쾅")):
    response = Client(raise_request_exception=False).get("/login/?q=secret", secure=True)
print("status", response.status_code)
"""


def test_a_500_is_logged_to_stderr_as_one_line_with_its_traceback(tmp_path):
    env = production_env(tmp_path, ALLOWED_HOSTS="testserver")
    result = manage(env, "shell", "--no-imports", "-c", FAIL_ONCE)
    assert "status 500" in result.stdout, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "logger=django.request" in line]
    assert line.startswith("time=")
    assert " level=ERROR logger=django.request " in line
    assert 'message="Internal Server Error: /login/"' in line
    assert " method=GET path=/login/ status_code=500 " in line
    assert "RuntimeError: 쾅" in line and "Traceback (most recent call last):" in line
    assert "secret" not in line


def test_a_record_is_one_line_whatever_its_message_holds():
    try:
        raise ValueError("여러\n줄")
    except ValueError:
        record = logging.LogRecord(
            "sijeong.ingest", logging.WARNING, __file__, 1, 'a "b" = c', None, sys.exc_info()
        )
    record.rows = 3
    line = KeyValueFormatter().format(record)
    assert "\n" not in line
    assert ' level=WARNING logger=sijeong.ingest message="a \\"b\\" = c" rows=3 exc="' in line
    assert "ValueError: 여러\\n줄" in line
