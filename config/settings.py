"""Settings, read from the environment (see README, "Cấu hình / Settings")."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.env import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_required,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GS_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", default=False)
_DEV_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
_PRODUCTION = "bắt buộc khi DJANGO_DEBUG=0 (xem docs/deploy.md)"
if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_KEY)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY", _PRODUCTION)
    env_required("DJANGO_ALLOWED_HOSTS", _PRODUCTION)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public address printed on certificates (QR code and verification link).
SITE_URL = env_str("GS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PORT = env_int("PORT", 8000, minimum=1)

INSTALLED_APPS = [
    "guongsang.core.admin_apps.GSAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "rules",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Before django_tasks_db: its db_worker command is ours (heartbeat, reconnection).
    "guongsang.core",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "guongsang.org",
    "guongsang.people",
    "guongsang.accounts",
    "guongsang.catalogue",
    "guongsang.awards",
    "guongsang.discipline",
    "guongsang.movements",
    "guongsang.initiatives",
    "guongsang.nominations",
    "guongsang.clusters",
    "guongsang.council",
    "guongsang.decisions",
    "guongsang.contests",
    "guongsang.targets",
    "guongsang.stats",
    "guongsang.showcase",
    "guongsang.reports",
    "guongsang.books",
    "guongsang.conference",
    "guongsang.signatures",
]
# The demo data (`manage.py seed_demo`, `demo_logins`) is a development tool: installed with
# DEBUG on, and in production only when asked for (GS_DEMO=1, a training installation; its
# packages come with `uv sync --group demo`, see docs/deploy.md).
GS_DEMO = env_bool("GS_DEMO", default=DEBUG)
if GS_DEMO:
    INSTALLED_APPS.append("guongsang.demo")

MIDDLEWARE = [
    "guongsang.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the session or the filters: an old parameter name is redirected.
    "guongsang.core.legacy_params.LegacyParamsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "guongsang.core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "guongsang.accounts.middleware.TwoFactorRequiredMiddleware",
    "guongsang.core.middleware.QueryParamsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees the views' exceptions first: "database is locked" becomes a 503.
    "guongsang.core.middleware.DatabaseBusyMiddleware",
]

# What waits for each role on the home page (core.todo), in the order shown.
GS_TODO_PROVIDERS = [
    "guongsang.nominations.todo.todo",
    "guongsang.movements.todo.todo",
    "guongsang.council.todo.todo",
    "guongsang.decisions.todo.todo",
    "guongsang.contests.todo.todo",
    "guongsang.showcase.todo.todo",
    "guongsang.stats.todo.todo",
    "guongsang.targets.todo.todo",
]

# What the task worker runs on its own, with the interval in seconds (core.periodic).
GS_PERIODIC_JOBS = [
    ("guongsang.nominations.reminders.movement_reminders", 600),
    ("guongsang.council.reminders.ballot_reminders", 600),
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guongsang.core.context_processors.shell",
                "guongsang.nominations.context_processors.unread",
            ],
            "builtins": ["guongsang.core.templatetags.vn"],
        },
    }
]

# Database: SQLite (WAL, foreign keys on) under var/ by default; postgres://… for PostgreSQL.
DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'guongsang.sqlite3'}",
    schemes=("sqlite", "postgres", "postgresql"),
)
# Persistent connections, checked before reuse so a restarted PostgreSQL costs no error page.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=10000;"
            # Deleted rows are overwritten, not left in free pages (ballots are rewritten).
            " PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("GS_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "guongsang.core.client_ip.client_ip"

# The client's address. Behind a reverse proxy, name the header it sets (e.g. X-Forwarded-For)
# and how many proxies append to it; without it the peer address (REMOTE_ADDR) is used, and
# a header sent by the client is never believed.
GS_TRUSTED_PROXY_HEADER = env_str("GS_TRUSTED_PROXY_HEADER")
GS_TRUSTED_PROXY_COUNT = env_int("GS_TRUSTED_PROXY_COUNT", 1, minimum=1)
# An incoming request id is reused only from this header (set by the reverse proxy).
GS_REQUEST_ID_HEADER = env_str("GS_REQUEST_ID_HEADER")

# Two-factor authentication is required for these roles when not in DEBUG.
GS_REQUIRE_2FA = env_bool("GS_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "Gương Sáng"
# The one-time link of an admin's password reset stays valid this long (seconds).
PASSWORD_RESET_TIMEOUT = env_int("GS_PASSWORD_RESET_TIMEOUT", 24 * 3600)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files (uploads, evidence, generated documents, exports): a private folder under var/ by
# default; an S3-compatible bucket (MinIO, Ceph, a cloud provider) when GS_S3_BUCKET is set,
# shared by every web process and worker. Neither is ever served directly: views check access
# first, then stream the file or (GS_FILES_SIGNED_URLS) redirect to a URL signed for minutes.
MEDIA_ROOT = Path(env_str("GS_MEDIA_ROOT", str(VAR_DIR / "media")))
GS_S3_BUCKET = env_str("GS_S3_BUCKET")
GS_FILES_SIGNED_URLS = env_bool("GS_FILES_SIGNED_URLS", default=False)
GS_FILES_SIGNED_URL_SECONDS = env_int("GS_FILES_SIGNED_URL_SECONDS", 300)
# Digital signatures: the PKCS#11 library of the signing tokens (SoftHSM2's by default, the
# token vendor's in real use), and the passphrase of the agencies' seal files (PKCS#12).
GS_PKCS11_LIBRARY = env_str("GS_PKCS11_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so")
GS_SEAL_PASSPHRASE = env_str("GS_SEAL_PASSPHRASE", "con-dau-demo" if DEBUG else "")
# An RFC 3161 time-stamp server (the signature's time then does not rest on the signer's clock).
GS_TSA_URL = env_url("GS_TSA_URL", schemes=("http", "https"))
_FILES: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if GS_S3_BUCKET:
    _FILES = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": GS_S3_BUCKET,
            "endpoint_url": env_str("GS_S3_ENDPOINT_URL") or None,
            "access_key": env_str("GS_S3_ACCESS_KEY") or None,
            "secret_key": env_str("GS_S3_SECRET_KEY") or None,
            "region_name": env_str("GS_S3_REGION") or None,
            "location": env_str("GS_S3_PREFIX"),
            # Path-style URLs suit self-hosted servers; "virtual" for providers that need it.
            "addressing_style": env_str("GS_S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "querystring_auth": True,
            "querystring_expire": GS_FILES_SIGNED_URL_SECONDS,
            "file_overwrite": False,
            "default_acl": None,  # the bucket's own policy: private
        },
    }
STORAGES = {
    "default": _FILES,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Source maps are read only by developer tools: not worth compressing (the API docs' maps
# alone are megabytes and made collectstatic take minutes).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# A shared cache (Redis) for every process: rate limits, the public page cache and sessions
# hold across web processes and hosts. Without it each process keeps its own memory cache.
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("GS_CACHE_PREFIX", "gs"),
        }
    }
    # Read from Redis, written through to the database: a Redis restart logs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A running task whose worker has not been seen for this long is marked failed.
GS_TASK_LEASE_SECONDS = env_int("GS_TASK_LEASE_SECONDS", 30)
# Limits on uploaded Office files, checked before any parser reads them (core.ooxml).
GS_OOXML_MAX_UNCOMPRESSED = env_int("GS_OOXML_MAX_UNCOMPRESSED", 20 * 1024 * 1024)
GS_OOXML_MAX_RATIO = env_int("GS_OOXML_MAX_RATIO", 200)
GS_IMPORT_MAX_ROWS = env_int("GS_IMPORT_MAX_ROWS", 50_000)
GS_IMPORT_MAX_CELLS = env_int("GS_IMPORT_MAX_CELLS", 1_000_000)
GS_ENTRY_MAX_WORDS = env_int("GS_ENTRY_MAX_WORDS", 5_000)

TASKS = {
    "default": {
        "BACKEND": env_str("GS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Content-Security-Policy (django-csp): scripts, styles, fonts, images and requests from this
# site only; no inline script or event handler anywhere (tests/test_csp.py checks the
# templates). Style attributes stay allowed: they cannot run code, and many pages size a
# column with one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Off only for a server on loopback over plain http (browser tests); never in service.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("GS_SECURE_COOKIES", default=True)

# Mail: an SMTP server when EMAIL_HOST is given, else the console (the demo and development
# print each notification's e-mail there). DJANGO_EMAIL_BACKEND overrides either.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "guongsang@localhost")

# Logs go to stdout, one JSON object a line in production (text in development), each with
# the request id of the request that wrote it.
GS_LOG_FORMAT = env_str("GS_LOG_FORMAT", "text" if DEBUG else "json")
if GS_LOG_FORMAT not in {"json", "text"}:
    from config.env import SettingError

    raise SettingError(
        f"Biến môi trường GS_LOG_FORMAT={GS_LOG_FORMAT!r} không hợp lệ: cần json hoặc text."
    )
_REQUEST_LOG_LEVEL = env_str("GS_REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "guongsang.core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": GS_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request (method, path, status, time): operators read these.
        "guongsang.request": {"level": _REQUEST_LOG_LEVEL},
        "django_tasks": {"level": "INFO"},
    },
}

# Errors to Sentry (or a compatible tracker such as GlitchTip) when a DSN is given.
SENTRY_DSN = env_url("SENTRY_DSN", schemes=("https", "http"))
if SENTRY_DSN:
    from guongsang.core.monitoring import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production" if not DEBUG else "development"),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )

NINJA_PAGINATION_PER_PAGE = 50
