"""Idle memory of the task worker and of a web process (VmRSS from /proc/<pid>/status).

    uv run python bench/idle_rss_benchmark.py [--root DIR] [--database-url URL]

Starts, from the code in DIR (default: this checkout; pass an unpacked copy of another
commit, e.g. `git archive main | tar -x -C /tmp/base`, to measure before and after with the
same virtual environment):

- `manage.py db_worker --interval 1`, read once its VmRSS has stayed the same for 5 s while
  it polls the empty queue (after its start-up, which imports the URL conf for the checks);
- `manage.py runserver --noreload` (one process, as `make run` starts it), read after it has
  answered GET /healthz and GET /vuon-hoa/ (the public home page) once each.

Each process is started three times; the median VmRSS is reported, and the peak (VmHWM).
The database must already be migrated (default: a scratch SQLite file migrated here).
Bytecode is not written, so DIR is left as it was.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) // 1024
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(root: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - this interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def worker_rss(root: Path, env: dict[str, str]) -> dict[str, int]:
    process = start(root, env, "db_worker", "--interval", "1")
    try:
        # Start-up (system checks: the URL conf is imported) takes a while on a loaded
        # machine: read once VmRSS has not changed for 5 s of polling the empty queue.
        time.sleep(5)
        seen = [status(process.pid)["VmRSS"]]
        while len(seen) < 5 or len(set(seen[-5:])) > 1:
            assert process.poll() is None, "db_worker stopped"
            assert len(seen) < 120, "db_worker never settled"
            time.sleep(1)
            seen.append(status(process.pid)["VmRSS"])
        return status(process.pid)
    finally:
        stop(process)


def web_rss(root: Path, env: dict[str, str]) -> dict[str, int]:
    port = free_port()
    process = start(root, env, "runserver", "--noreload", f"127.0.0.1:{port}")
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the web process did not answer")
        urllib.request.urlopen(f"http://127.0.0.1:{port}/vuon-hoa/", timeout=30).read()
        time.sleep(1)
        return status(process.pid)
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=HERE)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = args.root.resolve()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    with tempfile.TemporaryDirectory(prefix="gs_rss_") as scratch:
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        else:
            env["DATABASE_URL"] = f"sqlite:///{scratch}/rss.sqlite3"
            env["GS_VAR_DIR"] = scratch
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=root,
                env=env,
                check=True,
            )
        print(f"code: {root}   database: {env['DATABASE_URL'].split('@')[-1]}")
        print(f"load average: {os.getloadavg()[0]:.1f}")
        for name, measure in (("db_worker", worker_rss), ("web (runserver)", web_rss)):
            runs = [measure(root, env) for _ in range(args.runs)]
            rss = statistics.median(r["VmRSS"] for r in runs)
            hwm = max(r["VmHWM"] for r in runs)
            print(
                f"{name:16} idle VmRSS median {rss:.0f} MB (runs {[r['VmRSS'] for r in runs]})"
                f", peak VmHWM {hwm} MB"
            )


if __name__ == "__main__":
    main()
