"""Run the application as production does, for tests: collected static files, gunicorn with
DJANGO_DEBUG=0 and the task worker, each a separate process reading only its environment.

Used by the browser journeys in production mode (tests/e2e/conftest.py) and by the scale-out
test (tests/test_scale_out.py).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parents[1]
# Servers started by tests listen in this range (other services on the machine use others).
PORTS = range(8100, 8200)
# Variables of the test process that must not leak into a production process.
_TEST_ONLY = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_XDIST_WORKER")


def database_url(settings_dict: Mapping[str, Any]) -> str:
    """The DATABASE_URL of a Django database settings dict (the test database, typically)."""
    engine = str(settings_dict["ENGINE"])
    if engine.endswith("sqlite3"):
        return f"sqlite:///{Path(str(settings_dict['NAME'])).resolve()}"
    user = quote(str(settings_dict.get("USER") or ""), safe="")
    password = quote(str(settings_dict.get("PASSWORD") or ""), safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{quote(str(settings_dict['NAME']), safe='')}"


def production_password(user: Any, password: str) -> None:
    """Store ``password`` hashed as production does: the suite's fast MD5 hashes are not
    accepted by a production process."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])


def free_port() -> int:
    # Start from a random place so parallel test runs rarely try the same port first.
    start = secrets.randbelow(len(PORTS))
    for offset in range(len(PORTS)):
        port = PORTS[(start + offset) % len(PORTS)]
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 8100 and 8199")


def production_env(*, database: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process on loopback: DEBUG off, a fresh secret key,
    plain http allowed (no https redirect, cookies without the Secure flag)."""
    env = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        GS_SECURE_COOKIES="0",
        DATABASE_URL=database,
        GS_VAR_DIR=str(var_dir),
        GS_LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
        # The code is found from any working folder (each process may have its own).
        PYTHONPATH=str(BASE_DIR),
    )
    env.update(extra)
    return env


def collect_static(env: Mapping[str, str]) -> None:
    """collectstatic with the production (hashed, compressed) storage into STATIC_ROOT."""
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"collectstatic failed:\n{done.stdout}\n{done.stderr}"


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=10)


def _spawn(name: str, args: list[str], env: Mapping[str, str], cwd: Path, log: Path) -> Process:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        popen = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            args,
            cwd=cwd,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name=name, popen=popen, log=log)


def start_web(
    env: Mapping[str, str], *, port: int, log: Path, workers: int = 2, cwd: Path | None = None
) -> Process:
    """gunicorn with the project's configuration (config/gunicorn.conf.py)."""
    run_env = {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers), "GS_BIND": "127.0.0.1"}
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(BASE_DIR / "config/gunicorn.conf.py"),
        "config.wsgi",
    ]
    process = _spawn("web", args, run_env, cwd or BASE_DIR, log)
    process.url = f"http://127.0.0.1:{port}"
    return process


def start_worker(
    env: Mapping[str, str], *, log: Path, cwd: Path | None = None, worker_id: str = ""
) -> Process:
    args = [
        sys.executable,
        str(BASE_DIR / "manage.py"),
        "db_worker",
        "--interval",
        "0.5",
        "--no-startup-delay",
        "--no-reload",
        *(["--worker-id", worker_id] if worker_id else []),
    ]
    return _spawn("worker", args, env, cwd or BASE_DIR, log)


def wait_until_serving(process: Process, *, timeout: float = 90) -> None:
    """Wait for /healthz to answer 200; fail with the server's log if it never does."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{process.url}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = str(exc)
        time.sleep(0.3)
    raise AssertionError(
        f"{process.name} at {process.url} did not serve ({last}):\n{process.output()}"
    )
