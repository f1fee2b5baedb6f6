"""Operations: a request id on every response and log line, JSON logs on stdout, and error
reports to a Sentry-compatible server when SENTRY_DSN is set."""

import gzip
import io
import json
import logging
import logging.config
import threading
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("hỏng ở trang thử")


# The project's URLs plus a page that fails (the middleware reverses the real ones).
urlpatterns = [path("hong/", _boom), path("", include("config.urls"))]


def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_an_incoming_id_is_ignored_unless_its_header_is_trusted(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert response["X-Request-ID"] != "proxy-id-12345678"


@override_settings(GS_REQUEST_ID_HEADER="X-Request-ID")
def test_the_reverse_proxys_id_is_reused(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert response["X-Request-ID"] == "proxy-id-12345678"


@override_settings(GS_REQUEST_ID_HEADER="X-Request-ID")
def test_an_id_that_could_break_a_log_line_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID='x" \n{"level":"ok"}')
    assert len(response["X-Request-ID"]) == 32


@pytest.fixture
def json_logs():
    """The project's logging configuration in its JSON form, its stream read back."""
    stream = io.StringIO()
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["console"].update(formatter="json", stream=stream)
    config["loggers"]["guongsang.request"]["level"] = "INFO"
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def test_each_request_writes_one_json_line_with_its_id(client, json_logs):
    response = client.get("/vuon-hoa/")
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    (line,) = [entry for entry in lines if entry["logger"] == "guongsang.request"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO" and line["status"] == 200 and line["path"] == "/vuon-hoa/"
    assert line["method"] == "GET" and line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00")


class _Collector(BaseHTTPRequestHandler):
    bodies: list[bytes] = []

    def do_POST(self):
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            raw = gzip.decompress(raw)
        elif encoding == "br":
            import brotli

            raw = brotli.decompress(raw)
        elif encoding == "deflate":
            raw = zlib.decompress(raw)
        self.bodies.append(raw)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    """A stand-in for Sentry on loopback that keeps what it receives."""
    import sentry_sdk

    _Collector.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{uuid.uuid4().hex}@127.0.0.1:{server.server_port}/1", _Collector.bodies
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: nothing is sent by later tests
    server.shutdown()


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_is_reported_with_its_request_id_and_no_personal_data(
    client, world, sentry_server
):
    import sentry_sdk

    from guongsang.core.monitoring import sentry_init

    dsn, received = sentry_server
    sentry_init(dsn=dsn, environment="test")
    client.raise_request_exception = False
    client.force_login(world.officer)
    response = client.get("/hong/?cccd=001234567890")
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)
    events = [
        json.loads(line)
        for body in received
        for line in body.decode().splitlines()
        if '"exception"' in line
    ]
    assert len(events) == 1, received
    event = events[0]
    assert event["exception"]["values"][-1]["value"] == "hỏng ở trang thử"
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert event["environment"] == "test"
    text = json.dumps(event)
    assert "sessionid" not in text and world.officer.username not in text
    assert "001234567890" not in text


def test_djangos_own_line_for_a_missing_page_carries_the_request_id(client, json_logs):
    response = client.get("/khong-co-trang-nay/")
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    (warning,) = [entry for entry in lines if entry["logger"] == "django.request"]
    assert response.status_code == 404 and warning["level"] == "WARNING"
    assert warning["request_id"] == response["X-Request-ID"]
