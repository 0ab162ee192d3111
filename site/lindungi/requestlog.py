"""A request id for every request, and JSON logs when asked for (LINDUNGI_LOG_FORMAT=json).

The id comes from the X-Request-ID header a proxy sets (when it looks like an id), else it is
made here; every response echoes it, cached ones too, and every log line written while the
request runs carries it. With JSON logs each event is one line: the app's own messages and one
"request" event per request (method, path without the query string, status, time, cache).
Nothing personal is ever logged: no query strings, no form values, no client address.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from flask import Flask

HEADER = "X-Request-ID"
ENVIRON_KEY = "lindungi.request_id"
VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
current_request_id: ContextVar[str | None] = ContextVar("lindungi_request_id", default=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and any fields
    given as extra={"fields": {...}}."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": current_request_id.get(),
        }
        event.update(getattr(record, "fields", {}))
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False, default=str)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when the line is written (as logging's last resort)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> Any:  # type: ignore[override]
        return sys.stderr


class RequestIdMiddleware:
    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], logger: logging.Logger | None):
        self.wsgi_app = wsgi_app
        self.logger = logger  # None: no request events (the server's access log has them)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if VALID_ID.match(given) else uuid.uuid4().hex
        environ[ENVIRON_KEY] = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()

        def with_id(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append((HEADER, request_id))
            if self.logger is not None:
                self._log(self.logger, environ, status, started)
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, with_id)
        finally:
            current_request_id.reset(token)

    @staticmethod
    def _log(logger: logging.Logger, environ: dict[str, Any], status: str, started: float
             ) -> None:
        fields = {
            "event": "request",
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            "status": int(status.split(" ", 1)[0]),
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "page_cache": environ.get("lindungi.page_cache.result"),
        }
        logger.info("request", extra={"fields": fields})


def init_app(app: Flask) -> None:
    """Outermost middleware, so cache hits and static files get an id too."""
    logger = None
    if app.config["LOG_FORMAT"] == "json":
        handler = StderrHandler()
        handler.setFormatter(JsonFormatter())
        app.logger.handlers[:] = [handler]
        app.logger.setLevel(app.config["LOG_LEVEL"])
        app.logger.propagate = False
        logger = logging.getLogger(f"{app.logger.name}.requests")
    app.wsgi_app = RequestIdMiddleware(app.wsgi_app, logger)  # type: ignore[method-assign]
