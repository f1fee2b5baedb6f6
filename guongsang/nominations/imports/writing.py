"""Writing the checked rows in batches, and taking them back when an import fails."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import Target
from guongsang.core import audit
from guongsang.core.batches import splits_writes, write_in_batches
from guongsang.core.formatting import vn_sort_key
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor
from guongsang.nominations.imports.checking import PersonKey, new_person_key
from guongsang.nominations.imports.parsing import Row
from guongsang.nominations.models import Dossier, ImportLedger
from guongsang.nominations.services import dossier_create
from guongsang.people.models import Person, PersonKind

PROGRESS_EVERY = 2_000  # rows between two progress reports of the COPY


@dataclass
class Written:
    """What the batches of one import wrote, so that a failure can take it back (SQLite).

    With a token, each batch also records what it wrote in an ImportLedger row of its own
    transaction: a worker killed between batches leaves that record for the next try."""

    token: str = ""
    people: list[int] = field(default_factory=list)
    awards: list[uuid.UUID] = field(default_factory=list)
    dossiers: list[int] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.awards) + len(self.dossiers)

    def record(
        self,
        *,
        people: Sequence[int] = (),
        awards: Sequence[uuid.UUID] = (),
        dossiers: Sequence[int] = (),
    ) -> None:
        self.people.extend(people)
        self.awards.extend(awards)
        self.dossiers.extend(dossiers)
        if self.token and splits_writes():
            ImportLedger.objects.create(
                token=self.token,
                people=list(people),
                awards=[key.hex for key in awards],
                dossiers=list(dossiers),
            )

    @classmethod
    def left_by_earlier_try(cls, token: str) -> Written:
        left = cls()
        for entry in ImportLedger.objects.filter(token=token).order_by("pk"):
            left.people.extend(entry.people)
            left.awards.extend(uuid.UUID(key) for key in entry.awards)
            left.dossiers.extend(entry.dossiers)
        return left


def create_people(rows: list[Row], written: Written) -> int:
    """One Person per new name + date of birth + unit, created in bulk."""
    wanted: dict[PersonKey, Person] = {}
    for row in rows:
        if row.new_person and row.unit is not None:
            key = new_person_key(row)
            wanted.setdefault(
                key,
                Person(
                    full_name=row.name,
                    sort_name=vn_sort_key(row.name),
                    kind=PersonKind.STAFF,
                    home_unit=row.unit,
                    date_of_birth=row.birth,
                ),
            )

    def write(part: Sequence[Person]) -> None:
        Person.objects.bulk_create(part)
        written.record(people=[p.pk for p in part])

    write_in_batches(list(wanted.values()), write, chunk=500)
    for row in rows:
        if row.new_person and row.unit is not None:
            row.person_id = wanted[new_person_key(row)].pk
    return len(wanted)


def write_awards(rows: list[Row], report: Callable[[int], None], written: Written) -> int:
    """All the awards in one COPY on PostgreSQL (one transaction), so the summary triggers fire
    once over the whole import; on SQLite one INSERT prepared once and run with many rows, in
    the batches of core.batches (the ORM's bulk_create splits 100,000 awards into thousands of
    statements there, 999 parameters each).

    Long on purpose: the two databases' ways of writing (COPY, prepared INSERT) side by side, so
    that what differs between them is seen at once."""
    meta = Award._meta
    names = [
        "uuid", "created_at", "updated_at", "title", "year", "level", "target", "person",
        "unit", "decision_number", "decision_date", "authority", "amount", "source",
        "revoked_on", "revoke_reason",
    ]  # fmt: skip
    fields: list[Any] = [meta.get_field(name) for name in names]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    # Names come from the model's meta; values go as parameters.
    table = connection.ops.quote_name(meta.db_table)
    copy = connection.vendor == "postgresql"
    now = timezone.now() if copy else connection.ops.adapt_datetimefield_value(timezone.now())
    native_uuid = connection.features.has_native_uuid_field

    def value(row: Row, key: uuid.UUID) -> tuple[Any, ...]:
        assert row.title is not None and row.unit is not None and row.year is not None
        return (
            key if native_uuid else key.hex,
            now,
            now,
            row.title.pk,
            row.year,
            row.title.level,
            Target.COLLECTIVE if row.is_collective else Target.INDIVIDUAL,
            row.person_id,
            row.unit.pk,
            row.decision_number[:64],
            row.decision_date if copy else connection.ops.adapt_datefield_value(row.decision_date),
            row.title.authority,
            None,
            AwardSource.IMPORT.value,
            None,
            "",
        )

    if copy:
        with connection.cursor() as cursor:
            sql = f"COPY {table} ({columns}) FROM STDIN"
            with cursor.cursor.copy(sql) as stream:
                for done, row in enumerate(rows, start=1):
                    key = uuid.uuid4()
                    stream.write_row(value(row, key))
                    written.awards.append(key)
                    if done % PROGRESS_EVERY == 0:
                        report(done)
        report(len(rows))
        return len(rows)

    holders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({holders})"  # noqa: S608

    def write(part: Sequence[Row]) -> None:
        keys = [uuid.uuid4() for _row in part]
        with connection.cursor() as cursor:
            cursor.executemany(sql, [value(row, key) for row, key in zip(part, keys, strict=True)])
        written.record(awards=keys)

    write_in_batches(rows, write, chunk=500, after_chunk=report)
    return len(rows)


def write_dossiers(
    rows: list[Row], actor: Actor, report: Callable[[int], None], written: Written
) -> int:
    people = Person.objects.in_bulk({r.person_id for r in rows if r.person_id})

    def write(part: Sequence[Row]) -> None:
        made = []
        for row in part:
            assert row.title is not None and row.unit is not None and row.year is not None
            dossier = dossier_create(
                actor=actor,
                unit=row.unit,
                title=row.title,
                year=row.year,
                person=people[row.person_id] if row.person_id else None,
                nominee_unit=row.unit if row.is_collective else None,
                summary=row.summary,
            )
            made.append(dossier.pk)
        written.record(dossiers=made)

    write_in_batches(rows, write, chunk=100, after_chunk=report)
    return len(rows)


def undo_written(written: Written, *, actor: Any, token: str) -> None:
    """Take back what the committed batches of a failed import wrote, in short transactions
    too: the user can then correct and import the same file again, which the duplicate check
    would otherwise refuse row by row."""
    step = 500
    for model, field_name, keys in (
        (Dossier, "pk", written.dossiers),
        (Award, "uuid", written.awards),
        (Person, "pk", written.people),
    ):
        for start in range(0, len(keys), step):
            with transaction.atomic():
                lookup = {f"{field_name}__in": keys[start : start + step]}
                model.objects.filter(**lookup).delete()
    with transaction.atomic():
        ImportLedger.objects.filter(token=token).delete()
        audit.audit_log(
            actor=actor,
            action=AuditAction.DELETE,
            object_type="nominations.import",
            object_id=str(token),
            object_repr=_("Nhập Excel bị dừng: đã gỡ %(n)s dòng đã ghi") % {"n": written.rows},
            after={"rows": written.rows, "new_people": len(written.people)},
        )
