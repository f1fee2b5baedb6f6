"""The web and task worker processes start without the heavy libraries: numpy, scipy (through
datasketch), WeasyPrint, ReportLab and openpyxl (which imports numpy when it can) load only
when a page or a task needs them. Each check runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ["datasketch", "scipy", "numpy", "weasyprint", "reportlab", "openpyxl"]


def task_modules() -> list[str]:
    """Every module of the project that declares a background task."""
    found = []
    for path in sorted((ROOT / "guongsang").rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if "from django_tasks import task" in path.read_text(encoding="utf-8"):
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def loaded_after(code: str) -> dict[str, object]:
    """Run `code` after django.setup() in a new interpreter; returns what it reports."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1"}
    script = (
        "import json, sys, django\n"
        "django.setup()\n"
        "report = {}\n"
        f"{code}\n"
        f"report['heavy'] = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "print(json.dumps(report))\n"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter and a script of this test
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_task_modules_are_found():
    modules = task_modules()
    assert "guongsang.books.tasks" in modules and "guongsang.nominations.exports" in modules


def test_the_web_process_and_the_task_worker_start_without_heavy_libraries():
    modules = task_modules()
    report = loaded_after(
        "import importlib\n"
        "from django.core.management import call_command\n"
        "from django.urls import get_resolver\n"
        "import config.wsgi\n"
        "report['urls'] = len(get_resolver().url_patterns)\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "call_command('check')\n"  # what db_worker and runserver run at start
    )
    assert report["urls"] > 5
    assert report["heavy"] == []


def test_the_near_duplicate_check_still_loads_what_it_needs():
    report = loaded_after(
        "from guongsang.contests.duplicates import minhash, to_bytes\n"
        "report['size'] = len(to_bytes(minhash({'người tốt việc', 'tốt việc tốt'})))\n"
    )
    assert report["size"] == 128 * 8  # one 64-bit value per permutation
    assert "datasketch" in report["heavy"] and "numpy" in report["heavy"]
