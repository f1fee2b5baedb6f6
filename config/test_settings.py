"""Settings for the test suite: the development defaults, fast password hashing."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from config.settings import *  # noqa: F403

E2E_PROD = os.environ.get("GS_E2E_PROD") == "1"

# Fast hashing, except when a production server must check the passwords the tests set.
if not E2E_PROD:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process keeps its own cache, even when REDIS_URL is set for the production
# processes some tests start: counters and cached pages never leak from one run to the next.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Journeys against a production server (GS_E2E_PROD=1) share the test database with it, so on
# SQLite it must be a file rather than Django's in-memory test database.
if E2E_PROD and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_e2e_prod.sqlite3")}  # noqa: F405

# Another name for the test database than Django's "test_<name>" (a PostgreSQL server shared
# with other installations whose databases follow a naming rule).
if os.environ.get("GS_TEST_DATABASE_NAME"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["GS_TEST_DATABASE_NAME"]  # noqa: F405
