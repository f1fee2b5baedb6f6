"""Browser journeys: Playwright drives Debian's chromium (never a downloaded browser).

Fixtures for journeys that must also pass against the application as it runs in production:

``app_url``
    The base URL of the application, without a trailing slash. By default it is
    ``live_server.url`` (Django's test server, DEBUG on). With ``GS_E2E_PROD=1`` it is a
    production server started once for the session: static files collected with the hashed,
    compressed storage, gunicorn (config/gunicorn.conf.py) with ``DJANGO_DEBUG=0`` and a fresh
    secret key, and the task worker (``manage.py db_worker``), both on the test database
    (``test_…`` on PostgreSQL). The test's data must be committed to be seen by those
    processes, so ``app_url`` brings in ``transactional_db``. Loopback speaks plain http, so
    the server runs with ``DJANGO_SECURE_SSL_REDIRECT=0`` and ``GS_SECURE_COOKIES=0``; when
    ``REDIS_URL`` is set the server uses it (with a prefix of its own) as in production.
``login(page, username, password=PASSWORD)``
    Logs in through the form at ``app_url``. When the two-factor page follows (production
    requires it of the secretariat, signer and admin roles) it types the current code of
    the user's confirmed TOTP device, waiting for the next 30-second step when this one's
    code was already used; a user without one enrols on the way, with the set-up key the
    page shows (as a person would type it into an authenticator app).
``give_totp(user)``
    Gives ``user`` a confirmed TOTP device, as if they had scanned the QR code at their first
    login (user set-up, done before ``login``). Also importable from ``tests.e2e.support``.

Journeys that use ``app_url`` and ``login`` carry the ``prod_journey`` marker: CI runs them
again with ``GS_E2E_PROD=1`` on PostgreSQL (``make test-e2e-prod``).
"""

import os
import shutil
import uuid
from pathlib import Path

import pytest

from guongsang.accounts.tests.factories import PASSWORD
from tests import production

from .support import give_totp as _give_totp
from .support import setup_code, totp_code

# Playwright's sync API runs an event loop in this thread; Django's ORM is used beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # The headless shell is Debian's chromium without the desktop browser around it: the same
    # engine, a fifth less CPU over the journeys (docs/testing.md).
    executable = shutil.which("chromium-headless-shell")
    assert executable, "Debian's chromium-headless-shell is required: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser):
    contexts = []

    def make(width: int = 1366, height: int = 768):
        # Reduced motion, as a person may set it: Bootstrap then shows dialogs and menus at
        # once, and no click waits for a fade to end.
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="vi-VN", reduced_motion="reduce"
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session", autouse=True)
def _static_files_kept_by_the_browser():
    """Django's test server sends static files without a lifetime, so the browser asks for all
    seven again on every page; production (WhiteNoise) lets it keep them. Here too, for an
    hour: nothing changes them during a run."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    serve = StaticFilesHandler.serve

    def serve_kept(self, request):  # type: ignore[no-untyped-def]
        response = serve(self, request)
        response["Cache-Control"] = "max-age=3600"
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "serve", serve_kept)
        yield


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        from playwright.sync_api import Error

        path = SCREENSHOTS / f"{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Error as error:
            # Chromium now and then cannot grab a frame while the machine is loaded; the
            # picture is kept for people to look at, so one more try is enough.
            if "Unable to capture screenshot" not in error.message:
                raise
            page.screenshot(path=str(path), full_page=True)
        return path

    return take


PROD = os.environ.get("GS_E2E_PROD") == "1"


@pytest.fixture(scope="session")
def _production_app(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn and the task worker with DJANGO_DEBUG=0 on the test database."""
    from django.db import connection

    var_dir = tmp_path_factory.mktemp("production")
    extra = {}
    if os.environ.get("REDIS_URL"):
        extra["GS_CACHE_PREFIX"] = f"e2e-{uuid.uuid4().hex[:12]}"
    env = production.production_env(
        database=production.database_url(connection.settings_dict), var_dir=var_dir, **extra
    )
    production.collect_static(env)
    web = production.start_web(env, port=production.free_port(), log=var_dir / "web.log")
    worker = production.start_worker(env, log=var_dir / "worker.log")
    try:
        production.wait_until_serving(web)
        yield web.url
    finally:
        web.stop()
        worker.stop()
        # Idle connections of the stopped processes must not block dropping the database.
        with django_db_blocker.unblock():
            connection.close()


@pytest.fixture
def app_url(request, transactional_db) -> str:
    if PROD:
        return request.getfixturevalue("_production_app")
    return request.getfixturevalue("live_server").url


@pytest.fixture
def give_totp():
    return _give_totp


@pytest.fixture
def login(app_url):
    from django.contrib.auth import get_user_model

    def log_in(page, username: str, password: str = PASSWORD) -> None:
        page.goto(f"{app_url}/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        assert "/tai-khoan/dang-nhap/" not in page.url, f"{username} could not log in"
        if "/tai-khoan/xac-thuc-hai-buoc/" in page.url:
            user = get_user_model().objects.get(username=username)
            setup = page.locator(".secret-key")
            # No authenticator yet: enrol as a person would, from the key the page shows.
            code = totp_code(user) if not setup.count() else setup_code(setup.text_content())
            page.get_by_label("Mã xác thực 6 số").fill(code)
            with page.expect_navigation():
                page.get_by_role("button", name="Xác nhận").click()
            assert "/xac-thuc-hai-buoc/" not in page.url, f"{username}: code refused"

    return log_in
