"""Settings fail closed: a value that cannot be read stops the start with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import SettingError, env_bool, env_int, env_url

BASE_DIR = Path(__file__).resolve().parents[1]
PG = ("postgres", "postgresql")
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-test-key-that-is-long-enough-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "guongsang.example.vn",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GS_"))}
    clean.pop("REDIS_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(  # noqa: S603 - our interpreter, our arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_a_true_boolean_reads_true(monkeypatch, value):
    monkeypatch.setenv("GS_REQUIRE_2FA", value)
    assert env_bool("GS_REQUIRE_2FA", default=False) is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off"])
def test_a_false_boolean_reads_false(monkeypatch, value):
    monkeypatch.setenv("GS_REQUIRE_2FA", value)
    assert env_bool("GS_REQUIRE_2FA", default=True) is False


def test_an_empty_or_unset_variable_takes_the_default(monkeypatch):
    monkeypatch.setenv("GS_REQUIRE_2FA", "  ")
    monkeypatch.delenv("GS_LOCKOUT_FAILURES", raising=False)
    assert env_bool("GS_REQUIRE_2FA", default=True) is True
    assert env_int("GS_LOCKOUT_FAILURES", 5) == 5


@pytest.mark.parametrize(
    ("name", "value", "read"),
    [
        ("GS_REQUIRE_2FA", "ture", lambda: env_bool("GS_REQUIRE_2FA")),
        ("GS_LOCKOUT_FAILURES", "5x", lambda: env_int("GS_LOCKOUT_FAILURES", 5)),
        ("GS_LOCKOUT_FAILURES", "0", lambda: env_int("GS_LOCKOUT_FAILURES", 5, minimum=1)),
        ("REDIS_URL", "localhost:6379", lambda: env_url("REDIS_URL", schemes=("redis",))),
        (
            "DATABASE_URL",
            "postgres://db:port/x",
            lambda: env_url("DATABASE_URL", schemes=("postgres",)),
        ),
    ],
)
def test_a_value_that_cannot_be_read_is_refused_with_its_name(monkeypatch, name, value, read):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError) as raised:
        read()
    assert name in str(raised.value) and repr(value) in str(raised.value)


def test_a_redis_socket_needs_no_host(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "unix:///run/redis/redis.sock")
    assert env_url("REDIS_URL", schemes=("redis", "unix")) == "unix:///run/redis/redis.sock"


def test_a_typo_in_the_two_factor_switch_stops_the_start_in_one_line():
    done = _manage("check", **PRODUCTION, GS_REQUIRE_2FA="ture")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Lỗi cấu hình: Biến môi trường GS_REQUIRE_2FA='ture' không hợp lệ: "
        "cần 1/0, true/false, yes/no hoặc on/off."
    ]


@pytest.mark.parametrize("command", ["help", "db_worker", "seed_demo"])
def test_a_command_without_the_secret_key_says_so_in_one_line(command):
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    done = _manage(command, **env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Lỗi cấu hình: Thiếu biến môi trường DJANGO_SECRET_KEY: "
        "bắt buộc khi DJANGO_DEBUG=0 (xem docs/deploy.md)."
    ]


def test_management_commands_work_with_the_production_environment():
    done = _manage("help", **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "db_worker" in done.stdout and "backup" in done.stdout
    assert "seed_demo" not in done.stdout  # the demo is not installed in production


def test_gs_demo_installs_the_demo_in_production_for_a_training_installation():
    done = _manage("help", **PRODUCTION, GS_DEMO="1")
    assert done.returncode == 0, done.stderr
    assert "seed_demo" in done.stdout and "demo_logins" in done.stdout


def test_redis_url_moves_the_cache_and_the_sessions_to_redis():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE)"
    )
    done = _manage(
        "shell", "-v", "0", "-c", code, **PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
        "django.contrib.sessions.backends.cached_db",
    ]
