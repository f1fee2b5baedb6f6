"""How long a web request's write waits while a long Excel import writes, on SQLite.

    uv run python bench/sqlite_import_writes.py [rows]     # 10,000 rows by default

Migrates a scratch SQLite file (WAL, as `make run` has it), then imports a historic-awards
file of `rows` rows to as many new people twice: in short batches (the import as it is) and
in one transaction (the import as it was). Meanwhile the main thread writes one row every
50 ms on a connection of its own with the application's busy timeout (10 s), as a web request
would. Prints the import time, the number of writes made while it ran and how long they
waited (median, p95, max).
"""

from __future__ import annotations

import io
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = Path(tempfile.mkdtemp(prefix="gs-sqlite-writes-"))
DB = VAR / "guongsang.sqlite3"
ENV = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{DB}", "GS_VAR_DIR": str(VAR)}
os.environ.update({k: ENV[k] for k in ("DJANGO_DEBUG", "DATABASE_URL", "GS_VAR_DIR")})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, str(ROOT))
BUSY_TIMEOUT = 10.0


def awards_file(unit_code: str, rows: int, prefix: str) -> bytes:
    from openpyxl import Workbook

    from guongsang.nominations import imports
    from guongsang.people.tests.factories import letters

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(imports.columns_for(imports.AWARDS))
    for i in range(rows):
        name = f"{prefix} Văn {letters(i)}"
        ws.append([name, None, unit_code, "lao-dong-tien-tien", 2010 + i % 10, "", "12/QĐ", None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(*, admin, unit, rows: int, prefix: str, batched: bool) -> dict[str, float]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connections

    from guongsang.core import batches
    from guongsang.nominations import imports

    token = imports.store_upload(
        SimpleUploadedFile("ds.xlsx", awards_file(unit.code, rows, prefix))
    )
    batches.splits_writes = (lambda: True) if batched else (lambda: False)
    done: dict[str, float] = {}

    def work() -> None:
        started = time.monotonic()
        try:
            imports.import_commit(actor=admin, token=token, kind=imports.AWARDS)
        finally:
            done["seconds"] = time.monotonic() - started
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    waits: list[float] = []
    failed = 0
    while thread.is_alive():
        started = time.monotonic()
        raw = sqlite3.connect(DB, timeout=BUSY_TIMEOUT)
        try:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("UPDATE org_unit SET name = name WHERE id = ?", (unit.pk,))
            raw.commit()
            waits.append(time.monotonic() - started)
        except sqlite3.OperationalError:
            failed += 1
        finally:
            raw.close()
        time.sleep(0.05)
    thread.join()
    waits.sort()
    return {
        "import_s": done["seconds"],
        "writes": len(waits),
        "timed_out": failed,
        "median_s": statistics.median(waits) if waits else 0.0,
        "p95_s": waits[int(0.95 * (len(waits) - 1))] if waits else 0.0,
        "max_s": waits[-1] if waits else 0.0,
    }


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=ENV,
        check=True,
    )
    import django

    django.setup()
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role
    from guongsang.org.models import UnitType
    from guongsang.org.tests.factories import make_unit

    city = make_unit("Thành phố Hà Nội", unit_type=UnitType.CITY)
    centre = make_unit("Trung tâm Dịch vụ việc làm", parent=city)
    admin = make_user("quantri", role=Role.ADMIN, unit=city, superuser=True)
    print(f"SQLite file {DB}, {rows:,} rows each run, a write every 50 ms, busy timeout 10 s")
    for batched, prefix in ((True, "Nguyễn"), (False, "Trần")):
        figures = run(admin=admin, unit=centre, rows=rows, prefix=prefix, batched=batched)
        label = "batches" if batched else "one transaction"
        print(
            f"{label:16} import {figures['import_s']:.1f} s; {figures['writes']} writes meanwhile"
            f" ({figures['timed_out']} timed out); wait median {figures['median_s']:.3f} s,"
            f" p95 {figures['p95_s']:.3f} s, max {figures['max_s']:.3f} s"
        )


if __name__ == "__main__":
    main()
