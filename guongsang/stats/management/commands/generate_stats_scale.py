"""manage.py generate_stats_scale: a city's award history at full scale, for the benchmark.

Writes, into an EMPTY PostgreSQL database made for the purpose (after `migrate`):
5,000 units over four levels (a few merged into a sibling in 2010, so history folds), their
dated closure, 2 million people and 10 million awards over 30 years, with COPY (psycopg), the
award and person indexes and foreign keys dropped during the load and rebuilt after, the
summary trigger off during the load and the summary table rebuilt in one grouped INSERT.

    createdb -h 127.0.0.1 -U postgres gs_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_scale
    uv run python manage.py migrate
    uv run python manage.py generate_stats_scale            # 10M awards, 5,000 units, 2M people
    uv run python bench/stats_benchmark.py
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from guongsang.catalogue.models import Title
from guongsang.core.formatting import vn_sort_key
from guongsang.org.models import Unit
from guongsang.stats.services import stats_rebuild

SEED = 2026
NULL = "\\N"  # COPY text format
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Ngọc", "Thanh", "Bích"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Liên", "Nam", "Sơn", "Thủy"]
GIVEN += ["Tuấn", "Hải", "Hạnh", "Hòa", "Khánh", "Linh", "Mai", "Phúc", "Quân", "Trang"]
MERGE_DAY = dt.date(2010, 1, 1)
FOUNDED = dt.date(1990, 1, 1)
# Share of awards per title code (what a city records most: Lao động tiên tiến).
TITLE_WEIGHTS = {
    "lao-dong-tien-tien": 52,
    "chien-si-thi-dua-co-so": 8,
    "tap-the-lao-dong-tien-tien": 6,
    "tap-the-lao-dong-xuat-sac": 2,
    "nguoi-tot-viec-tot-co-so": 6,
    "nguoi-tot-viec-tot-thanh-pho": 1,
    "tap-the-tot": 1,
    "chien-si-thi-dua-cap-thanh-pho": 1,
}
OTHER_TITLE_WEIGHT = 2  # each other title of the catalogue


def _copy(cursor: Any, table: str, columns: list[str], lines: Iterator[str]) -> int:
    """COPY the lines (tab-separated text) in chunks of ~8 MB; returns the row count."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for line in lines:
            buffer.write(line)
            count += 1
            if buffer.tell() > 8_000_000:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


