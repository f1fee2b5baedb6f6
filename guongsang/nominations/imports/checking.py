"""Checking the parsed rows: units, titles and people matched, duplicates and the law's rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from guongsang.awards.models import Award
from guongsang.catalogue.models import Target, Title
from guongsang.core import ooxml
from guongsang.core.permissions import restrict
from guongsang.nominations import import_reading as reading
from guongsang.nominations import rules
from guongsang.nominations.eligibility import check_rules
from guongsang.nominations.imports.layout import AWARDS, NOMINATIONS, roles_for
from guongsang.nominations.imports.parsing import Row, name_key, parse_row, read_rows
from guongsang.nominations.models import LIVE_STATES, Dossier
from guongsang.org.models import Unit
from guongsang.people.models import Person


@dataclass
class Preview:
    kind: str
    rows: list[Row]

    @property
    def errors(self) -> list[str]:
        return [e for r in self.rows for e in r.errors]

    @property
    def error_rows(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def warning_rows(self) -> int:
        return sum(1 for r in self.rows if r.warnings and not r.errors)

    @property
    def valid_rows(self) -> int:
        return len(self.rows) - self.error_rows

    @property
    def new_people(self) -> int:
        """The people the commit creates: one per unit, name and date of birth, however many
        rows name them (see create_people)."""
        return len({new_person_key(r) for r in self.rows if r.new_person and not r.errors})


def _lookup_units(user: Any, kind: str) -> tuple[dict[str, Unit], set[int]]:
    units: dict[str, Unit] = {}
    for unit in Unit.objects.filter(valid_to=None).order_by("-pk"):
        units[name_key(unit.name)] = unit
        units[name_key(unit.code)] = unit
    allowed = restrict(Unit.objects.all(), user, roles=roles_for(kind), unit_field="pk")
    return units, set(allowed.values_list("pk", flat=True))


def _lookup_titles() -> reading.TitleResolver:
    return reading.TitleResolver(Title.objects.order_by("-valid_from", "-pk"))


PersonKey = tuple[int, str, dt.date | None]


def new_person_key(row: Row) -> PersonKey:
    assert row.unit is not None
    return (row.unit.pk, name_key(row.name), row.birth)


def _lookup_people(unit_ids: set[int]) -> dict[PersonKey, int]:
    found: dict[PersonKey, int] = {}
    rows = Person.objects.filter(home_unit_id__in=unit_ids).values_list(
        "pk", "home_unit_id", "full_name", "date_of_birth"
    )
    for pk, unit_id, name, born in rows.iterator(chunk_size=5_000):
        found.setdefault((unit_id, name_key(name), born), pk)
        found.setdefault((unit_id, name_key(name), None), pk)
    return found


NomineeKey = tuple[str, Any, int, int]  # ("p", person key or id, title id, year)


def _existing(kind: str, title_ids: set[int], years: set[int]) -> set[tuple[str, int, int, int]]:
    """(kind of nominee, id, title, year) already on record: live dossiers and awards."""
    found: set[tuple[str, int, int, int]] = set()
    dossiers = Dossier.objects.filter(
        title_id__in=title_ids, year__in=years, state__in=LIVE_STATES
    ).values_list("person_id", "nominee_unit_id", "title_id", "year")
    awards = Award.objects.filter(
        title_id__in=title_ids, year__in=years, revoked_on=None
    ).values_list("person_id", "unit_id", "title_id", "year")
    for person_id, unit_id, title_id, year in [*dossiers, *awards]:
        if person_id:
            found.add(("p", person_id, title_id, year))
        else:
            found.add(("u", unit_id, title_id, year))
    return found


def _match(
    row: Row, units: dict[str, Unit], allowed: set[int], titles: reading.TitleResolver
) -> None:
    n = row.number
    if not row.unit_text:
        row.errors.append(_("Dòng %(n)s: thiếu đơn vị.") % {"n": n})
    elif (unit := units.get(name_key(row.unit_text))) is None:
        row.errors.append(
            _("Dòng %(n)s: không tìm thấy đơn vị “%(v)s”.") % {"n": n, "v": row.unit_text}
        )
    elif unit.pk not in allowed:
        row.errors.append(
            _("Dòng %(n)s: bạn không có quyền nhập cho đơn vị “%(v)s”.") % {"n": n, "v": unit.name}
        )
    else:
        row.unit = unit
    if not row.title_text:
        row.errors.append(_("Dòng %(n)s: thiếu danh hiệu/hình thức.") % {"n": n})
    elif (found := titles.match(row.title_text)).title is None:
        row.errors.append(
            _("Dòng %(n)s: không tìm thấy danh hiệu/hình thức “%(v)s”.")
            % {"n": n, "v": row.title_text}
            + (f" ({found.note})" if found.note else "")
        )
    else:
        row.title = title = found.title
        if found.note:
            row.warnings.append(
                _("Dòng %(n)s: “%(v)s”: %(note)s.")
                % {"n": n, "v": row.title_text, "note": found.note}
            )
        if title.target == Target.INDIVIDUAL and row.is_collective:
            row.errors.append(
                _("Dòng %(n)s: thiếu họ và tên (“%(t)s” chỉ dành cho cá nhân).")
                % {"n": n, "t": title.name}
            )
        elif title.target == Target.COLLECTIVE and not row.is_collective:
            row.errors.append(
                _("Dòng %(n)s: “%(t)s” chỉ dành cho tập thể: để trống họ và tên.")
                % {"n": n, "t": title.name}
            )


def validate(raw: Iterable[tuple[int, tuple[Any, ...]]], *, user: Any, kind: str) -> Preview:
    """Parse and check every row; a handful of queries whatever the number of rows."""
    rows = [parse_row(number, values, kind=kind) for number, values in raw]
    units, allowed = _lookup_units(user, kind)
    titles = _lookup_titles()
    for row in rows:
        _match(row, units, allowed, titles)
    people = _lookup_people({r.unit.pk for r in rows if r.unit is not None})
    title_ids = {r.title.pk for r in rows if r.title is not None}
    existing = _existing(kind, title_ids, {r.year for r in rows if r.year is not None})
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        if row.unit is None or row.title is None or row.year is None:
            continue
        n = row.number
        if row.is_collective:
            nominee: tuple[Any, ...] = ("u", row.unit.pk)
        else:
            pid = people.get((row.unit.pk, name_key(row.name), row.birth))
            if pid is None and row.birth is None:
                pid = people.get((row.unit.pk, name_key(row.name), None))
            row.person_id, row.new_person = pid, pid is None
            nominee = ("p", pid) if pid else ("n", row.unit.pk, name_key(row.name), row.birth)
            if row.new_person:
                row.warnings.append(
                    _("Dòng %(n)s: chưa có “%(v)s” trong %(u)s: sẽ tạo mới cá nhân này.")
                    % {"n": n, "v": row.name, "u": row.unit.name}
                )
        key = (*nominee, row.title.pk, row.year)
        if key in seen:
            row.errors.append(
                _("Dòng %(n)s: trùng với dòng %(m)s trong tệp.") % {"n": n, "m": seen[key]}
            )
        else:
            seen[key] = n
        if len(nominee) == 2 and (nominee[0], nominee[1], row.title.pk, row.year) in existing:
            what = _("khen thưởng") if kind == AWARDS else _("đề nghị")
            row.errors.append(
                _("Dòng %(n)s: đã có %(what)s “%(t)s” năm %(y)s cho đối tượng này.")
                % {"n": n, "what": what, "t": row.title.name, "y": row.year}
            )
        if kind == NOMINATIONS and not row.summary:
            row.warnings.append(_("Dòng %(n)s: chưa có tóm tắt thành tích.") % {"n": n})
    if kind == NOMINATIONS:
        _check_rules(rows)
    return Preview(kind=kind, rows=rows)


def _check_rules(rows: list[Row]) -> None:
    """The law's rules on each row, by the same checks as a dossier (eligibility): a row
    breaking a blocking rule is an error, a warning stays a warning. Rows above count towards
    the quota of the rows below. A query or a few per row: an import of nominations is a
    unit's list of the year, not a history."""
    pending: Counter[tuple[int, int, int]] = Counter()
    for row in rows:
        if row.errors or row.unit is None or row.title is None or row.year is None:
            continue
        draft = Dossier(
            unit=row.unit,
            level_unit=row.unit,
            title=row.title,
            year=row.year,
            person_id=row.person_id,
            nominee_unit=row.unit if row.is_collective else None,
            summary=row.summary,
        )
        key = (row.unit.pk, row.title.pk, row.year)
        if row.is_collective or row.person_id is not None:
            findings = check_rules(draft, pending=pending[key])
        else:  # a person to be created has no history yet: only the unit's quota applies
            findings = rules.quota(draft, pending=pending[key])
        for finding in findings:
            if finding.info:
                continue
            text = _("Dòng %(n)s: %(m)s") % {"n": row.number, "m": finding.message}
            (row.errors if finding.blocking else row.warnings).append(text)
        pending[key] += 1


def preview_file(path: Path | IO[bytes], *, user: Any, kind: str) -> Preview:
    ooxml.check_xlsx(path)
    return validate(read_rows(path), user=user, kind=kind)
