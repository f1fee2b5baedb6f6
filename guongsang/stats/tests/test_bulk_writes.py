"""Bulk writes keep both summary tables exact: many awards inserted in one statement, revoked
in one UPDATE and deleted in one DELETE (the PostgreSQL triggers fire once per statement over
its transition tables; SQLite's fire per row). Each step is checked against a count made here
from the award rows. PostgreSQL and SQLite."""

import datetime as dt
import uuid
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Sum

from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import Title
from guongsang.org.models import UnitClosure
from guongsang.stats.models import AwardCount, RollupState, SubtreeCount
from guongsang.stats.services import stats_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

KEY = ("unit_id", "year", "title_id", "level", "target")


def _awards_counted() -> Counter:
    """Awards per summary cell, counted from the award rows."""
    counts: Counter = Counter()
    for *key, revoked_on in Award.objects.values_list(*KEY, "revoked_on"):
        counts[(*key, revoked_on is not None)] += 1
    return counts


def _rolled_up(per_unit: Counter) -> Counter:
    """The same counts added up to every unit above, along today's tree."""
    on = RollupState.objects.get(pk=1).built_on
    current = dict(Award.objects.values_list("unit_id", "unit__current_id").distinct().order_by())
    above: dict[int, list[int]] = {}
    for ancestor, descendant, valid_from, valid_to in UnitClosure.objects.values_list(
        "ancestor_id", "descendant_id", "valid_from", "valid_to"
    ):
        if valid_from <= on and (valid_to is None or valid_to > on):
            above.setdefault(descendant, []).append(ancestor)
    counts: Counter = Counter()
    for (unit, *rest), n in per_unit.items():
        for ancestor in above.get(current[unit], []):
            counts[(ancestor, *rest)] += n
    return counts


def _assert_summaries_exact() -> None:
    per_unit = _awards_counted()
    fields = ("unit_id", "year", "title_id", "level", "target", "revoked")
    have = {row[:-1]: row[-1] for row in AwardCount.objects.values_list(*fields, "n")}
    assert have == dict(+per_unit)
    assert RollupState.objects.get(pk=1).stale is False
    fields = ("ancestor_id", *fields[1:])
    have = {row[:-1]: row[-1] for row in SubtreeCount.objects.values_list(*fields, "n")}
    assert have == dict(+_rolled_up(per_unit))


def _many(world, n: int) -> list[Award]:
    titles = list(Title.objects.order_by("pk")[:3])
    units = [world.centre, world.other_centre, world.dept]
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return [
        Award(
            uuid=uuid.uuid4(),
            created_at=now,
            updated_at=now,
            title=titles[i % 3],
            year=2018 + i % 5,
            level=titles[i % 3].level,
            target="individual",
            person=world.person,
            unit=units[i % 3],
            decision_number=f"{i}/QĐ",
            decision_date=dt.date(2018 + i % 5, 12, 1),
            authority=titles[i % 3].authority,
            source=AwardSource.IMPORT,
        )
        for i in range(n)
    ]


def test_a_bulk_insert_revoke_and_delete_keep_both_summaries_exact(world):
    stats_refresh()
    Award.objects.bulk_create(
        _many(world, 600), batch_size=600 if connection.vendor == "postgresql" else 50
    )
    _assert_summaries_exact()
    revoked = Award.objects.filter(year__in=(2019, 2021)).update(revoked_on=dt.date(2024, 5, 1))
    assert revoked == 240
    _assert_summaries_exact()
    moved = Award.objects.filter(year=2020, unit=world.centre).update(unit=world.other_centre)
    assert moved == 40
    _assert_summaries_exact()
    deleted, _ = Award.objects.filter(year__in=(2018, 2019)).delete()
    assert deleted == 240
    _assert_summaries_exact()
    Award.objects.filter(unit=world.other_centre).delete()
    Award.objects.update(decision_number="1/QĐ")  # no counted column: nothing moves
    _assert_summaries_exact()


def _letters(i: int) -> str:
    """A distinct name part made of letters only (names take no digits): 0 -> "Aa"."""
    return "ABCDEFGHIKLMNOPQRSTUVXY"[i // 22 % 23] + "abcdeghiklmnopqrstuvxy"[i % 22]


def test_the_awards_import_keeps_both_summaries_exact(world, tmp_path):
    from openpyxl import Workbook

    from guongsang.nominations import imports

    stats_refresh()
    wb = Workbook()
    ws = wb.active
    ws.append(list(imports.AWARD_COLUMNS))
    for i in range(300):
        unit = (world.centre, world.other_centre)[i % 2]
        ws.append(
            [f"Nguyễn Văn {_letters(i)}", "01/02/1980", unit.code, "lao-dong-tien-tien",
             2019 + i % 3, "", f"{i}/QĐ", "20/12/2020"]
        )  # fmt: skip
    path = tmp_path / "khen-thuong.xlsx"
    wb.save(path)
    token = imports.store_upload(SimpleUploadedFile(path.name, path.read_bytes()))
    result = imports.import_commit(actor=world.admin, token=token, kind=imports.AWARDS)
    assert result.created == 300
    _assert_summaries_exact()
    assert SubtreeCount.objects.filter(ancestor=world.dept).aggregate(n=Sum("n"))["n"] == 300
    Award.objects.filter(source=AwardSource.IMPORT, year=2019).update(revoked_on=dt.date.today())
    Award.objects.filter(source=AwardSource.IMPORT, year=2020).delete()
    _assert_summaries_exact()