class Command(BaseCommand):
    help = "Sinh dữ liệu khen thưởng quy mô thành phố (PostgreSQL, cơ sở dữ liệu riêng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--awards", type=int, default=10_000_000)
        parser.add_argument("--units", type=int, default=5_000)
        parser.add_argument("--people", type=int, default=2_000_000)
        parser.add_argument("--years", type=int, default=30)
        parser.add_argument("--last-year", type=int, default=2023)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Xoá đơn vị, cá nhân, khen thưởng đang có (TRUNCATE … CASCADE) trước khi sinh.",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Lệnh này chỉ chạy trên PostgreSQL (DATABASE_URL=postgres://…).")
        name = connection.settings_dict["NAME"]
        if "scale" not in name:
            raise CommandError(
                f"Cơ sở dữ liệu “{name}” không phải cơ sở dữ liệu thử tải (tên phải chứa “scale”)."
            )
        if Unit.objects.exists() and not opts["replace"]:
            raise CommandError("Cơ sở dữ liệu đã có đơn vị: thêm --replace để xoá và sinh lại.")
        self.rng = random.Random(SEED)  # noqa: S311 - reproducible test data
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if opts["replace"]:
                cursor.execute(
                    "TRUNCATE awards_award, people_person, org_unitclosure, org_unit,"
                    " stats_awardcount CASCADE"
                )
            units = self._units(cursor, opts["units"])
            self._step("units", started, len(units))
            people = self._people(cursor, units, opts["people"])
            self._step("people", started, opts["people"])
            years = list(range(opts["last_year"] - opts["years"] + 1, opts["last_year"] + 1))
            saved = self._drop_indexes(cursor, "awards_award")
            cursor.execute("ALTER TABLE awards_award DISABLE TRIGGER stats_award_ins")
            cursor.execute(
                "ALTER TABLE awards_award ALTER uuid SET DEFAULT gen_random_uuid(),"
                " ALTER created_at SET DEFAULT now(), ALTER updated_at SET DEFAULT now()"
            )
            n = self._awards(cursor, units, people, years, opts["awards"])
            cursor.execute(
                "ALTER TABLE awards_award ALTER uuid DROP DEFAULT,"
                " ALTER created_at DROP DEFAULT, ALTER updated_at DROP DEFAULT"
            )
            self._step("awards copied", started, n)
            self._restore_indexes(cursor, saved)
            cursor.execute("ALTER TABLE awards_award ENABLE TRIGGER stats_award_ins")
            self._step("award indexes and keys rebuilt", started, n)
        cells = stats_rebuild()
        self._step("summary table rebuilt", started, cells)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self._step("analyzed", started, 0)

    def _step(self, what: str, started: float, count: int) -> None:
        self.stdout.write(f"{time.perf_counter() - started:8.1f} s  {what}: {count:,}")

    # --- units ---------------------------------------------------------------------------

    def _units(self, cursor: Any, total: int) -> list[tuple[int, int, bool]]:
        """(id, weight, merged) per unit; the tree: city → 40 → ~1,200 → the rest.

        Long on purpose: A benchmark's generator: the tree's levels are written one after the
        other, in the order a reader checks them."""
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM org_unit")
        next_id = cursor.fetchone()[0] + 1
        level1 = min(40, total - 1)
        level2 = min(1200, total - 1 - level1)
        level3 = total - 1 - level1 - level2
        rows: list[tuple] = []  # id, code, name, type, parent, valid_to, successor, current
        closure: list[tuple] = []  # ancestor, descendant, depth, valid_to
        root = next_id
        rows.append((root, "scale-city", "Thành phố (thử tải)", "thanh_pho", None, None, None))
        closure.append((root, root, 0, None))
        ids = iter(range(root + 1, root + total))
        parents: dict[int, list[int]] = {root: []}
        level1_ids = [next(ids) for _ in range(level1)]
        for i, uid in enumerate(level1_ids, start=1):
            rows.append((uid, f"scale-l1-{i}", f"Sở/Quận số {i}", "so", root, None, None))
            parents[uid] = [root]
        level2_ids = []
        for i in range(level2):
            uid, parent = next(ids), level1_ids[i % level1]
            rows.append((uid, f"scale-l2-{i}", f"Đơn vị số {i}", "trung_tam", parent, None, None))
            parents[uid] = [parent, *parents[parent]]
            level2_ids.append(uid)
        merged: dict[int, int] = {}
        previous_child: dict[int, int] = {}
        for i in range(level3):
            uid, parent = next(ids), level2_ids[i % level2]
            sibling = previous_child.get(parent)
            if sibling is not None and i % 50 == 7:  # ~2%: merged into a sibling in 2010
                merged[uid] = sibling
            previous_child.setdefault(parent, uid)
            rows.append((uid, f"scale-l3-{i}", f"Phòng/Khoa số {i}", "phong", parent, None, None))
            parents[uid] = [parent, *parents[parent]]
        for uid, ancestors in parents.items():
            end = MERGE_DAY if uid in merged else None
            if uid != root:
                closure.append((uid, uid, 0, end))
            for depth, anc in enumerate(ancestors, start=1):
                closure.append((anc, uid, depth, end))
        now = dt.datetime.now(dt.UTC).isoformat()

        def unit_lines() -> Iterator[str]:
            for uid, code, name, kind, parent, _to, _succ in rows:
                end = merged.get(uid)
                yield (
                    "\t".join(
                        [
                            str(uid),
                            _uuid(self.rng),
                            now,
                            now,
                            code,
                            name,
                            "",
                            kind,
                            str(parent) if parent else "\\N",
                            FOUNDED.isoformat(),
                            MERGE_DAY.isoformat() if end else "\\N",
                            str(end) if end else "\\N",
                            str(end) if end else str(uid),
                        ]
                    )
                    + "\n"
                )

        cols = "id uuid created_at updated_at code name short_name unit_type parent_id"
        cols += " valid_from valid_to successor_id current_id"
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        _copy(cursor, "org_unit", cols.split(), unit_lines())
        _copy(
            cursor,
            "org_unitclosure",
            ["ancestor_id", "descendant_id", "depth", "valid_from", "valid_to"],
            (
                f"{a}\t{d}\t{depth}\t{FOUNDED.isoformat()}\t{end.isoformat() if end else NULL}\n"
                for a, d, depth, end in closure
            ),
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('org_unit', 'id'), MAX(id)) FROM org_unit"
        )
        # Bigger units above, many small ones below: awards land where the people are.
        out = []
        for uid, _code, _name, kind, *_rest in rows:
            weight = {"thanh_pho": 0, "so": 5, "trung_tam": 3, "phong": 1}[kind]
            out.append((uid, weight, uid in merged))
        return out

    # --- people --------------------------------------------------------------------------

    def _people(
        self, cursor: Any, units: list[tuple[int, int, bool]], total: int
    ) -> dict[int, tuple[int, int]]:
        """Spread the people over the units by weight: unit id → (first person id, count)."""
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        first = cursor.fetchone()[0] + 1
        names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
        sort_keys = {n: vn_sort_key(n) for n in names}
        weights = [w for _u, w, _m in units]
        whole = sum(weights)
        ranges: dict[int, tuple[int, int]] = {}
        start = first
        for (uid, _weight, _merged), share in zip(units, weights, strict=True):
            count = total * share // whole
            ranges[uid] = (start, count)
            start += count
        rng = self.rng
        now = dt.datetime.now(dt.UTC).isoformat()

        def lines() -> Iterator[str]:
            for uid, (begin, count) in ranges.items():
                for pid in range(begin, begin + count):
                    name = rng.choice(names)
                    gender = "female" if " Thị " in name else "male"
                    yield (
                        f"{pid}\t{now}\t{now}\t{name}\t{sort_keys[name]}\tstaff\t{gender}\t"
                        f"{uid}\t\\N\t\\N\t\t\t\n"
                    )

        saved = self._drop_indexes(cursor, "people_person")
        cursor.execute("ALTER TABLE people_person ALTER uuid SET DEFAULT gen_random_uuid()")
        cols = "id created_at updated_at full_name sort_name kind gender home_unit_id citizen_id"
        cols += " date_of_birth phone address email"
        _copy(cursor, "people_person", cols.split(), lines())
        cursor.execute("ALTER TABLE people_person ALTER uuid DROP DEFAULT")
        self._restore_indexes(cursor, saved)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('people_person', 'id'), MAX(id))"
            " FROM people_person"
        )
        return ranges

    # --- awards --------------------------------------------------------------------------

    def _awards(
        self,
        cursor: Any,
        units: list[tuple[int, int, bool]],
        people: dict[int, tuple[int, int]],
        years: list[int],
        total: int,
    ) -> int:
        titles = list(Title.objects.values_list("pk", "code", "level", "target", "authority"))
        title_weights = [TITLE_WEIGHTS.get(code, OTHER_TITLE_WEIGHT) for _p, code, *_ in titles]
        # Later years record more: +4% a year.
        year_weights = [1.04**i for i in range(len(years))]
        live = [(u, w) for u, w, merged in units if w and people[u][1]]
        gone = {u for u, w, merged in units if merged}
        unit_ids = [u for u, _w in live]
        unit_weights = [w for _u, w in live]
        rng = self.rng
        merge_year = MERGE_DAY.year

        def lines() -> Iterator[str]:
            batch = 100_000
            done = 0
            while done < total:
                k = min(batch, total - done)
                done += k
                picked_units = rng.choices(unit_ids, unit_weights, k=k)
                picked_titles = rng.choices(titles, title_weights, k=k)
                picked_years = rng.choices(years, year_weights, k=k)
                for unit_id, title, year in zip(
                    picked_units, picked_titles, picked_years, strict=True
                ):
                    if unit_id in gone and year >= merge_year:
                        year = merge_year - 1 - (year % 10)
                    pk, _code, level, target, authority = title
                    begin, count = people[unit_id]
                    if target == "collective" or (target == "both" and rng.random() < 0.2):
                        target, person = "collective", "\\N"
                    else:
                        target, person = "individual", str(begin + int(rng.random() * count))
                    revoked = f"{year + 1}-03-15" if rng.random() < 0.0005 else "\\N"
                    yield (
                        f"{pk}\t{year}\t{level}\t{target}\t{person}\t{unit_id}\t"
                        f"{(year * 7 + unit_id) % 900 + 1}/QĐ\t{year}-12-20\t{authority}\t\\N\t"
                        f"import\t{revoked}\t\n"
                    )

        cols = "title_id year level target person_id unit_id decision_number decision_date"
        cols += " authority amount source revoked_on revoke_reason"
        return _copy(cursor, "awards_award", cols.split(), lines())

    # --- indexes -------------------------------------------------------------------------

    def _drop_indexes(self, cursor: Any, table: str) -> list[str]:
        """Drop the table's secondary indexes, unique and foreign-key constraints; returns
        the statements that put them back."""
        cursor.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = %s::regclass AND contype IN ('u', 'f')
            """,
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = %s AND i.indexname NOT IN (
                SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass
            )
            """,
            [table, table],
        )
        indexes = cursor.fetchall()
        restore = []
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
            restore.append(definition)
        return restore

    def _restore_indexes(self, cursor: Any, statements: list[str]) -> None:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for sql in statements:
            cursor.execute(sql)


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
