"""`make run` keeps the task worker alive: deploy/supervise starts it again when it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUPERVISE = ROOT / "deploy" / "supervise"


def _pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _wait_for(path: Path, count: int, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(pids := _pids(path)) >= count:
            return pids
        time.sleep(0.05)
    raise AssertionError(f"{count} starts expected, saw {_pids(path)}")


def _start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    started = tmp_path / "pids"
    worker = f"echo $$ >> {started}; exec sleep 600"  # a worker that runs until it is killed
    loop = subprocess.Popen(  # noqa: S603
        [str(SUPERVISE), "sh", "-c", worker],
        env={**os.environ, "SUPERVISE_DELAY": "0.2"},
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    return loop, started


def test_a_worker_killed_with_sigkill_is_started_again(tmp_path):
    loop, started = _start(tmp_path)
    try:
        first = _wait_for(started, 1)[0]
        os.kill(first, signal.SIGKILL)
        second = _wait_for(started, 2)[1]
        assert second != first
        os.kill(second, 0)  # the new worker is running
    finally:
        os.killpg(loop.pid, signal.SIGTERM)
        _, stderr = loop.communicate(timeout=10)
    assert "Trình chạy nền đã dừng (mã 137); khởi động lại sau 0.2 giây." in stderr.decode()


def test_stopping_the_loop_stops_its_worker(tmp_path):
    loop, started = _start(tmp_path)
    worker = _wait_for(started, 1)[0]
    loop.send_signal(signal.SIGTERM)
    assert loop.wait(timeout=10) == 0
    time.sleep(0.2)
    assert len(_pids(started)) == 1  # not started again
    try:
        os.kill(worker, 0)
    except ProcessLookupError:
        return
    raise AssertionError("the worker outlived its supervisor")


def test_make_run_and_serve_supervise_the_worker():
    makefile = (ROOT / "Makefile").read_text()
    assert "setsid deploy/supervise $(PY) manage.py db_worker" in makefile
    assert "setsid deploy/supervise $(PROD_PY) manage.py db_worker" in makefile
