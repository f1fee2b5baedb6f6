"""A request id on every request: in the response (X-Request-ID), in every log line written
while the request runs, and in the error tracker, so one report can be followed across the
reverse proxy, the application and the logs. One log line per request is written here too."""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from guongsang.core.client_ip import client_ip

RESPONSE_HEADER = "X-Request-ID"
# What a reverse proxy's id may look like (nginx's $request_id, a UUID, …): nothing that could
# break a log line or a header.
_SAFE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_request_id", default="-"
)
log = logging.getLogger("guongsang.request")


def incoming_request_id(request: HttpRequest) -> str | None:
    header = getattr(settings, "GS_REQUEST_ID_HEADER", "")
    if not header:
        return None
    value = request.META.get("HTTP_" + header.strip().upper().replace("-", "_"), "")
    return value if _SAFE.match(value) else None


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = incoming_request_id(request) or uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            _tag_error_report(request_id)
            response = self.get_response(request)
            response[RESPONSE_HEADER] = request_id
            log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "client_ip": client_ip(request),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs 4xx/5xx responses (django.request) after the middleware has
            # returned, with the request attached: take the id from there.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current_request_id.get()
        return True


def _tag_error_report(request_id: str) -> None:
    try:
        import sentry_sdk
    except ImportError:  # pragma: no cover - sentry-sdk is a dependency
        return
    sentry_sdk.set_tag("request_id", request_id)
