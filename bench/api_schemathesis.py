"""The API against its own schema: schemathesis over every operation, once per role.

    uv run python bench/api_schemathesis.py [seconds per role, default 20]

Builds the demo in a throw-away folder (SQLite), creates an API token for one user of each
role (`manage.py api_token`), starts the server on port 8491 and runs `st run` with every
check for each token and once without one. Prints a line per role and exits non-zero when
any server error, schema violation or undocumented status code was found. `.ci/run` runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("GS_FUZZ_PORT", "8491"))
ROLES = {
    "admin": "admin",
    "secretariat": "thuongtruc",
    "city secretariat": "bantdkt",
    "council member": "hoidong",
    "signer": "giamdoc",
    "judge": "giamkhao",
    "leader": "lanhdao",
    "unit officer": "canbo",
}
# Checks on what the API answers; the two "data acceptance" checks judge the generator's
# guesses (a random UUID is rightly a 404), not the API.
EXCLUDED = "positive_data_acceptance,negative_data_rejection"


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return done.stdout.decode()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def run_role(label: str, token: str | None, seconds: int, report: Path) -> dict[str, int]:
    command = [
        str(Path(sys.executable).with_name("st")), "run",
        f"http://127.0.0.1:{PORT}/api/v1/openapi.json",
        "--checks", "all", "--exclude-checks", EXCLUDED,
        "--phases", "examples,coverage,fuzzing",
        "--max-time", str(seconds), "--max-examples", "25",
        "--workers", "2", "--no-shrink", "--no-color", "--seed", "20261207",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout  # noqa: S603
    counts = {"cases": 0, "server errors": 0, "schema violations": 0, "undocumented": 0}
    if found := re.search(r"(\d+) generated", out):
        counts["cases"] = int(found.group(1))
    for key, code in (("server errors", "ST101"), ("schema violations", "ST108")):
        if found := re.search(rf"{code} [^:]+: (\d+)", out):
            counts[key] = int(found.group(1))
    if found := re.search(r"ST103 [^:]+: (\d+)", out):
        counts["undocumented"] = int(found.group(1))
    if any(counts[k] for k in ("server errors", "schema violations", "undocumented")):
        print(out[-6000:])
    print(f"{label:18} {json.dumps(counts, ensure_ascii=False)}", flush=True)
    return counts


def main() -> int:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    folder = Path(tempfile.mkdtemp(prefix="gs-fuzz-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "GS_VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'fuzz.sqlite3'}",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    tokens = {
        label: manage(env, "api_token", user, "--name", "schemathesis").strip().splitlines()[-1]
        for label, user in ROLES.items()
    }
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}/healthz")
        totals = {"cases": 0, "server errors": 0, "schema violations": 0, "undocumented": 0}
        for label, token in [*tokens.items(), ("anonymous", None)]:
            counts = run_role(label, token, seconds, folder / f"{label}.json")
            totals = {k: totals[k] + counts[k] for k in totals}
        print(f"{'total':18} {json.dumps(totals, ensure_ascii=False)}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    failed = totals["server errors"] + totals["schema violations"] + totals["undocumented"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
