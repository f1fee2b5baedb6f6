"""More than one machine: two web processes and two task workers, each with its own working
folder, sharing one PostgreSQL database, one Redis and one media folder, behave as one site.

- a certificate batch asked for through web A is built by whichever worker takes it, and
  downloads through web B;
- a lockout earned on A holds on B;
- the public story page, cached by both, disappears from both when the story is withdrawn.

Everything goes over HTTP to gunicorn with DJANGO_DEBUG=0; run by `make test-scale` (CI).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.core.models import TaskProgress, TaskStatus
from guongsang.decisions.tests.factories import signed_decision
from guongsang.showcase.tests.factories import make_story
from tests import production
from tests.e2e.support import give_totp, totp_code

pytestmark = [pytest.mark.scale_out, pytest.mark.django_db(transaction=True)]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: its cookies go to every host it talks to, as behind one load balancer."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, url: str, data: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
        body = None
        if data is not None:
            token = next(c.value for c in self.cookies if c.name == "csrftoken")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        try:
            with self.opener.open(url, data=body, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def log_in(self, base: str, user) -> None:
        self.request(f"{base}/tai-khoan/dang-nhap/")
        status, headers, _ = self.request(
            f"{base}/tai-khoan/dang-nhap/", {"username": user.username, "password": PASSWORD}
        )
        assert status == 302, f"{user.username} could not log in on {base}"
        self.request(f"{base}{headers['Location']}")
        status, headers, _ = self.request(
            f"{base}/tai-khoan/xac-thuc-hai-buoc/", {"token": totp_code(user), "next": "/"}
        )
        assert status == 302 and headers["Location"] == "/", "two-factor step refused"


@pytest.fixture
def cluster(tmp_path):
    assert connection.vendor == "postgresql", "the scale-out test runs on PostgreSQL"
    media = tmp_path / "shared-media"
    base_env = production.production_env(
        database=production.database_url(connection.settings_dict),
        var_dir=tmp_path / "unused",
        REDIS_URL=REDIS_URL,
        GS_CACHE_PREFIX=f"scale-{uuid.uuid4().hex[:12]}",
        GS_MEDIA_ROOT=str(media),
        GS_LOCKOUT_FAILURES="3",
    )
    hosts = {name: tmp_path / f"host-{name}" for name in ("a", "b")}
    envs = {name: {**base_env, "GS_VAR_DIR": str(folder)} for name, folder in hosts.items()}
    # Each host gets the static files of the release, as a deployment copies them.
    production.collect_static(envs["a"])
    shutil.copytree(hosts["a"] / "static", hosts["b"] / "static")
    processes = {}
    try:
        for name, folder in hosts.items():
            processes[f"web-{name}"] = production.start_web(
                envs[name],
                port=production.free_port(),
                log=folder / "web.log",
                workers=1,
                cwd=folder,
            )
            processes[f"worker-{name}"] = production.start_worker(
                envs[name], log=folder / "worker.log", cwd=folder
            )
        for name in hosts:
            production.wait_until_serving(processes[f"web-{name}"])
        yield processes, hosts, media
    finally:
        for process in processes.values():
            process.stop()
        connection.close()


def _wait_done(progress: TaskProgress, *, timeout: float = 180) -> TaskProgress:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress.refresh_from_db()
        if progress.status in (TaskStatus.DONE, TaskStatus.FAILED):
            return progress
        time.sleep(0.5)
    raise AssertionError(f"the task is still {progress.status} after {timeout} s")


def test_two_web_processes_and_two_workers_behave_as_one_site(cluster, world, titles):
    from django_tasks_db.models import DBTaskResult

    processes, hosts, media = cluster
    a, b = processes["web-a"].url, processes["web-b"].url
    decision = signed_decision(world)
    give_totp(world.secretariat)
    for user in (world.secretariat, world.officer):
        production.production_password(user, PASSWORD)
    story = make_story("Người thợ sửa xe tốt bụng", unit=world.centre)
    story_path = f"/vuon-hoa/{story.year}/{story.slug}/"

    # A certificate batch asked for on A, built by a worker, downloaded from B.
    officer = Visitor()
    officer.log_in(a, world.secretariat)
    status, headers, _ = officer.request(f"{a}/quyet-dinh/{decision.uuid}/giay-khen/", {})
    match = re.fullmatch(r"/tac-vu/([0-9a-f-]+)/", headers.get("Location", ""))
    assert status == 302 and match, headers
    progress = _wait_done(TaskProgress.objects.get(uuid=match[1]))
    assert progress.status == TaskStatus.DONE, progress.message
    (task,) = DBTaskResult.objects.filter(task_path__endswith="certificates_run")
    # Worker ids read host:pid:random: the batch was built by one of the two workers.
    workers = {str(processes[name].popen.pid) for name in ("worker-a", "worker-b")}
    assert task.worker_ids and {w.split(":")[1] for w in task.worker_ids} <= workers
    status, headers, pdf = officer.request(f"{b}/tac-vu/{progress.uuid}/tai-ve/")
    assert status == 200 and pdf.startswith(b"%PDF")
    assert (media / progress.result_file.name).read_bytes() == pdf
    assert not any(folder.joinpath("media").exists() for folder in hosts.values())

    # A lockout earned on A holds on B, even with the right password.
    intruder = Visitor()
    for _ in range(3):
        intruder.request(f"{a}/tai-khoan/dang-nhap/")
        intruder.request(
            f"{a}/tai-khoan/dang-nhap/", {"username": "canbo", "password": "sai-mat-khau"}
        )
    intruder.request(f"{b}/tai-khoan/dang-nhap/")
    status, _, body = intruder.request(
        f"{b}/tai-khoan/dang-nhap/", {"username": "canbo", "password": PASSWORD}
    )
    assert status == 429 and "tạm khoá" in body.decode()

    # The story page is cached by both; withdrawing it on A removes it from both.
    reader = Visitor()
    for base in (a, b, a, b):
        status, _, body = reader.request(f"{base}{story_path}")
        assert status == 200 and "Người thợ sửa xe tốt bụng" in body.decode()
    status, _, _ = officer.request(
        f"{a}/vuon-hoa/quan-ly/cau-chuyen/{story.uuid}/go/", {"reason": "Người được nêu xin gỡ."}
    )
    assert status == 302
    for base in (b, a):
        assert reader.request(f"{base}{story_path}")[0] == 404, base

    # Every process wrote JSON lines with request ids to its own log, in its own folder.
    web_log = Path(processes["web-b"].log).read_text()
    assert '"request_id"' in web_log and f'"path": "/tac-vu/{progress.uuid}/tai-ve/"' in web_log
