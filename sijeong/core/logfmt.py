"""Log records as one `key=value` line each (logfmt), for stderr and whatever collects it.

One line per event, whatever the message or traceback holds, so that a log collector can split
events on newlines and search fields (`level=ERROR logger=django.request status_code=500`).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

# The attributes every LogRecord has; anything else on a record came from `extra=`.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Objects Django passes in `extra` that are not fields: the request is summarised instead.
SKIPPED = {"request", "server_time"}


def quoted(value: Any) -> str:
    text = str(value)
    if text and not any(c in text for c in ' "=\\\n\r\t'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


class KeyValueFormatter(logging.Formatter):
    """`time=… level=… logger=… message=…`, then the request, extras and the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.datetime.fromtimestamp(record.created).astimezone()
        fields: list[tuple[str, Any]] = [
            ("time", moment.isoformat(timespec="milliseconds")),
            ("level", record.levelname),
            ("logger", record.name),
            ("message", record.getMessage()),
        ]
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # The path only: a query string may carry what people typed.
            fields += [("method", getattr(request, "method", "")), ("path", request.path)]
        fields += [
            (key, value)
            for key, value in vars(record).items()
            if key not in STANDARD | SKIPPED
            and not key.startswith("_")
            and (value is None or isinstance(value, (str, int, float, bool)))
        ]
        if record.exc_info:
            fields.append(("exc", self.formatException(record.exc_info)))
        elif record.stack_info:
            fields.append(("stack", self.formatStack(record.stack_info)))
        return " ".join(f"{key}={quoted(value)}" for key, value in fields)
