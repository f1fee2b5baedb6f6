"""Load and CPU per request: simulated officers and citizens against the production setup.

The server runs as in production (tests/production.py): DJANGO_DEBUG=0, collected static files,
gunicorn with WEB_CONCURRENCY sync workers, PostgreSQL loaded with the demo, Redis as the cache
and session store. Two measurements:

``run``  N simulated users for D seconds (locust, headless, bench/load_users.py): officers log
         in once (password, then the TOTP code of their authenticator) and read dossier lists,
         dossier pages and the statistics dashboard; citizens read the public home page, story
         pages and search results. Requests, errors and p50/p95/p99 per page type.
``cpu``  CPU time of the server per request, per page type: one logged-in client (four
         threads) requests one page type at a time; the CPU of the gunicorn processes
         (workers' utime+stime, plus the master's, plus what finished workers left in the
         master's cutime+cstime) before and after, divided by the requests. The bare view is
         ``/healthz/live``: a constant response through the whole middleware stack, no query.

    createdb -h 127.0.0.1 -U postgres gs_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_load manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_load manage.py seed_demo
    uv run --frozen python bench/load.py cpu
    uv run --frozen python bench/load.py run --users 100 --duration 180
    uv run --frozen python bench/load.py run --smoke       # 10 users, 20 s
    git archive main | tar -x -C /tmp/gs_load_base         # the code before, for comparison
    uv run --frozen python bench/load.py run --root /tmp/gs_load_base

The accounts the bench logs in with (``thutai…``, one per simulated officer) are created or
reset in the database by the ``prepare`` step, each with its own authenticator: a TOTP code is
accepted once per device, so two simulated officers never share one.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/gs_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"
ACCOUNT_PREFIX = "thutai"
PASSWORD = "Thu-tai-Guong-Sang-2026"  # noqa: S105 - bench accounts in a bench database
# One hex key for every bench authenticator would let two officers share a code; each gets its
# own, derived from its number.
PAGE_TYPES = ("dossier_list", "dossier_detail", "stats", "public_home", "story", "search")


# --- prepare: runs inside Django (a subprocess with the server's environment) -----------


def prepare(officers: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from guongsang.accounts.models import RoleGrant, User
    from guongsang.core.roles import Role
    from guongsang.demo import facts
    from guongsang.nominations import selectors as dossier_selectors
    from guongsang.org.models import Unit
    from guongsang.showcase.models import Story, StoryStatus

    department = Unit.objects.get(code=facts.DEPARTMENT)
    from django.db.models import Count

    busiest = (
        Unit.objects.annotate(n=Count("dossiers")).exclude(pk=department.pk).order_by("-n").first()
    )
    hashed = make_password(PASSWORD)  # one hash (production hasher), shared by the accounts
    accounts = []
    for number in range(officers):
        username = f"{ACCOUNT_PREFIX}{number:03d}"
        # Half read as the department's secretariat, half as an officer of the busiest unit.
        role, unit = (
            (Role.SECRETARIAT, department) if number % 2 == 0 else (Role.UNIT_OFFICER, busiest)
        )
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "password": hashed,
                "full_name": "Cán bộ thử tải",
                "must_change_password": False,
                "is_active": True,
            },
        )
        RoleGrant.objects.filter(user=user).exclude(role=role, unit=unit).delete()
        RoleGrant.objects.get_or_create(user=user, role=role, unit=unit)
        key = f"{number + 1:040x}"
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, name="Ứng dụng xác thực", confirmed=True, key=key, last_t=-1
        )
        visible = dossier_selectors.dossiers_visible(user=user).order_by("-pk")
        dossiers = [str(u) for u in visible.values_list("uuid", flat=True)[:40]]
        accounts.append(
            {"username": username, "password": PASSWORD, "key": key, "dossiers": dossiers}
        )
    stories = [
        f"/vuon-hoa/{year}/{slug}/"
        for year, slug in Story.objects.filter(status=StoryStatus.PUBLISHED)
        .order_by("-pk")
        .values_list("year", "slug")[:200]
    ]
    searches = ["nguoi tot", "dang", "viec tot", "giup do", "tinh nguyen", "thuong binh"]
    return {"accounts": accounts, "stories": stories, "searches": searches}


# --- the server --------------------------------------------------------------------------


def server_env(args: argparse.Namespace) -> dict[str, str]:
    from tests import production

    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    return production.production_env(
        database=args.database_url,
        var_dir=var_dir,
        REDIS_URL=args.redis_url,
        GS_CACHE_PREFIX="gsload",
        # One line per request would cost the server as much as some pages: warnings only.
        GS_REQUEST_LOG_LEVEL="WARNING",
    )


def start_server(args: argparse.Namespace, env: dict[str, str]) -> Any:
    from tests import production

    production.collect_static(env)
    port = args.port or production.free_port()
    root = Path(args.root) if args.root else BASE_DIR
    web = production.start_web(
        {**env, "PYTHONPATH": str(root)},
        port=port,
        log=Path(args.var_dir) / "web.log",
        workers=args.workers,
        cwd=root,
    )
    production.wait_until_serving(web)
    return web


def run_prepare(env: dict[str, str], officers: int) -> Path:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "prepare", "--officers", str(officers)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"prepare failed:\n{done.stderr}")
    path = Path(env["GS_VAR_DIR"]) / "load-plan.json"
    path.write_text(done.stdout.strip().splitlines()[-1])
    return path


# --- CPU of the gunicorn processes -------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found.extend(int(c) for c in children)
    return found


def server_cpu_seconds(master: int) -> float:
    """utime+stime of the master and its live workers, plus cutime+cstime of the master
    (the CPU of workers that have exited, recycled after max_requests)."""
    fields = _stat(master)
    # After the pid and name: state=0 … utime=11, stime=12, cutime=13, cstime=14.
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    for child in _children(master):
        try:
            child_fields = _stat(child)
        except FileNotFoundError:
            continue
        ticks += int(child_fields[11]) + int(child_fields[12])
    return ticks / TICKS


# --- cpu: one page type at a time ---------------------------------------------------------


def totp(key_hex: str, *, at: float | None = None) -> str:
    """RFC 6238 code (30 s step, 6 digits, SHA-1) of a django-otp TOTP device key."""
    import hashlib
    import hmac
    import struct

    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def csrf_token(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def log_in(session: Any, base: str, account: dict[str, Any]) -> None:
    """Password, then the TOTP code, as a browser would (the session cookie is kept)."""
    page = session.get(f"{base}/tai-khoan/dang-nhap/")
    data = {
        "csrfmiddlewaretoken": csrf_token(page.text),
        "username": account["username"],
        "password": account["password"],
    }
    response = session.post(f"{base}/tai-khoan/dang-nhap/", data=data, allow_redirects=True)
    if "/xac-thuc-hai-buoc/" in response.url:
        data = {"csrfmiddlewaretoken": csrf_token(response.text), "token": totp(account["key"])}
        response = session.post(response.url, data=data, allow_redirects=True)
    if "/tai-khoan/" in response.url:
        raise SystemExit(f"{account['username']} could not log in ({response.url})")


def page_urls(plan: dict[str, Any], page_type: str, account: dict[str, Any]) -> list[str]:
    if page_type == "dossier_list":
        return ["/ho-so/"]
    if page_type == "dossier_detail":
        return [f"/ho-so/{u}/" for u in account["dossiers"]]
    if page_type == "stats":
        return ["/thong-ke/"]
    if page_type == "public_home":
        return ["/vuon-hoa/"]
    if page_type == "story":
        return plan["stories"]
    if page_type == "search":
        return [f"/vuon-hoa/tim-kiem/?q={q.replace(' ', '+')}" for q in plan["searches"]]
    if page_type == "bare":
        return ["/healthz/live"]
    raise ValueError(page_type)


def measure_logins(args: argparse.Namespace, web: Any, plan: dict[str, Any]) -> float:
    """A whole login (form, password, second-factor form, code), one account after another
    (a code is accepted once per authenticator)."""
    import requests

    accounts = plan["accounts"][1:21]
    before = server_cpu_seconds(web.popen.pid)
    for account in accounts:
        session = requests.Session()
        log_in(session, web.url, account)
    used = (server_cpu_seconds(web.popen.pid) - before) / len(accounts) * 1000
    print(f"{'login':15} {len(accounts):5d} logins    {used:6.1f} ms CPU/login", flush=True)
    return used


def measure_cpu(args: argparse.Namespace, web: Any, plan: dict[str, Any]) -> dict[str, float]:
    import requests

    account = plan["accounts"][0]
    sessions = []
    for _ in range(args.threads):
        session = requests.Session()
        session.headers["Accept-Language"] = "vi"
        sessions.append(session)
    log_in(sessions[0], web.url, account)
    for session in sessions[1:]:
        session.cookies.update(sessions[0].cookies)
    results = {}
    types = args.only.split(",") if args.only else [*PAGE_TYPES, "bare", "login"]
    for page_type in types:
        if page_type == "login":
            results[page_type] = measure_logins(args, web, plan)
            continue
        urls = page_urls(plan, page_type, account)
        errors = []

        def fetch(
            session: Any, count: int, offset: int, urls: list[str] = urls, errors: list = errors
        ) -> None:
            for i in range(count):
                response = session.get(web.url + urls[(offset + i) % len(urls)])
                if response.status_code != 200 or "/dang-nhap/" in response.url:
                    errors.append(f"{response.status_code} {response.url}")

        # Warm up (caches, template loader, connections), then measure.
        threads = [
            threading.Thread(target=fetch, args=(s, 10, i * 10)) for i, s in enumerate(sessions)
        ]
        [t.start() for t in threads]
        [t.join() for t in threads]
        per_thread = args.requests // len(sessions)
        before = server_cpu_seconds(web.popen.pid)
        started = time.monotonic()
        threads = [
            threading.Thread(target=fetch, args=(s, per_thread, i * per_thread))
            for i, s in enumerate(sessions)
        ]
        [t.start() for t in threads]
        [t.join() for t in threads]
        elapsed = time.monotonic() - started
        used = server_cpu_seconds(web.popen.pid) - before
        total = per_thread * len(sessions)
        results[page_type] = used / total * 1000
        print(
            f"{page_type:15} {total:5d} requests  {results[page_type]:6.1f} ms CPU/request"
            f"  {total / elapsed:6.1f} req/s  errors {len(errors)}"
            + (f" (first: {errors[0]})" if errors else ""),
            flush=True,
        )
    return results


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


# --- run: locust -----------------------------------------------------------------------


def run_locust(args: argparse.Namespace, web: Any, plan_path: Path) -> Path:
    prefix = Path(tempfile.mkdtemp(prefix="gs_load_")) / "stats"
    env = {**os.environ, "GS_LOAD_PLAN": str(plan_path)}
    if args.only:
        env["GS_LOAD_ONLY"] = args.only
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(BASE_DIR / "bench" / "load_users.py"),
        "--headless",
        "--host",
        web.url,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
    ]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=False)  # noqa: S603
    return prefix


def report(prefix: Path) -> None:
    with Path(f"{prefix}_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    print(f"\n{'page type':20} {'requests':>9} {'errors':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in rows:
        print(
            f"{row['Type'] + ' ' + row['Name']:20} {row['Request Count']:>9}"
            f" {row['Failure Count']:>7} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        print(failures.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["run", "cpu", "prepare"])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--var-dir", default=str(Path(tempfile.gettempdir()) / "gs_load_var"))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--root", default="", help="serve the code of this folder (e.g. the code before)"
    )
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=180, help="seconds")
    parser.add_argument("--spawn-rate", type=float, default=2.0, help="users started a second")
    parser.add_argument("--officers", type=int, default=0, help="accounts to prepare")
    parser.add_argument("--smoke", action="store_true", help="10 users for 20 s")
    parser.add_argument("--only", default="", help="page types, comma-separated")
    parser.add_argument("--requests", type=int, default=200, help="per page type (cpu)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (cpu)")
    args = parser.parse_args()
    if args.command == "prepare":
        print(json.dumps(prepare(args.officers)))
        return
    if args.smoke:
        args.users, args.duration, args.spawn_rate = 10, 20, 5.0
    env = server_env(args)
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE",)})
    officers = args.officers or max(1, args.users // 2)
    print(f"uptime before: {load_average()}", flush=True)
    web = start_server(args, env)
    try:
        plan_path = run_prepare(env, officers)
        plan = json.loads(plan_path.read_text())
        if args.command == "cpu":
            measure_cpu(args, web, plan)
        else:
            before = server_cpu_seconds(web.popen.pid)
            prefix = run_locust(args, web, plan_path)
            used = server_cpu_seconds(web.popen.pid) - before
            report(prefix)
            print(f"server CPU during the run: {used:.1f} s")
    finally:
        print(f"uptime after: {load_average()}", flush=True)
        web.stop()


if __name__ == "__main__":
    main()
