"""How long the demo takes to build on a fresh database, and `make run` to start a second time.

    uv run --frozen python bench/demo_build.py                       # SQLite, then second start
    uv run --frozen python bench/demo_build.py --pg postgres://postgres@127.0.0.1:5432/gs_demo_bench
    uv run --frozen python bench/demo_build.py --skip-start --repeat 3

Each build runs `manage.py migrate` (not timed) and then `manage.py seed_demo` (timed) in a
fresh process on a fresh database, as an operator would. Wall time and the CPU time of the
process are printed; the machine's load (from /proc/loadavg) before and after, since the
wall time on a shared machine depends on it. The second start runs `make run` once to get a
seeded installation, stops it, then times a second `make run` until /healthz answers 200.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
UV = shutil.which("uv") or str(Path.home() / ".local/bin/uv")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def manage(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Run `manage.py args` in a fresh process; (wall seconds, CPU seconds) it took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our interpreter, our arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def build(database_url: str, workdir: Path) -> tuple[float, float]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "GS_VAR_DIR": str(workdir),
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    return manage(env, "seed_demo")


def fresh_postgres(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def make_run(port: int, env: dict[str, str], timeout: float = 600) -> float:
    """Start `make run`, wait for /healthz, stop it; the seconds until it answered."""
    started = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603 - make, our Makefile
        ["make", "run", f"PORT={port}"],  # noqa: S607
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while not healthy(port):
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError("make run stopped or did not answer")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="a PostgreSQL URL whose database is dropped and re-made")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-start", action="store_true")
    parser.add_argument("--port", type=int, default=8310)
    args = parser.parse_args()

    print(f"load before: {load()}")
    if not args.skip_build:
        for n in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="gs-demo-bench-") as tmp:
                wall, cpu = build(f"sqlite:///{tmp}/demo.sqlite3", Path(tmp))
            print(f"seed_demo, fresh SQLite #{n + 1}: {wall:6.1f} s wall, {cpu:6.1f} s CPU")
            if args.pg:
                fresh_postgres(args.pg)
                with tempfile.TemporaryDirectory(prefix="gs-demo-bench-") as tmp:
                    wall, cpu = build(args.pg, Path(tmp))
                print(f"seed_demo, fresh PostgreSQL #{n + 1}: {wall:6.1f} s wall, {cpu:6.1f} s CPU")
    if not args.skip_start:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GS_VAR_DIR")}
        first = make_run(args.port, env)
        print(f"make run, first (builds what is missing): {first:6.1f} s to /healthz")
        for n in range(args.repeat):
            print(f"make run, second start #{n + 1}: {make_run(args.port, env):6.1f} s to /healthz")
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
