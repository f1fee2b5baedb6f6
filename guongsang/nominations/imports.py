"""Nhập từ Excel: units import nominations, the admin imports historic awards.

Pure helpers read and check the rows; `import_commit` writes every valid row, or nothing:
in one transaction on PostgreSQL, in short batches on SQLite (taken back if one fails).
Lookups are dicts built with one query each, never a query per row.
The uploaded file waits in the file storage as imports/<uuid>.xlsx between preview and commit.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import Target, Title
from guongsang.core import audit, ooxml
from guongsang.core.batches import one_transaction_unless_split, splits_writes, write_in_batches
from guongsang.core.formatting import nfc, parse_vn_date, vn_sort_key
from guongsang.core.models import AuditAction
from guongsang.core.permissions import has_role, restrict
from guongsang.core.roles import Role
from guongsang.core.types import Actor
from guongsang.core.validators import (
    clean_person_name,
    is_ascii_digits,
    validate_birth_date,
)
from guongsang.core.xlsx import append_row
from guongsang.nominations import import_reading as reading
from guongsang.nominations import rules
from guongsang.nominations.eligibility import check_rules
from guongsang.nominations.models import LIVE_STATES, Dossier, ImportLedger
from guongsang.nominations.services import dossier_create
from guongsang.org.models import Unit
from guongsang.people.models import Person, PersonKind

logger = logging.getLogger(__name__)

NOMINATIONS = "de-nghi"
AWARDS = "lich-su"
KINDS = (NOMINATIONS, AWARDS)
NOMINATION_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT})
AWARD_ROLES = frozenset({Role.ADMIN})
LARGE_FILE_ROWS = 2_000
PROGRESS_EVERY = 2_000  # rows between two progress reports of the COPY
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

COLUMNS = [
    "Họ và tên",
    "Ngày sinh (dd/mm/yyyy)",
    "Đơn vị (tên hoặc mã)",
    "Danh hiệu/hình thức (tên hoặc mã)",
    "Năm",
    "Tóm tắt thành tích",
]
AWARD_COLUMNS = [*COLUMNS, "Số quyết định", "Ngày quyết định"]


def columns_for(kind: str) -> list[str]:
    return AWARD_COLUMNS if kind == AWARDS else COLUMNS


def roles_for(kind: str) -> frozenset[str]:
    return AWARD_ROLES if kind == AWARDS else NOMINATION_ROLES


def may_import(user: Any, kind: str) -> bool:
    return kind in KINDS and has_role(user, roles_for(kind))


def _key(text: str) -> str:
    return " ".join(nfc(text).split()).casefold()


def template_xlsx(kind: str) -> bytes:
    """The empty file units fill in: a title, the header row, one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    heading = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" if kind == NOMINATIONS else "LỊCH SỬ KHEN THƯỞNG"
    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(columns_for(kind))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    example = ["Nguyễn Văn An", "12/04/1985", "Mã hoặc tên đơn vị", "lao-dong-tien-tien", 2024]
    example.append("Hoàn thành xuất sắc nhiệm vụ")
    if kind == AWARDS:
        example += ["123/QĐ-SLĐTBXH", "15/12/2024"]
    ws.append(example)
    for letter, width in zip("ABCDEFGH", (28, 22, 34, 36, 8, 50, 20, 18), strict=False):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# Storage between preview and commit --------------------------------------------------------


def staged_name(token: str) -> str:
    """The storage name of an uploaded file; a token that is not a UUID is refused here."""
    return f"imports/{uuid.UUID(str(token))}.xlsx"


def store_upload(upload: UploadedFile) -> str:
    """Keep the uploaded file as imports/<uuid>.xlsx in the file storage; return the uuid."""
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 50 MB)."))
    head = upload.read(4)
    upload.seek(0)
    if head[:2] != b"PK":
        raise ValidationError(_("Tệp không phải Excel (.xlsx)."))
    token = str(uuid.uuid4())
    ooxml.check_xlsx(upload)  # bombs and entity tricks are never stored nor parsed
    default_storage.save(staged_name(token), upload)
    return token


def staged_exists(token: str) -> bool:
    return default_storage.exists(staged_name(token))


@contextmanager
def staged_open(token: str) -> Iterator[IO[bytes]]:
    """The stored upload, open for reading (openpyxl reads it like a file on disk)."""
    try:
        handle = default_storage.open(staged_name(token), "rb")
    except FileNotFoundError as exc:
        raise ValidationError(_("Tệp đã hết hạn hoặc đã được nhập: hãy tải lên lại.")) from exc
    with handle:
        yield handle


def staged_delete(token: str) -> None:
    default_storage.delete(staged_name(token))


# Reading -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    number: int
    name: str = ""
    birth_text: str = ""
    unit_text: str = ""
    title_text: str = ""
    year_text: str = ""
    summary: str = ""
    decision_number: str = ""
    decision_date_text: str = ""
    birth: dt.date | None = None
    year: int | None = None
    decision_date: dt.date | None = None
    unit: Unit | None = None
    title: Title | None = None
    person_id: int | None = None
    new_person: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_collective(self) -> bool:
        return not self.name


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


def _date(value: Any) -> dt.date | None:
    """A real Excel date, an Excel serial number (33000) or 'dd/mm/yyyy' text; raises
    ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    serial = reading.serial_date(value)
    if serial is not None:
        return serial
    text = _text(value)
    return parse_vn_date(text) if text else None


def _cell(value: Any) -> Any:
    """A cell as the checks expect it: None when empty, whole numbers as int."""
    if value == "":
        return None
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _sheet_rows(source: Path | IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    """(row number in the sheet, cached cell values) of the first worksheet, read by calamine
    (Rust): a tenth of the CPU time of openpyxl's read-only mode on a 100,000-row file. The
    file has been through ooxml.check_xlsx first (sizes, entities, rows and cells bounded)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    try:
        if isinstance(source, Path | str):
            wb = CalamineWorkbook.from_path(str(source))
        else:
            source.seek(0)
            wb = CalamineWorkbook.from_filelike(source)
    except (CalamineError, ValueError, OSError) as exc:
        raise ValidationError(_("Tệp bị hỏng, không đọc được.")) from exc
    try:
        worksheets = [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            return
        sheet = wb.get_sheet_by_name(worksheets[0])
        # From cell A1 (skip_empty_area=False): list positions are the sheet's rows and
        # columns, so "Dòng n" is the line the officer sees (iter_rows and the default cut
        # the empty columns on the left, and did not agree on the rows above).
        # (check_xlsx refused a sheet whose grid from A1 to its farthest cell is too big.)
        rows = sheet.to_python(skip_empty_area=False)
        for index, values in enumerate(rows):
            yield index + 1, values
    finally:
        wb.close()


def read_rows(path: Path | IO[bytes]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values in the template's column order) after the header row, which may
    sit under merged title cells, start with an "STT" column or list the columns in
    another order (see import_reading)."""
    columns: dict[int, int] | None = None
    for number, raw in _sheet_rows(path):
        values = [_cell(v) for v in raw]
        if columns is None:
            columns = reading.header_columns(values)
            continue
        if reading.is_column_numbers(values):
            continue
        ordered = reading.in_template_order(values, columns)
        if any(v is not None and _text(v) for v in ordered):
            yield number, ordered
    if columns is None:
        raise ValidationError(
            _(
                "Không tìm thấy dòng tiêu đề (có các cột “Họ và tên”, “Đơn vị”, "
                "“Danh hiệu/hình thức”, “Năm”): hãy dùng tệp mẫu."
            )
        )


def count_rows(path: Path | IO[bytes]) -> int:
    """Rows counted in the sheet's XML (the declared dimension can lie), within the limits."""
    return ooxml.check_xlsx(path).rows


def parse_row(number: int, values: tuple[Any, ...], *, kind: str) -> Row:
    cells = list(values) + [None] * 8
    row = Row(
        number=number,
        name=_text(cells[0]),
        birth_text=_text(cells[1]),
        unit_text=_text(cells[2]),
        title_text=_text(cells[3]),
        year_text=_text(cells[4]),
        summary=_text(cells[5]),
    )
    if kind == AWARDS:
        row.decision_number, row.decision_date_text = _text(cells[6]), _text(cells[7])
        try:
            row.decision_date = _date(cells[7])
            if row.decision_date is not None:
                row.decision_date_text = row.decision_date.strftime("%d/%m/%Y")
        except ValueError:
            row.errors.append(
                _("Dòng %(n)s: ngày quyết định “%(v)s” không hợp lệ (dd/mm/yyyy).")
                % {"n": number, "v": row.decision_date_text}
            )
    try:
        row.birth = _date(cells[1])
        if row.birth is not None:
            row.birth_text = row.birth.strftime("%d/%m/%Y")  # 33000 shows as 07/05/1990
    except ValueError:
        row.errors.append(
            _("Dòng %(n)s: ngày sinh “%(v)s” không hợp lệ (dd/mm/yyyy).")
            % {"n": number, "v": row.birth_text}
        )
    try:
        # Names: letters only, no control, zero-width or bidi-override characters (an empty
        # name is a collective's row); births 1900–today.
        row.name = clean_person_name(row.name) if row.name else ""
        validate_birth_date(row.birth)
    except ValidationError as exc:
        row.errors.append(_("Dòng %(n)s: %(e)s") % {"n": number, "e": " ".join(exc.messages)})
    try:
        if not is_ascii_digits(row.year_text):  # int() also reads ٢٠٢٤ and ２０２４
            raise ValueError
        row.year = int(row.year_text)
        if not 1945 <= row.year <= 2100:
            raise ValueError
    except ValueError:
        row.year = None
        row.errors.append(
            _("Dòng %(n)s: năm “%(v)s” không hợp lệ.") % {"n": number, "v": row.year_text}
        )
    return row


# Checking ----------------------------------------------------------------------------------


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
        rows name them (see _create_people)."""
        return len({_new_key(r) for r in self.rows if r.new_person and not r.errors})


def _lookup_units(user: Any, kind: str) -> tuple[dict[str, Unit], set[int]]:
    units: dict[str, Unit] = {}
    for unit in Unit.objects.filter(valid_to=None).order_by("-pk"):
        units[_key(unit.name)] = unit
        units[_key(unit.code)] = unit
    allowed = restrict(Unit.objects.all(), user, roles=roles_for(kind), unit_field="pk")
    return units, set(allowed.values_list("pk", flat=True))


def _lookup_titles() -> reading.TitleResolver:
    return reading.TitleResolver(Title.objects.order_by("-valid_from", "-pk"))


PersonKey = tuple[int, str, dt.date | None]


def _lookup_people(unit_ids: set[int]) -> dict[PersonKey, int]:
    found: dict[PersonKey, int] = {}
    rows = Person.objects.filter(home_unit_id__in=unit_ids).values_list(
        "pk", "home_unit_id", "full_name", "date_of_birth"
    )
    for pk, unit_id, name, born in rows.iterator(chunk_size=5_000):
        found.setdefault((unit_id, _key(name), born), pk)
        found.setdefault((unit_id, _key(name), None), pk)
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
    elif (unit := units.get(_key(row.unit_text))) is None:
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
            pid = people.get((row.unit.pk, _key(row.name), row.birth))
            if pid is None and row.birth is None:
                pid = people.get((row.unit.pk, _key(row.name), None))
            row.person_id, row.new_person = pid, pid is None
            nominee = ("p", pid) if pid else ("n", row.unit.pk, _key(row.name), row.birth)
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


# Writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    rows: int
    created: int
    new_people: int
    warnings: tuple[str, ...] = ()


class RowErrors(ValidationError):
    """Rows with errors are left: nothing was written. Carries every row's error."""

    def __init__(self, message: str, *, errors: list[str]) -> None:
        super().__init__(message)
        self.row_errors = errors


def result_xlsx(result: Result, path: Path | IO[bytes]) -> None:
    """What an import did, with the warnings of its rows (people created…)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kết quả")
    ws.append(
        [
            _("Đã nhập %(n)s dòng (tạo mới %(p)s cá nhân).")
            % {"n": result.created, "p": result.new_people}
        ]
    )
    ws.append([])
    ws.append([_("Cảnh báo")])
    for warning in result.warnings:
        append_row(ws, [warning])
    wb.save(path)


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


def _new_key(row: Row) -> PersonKey:
    assert row.unit is not None
    return (row.unit.pk, _key(row.name), row.birth)


def _create_people(rows: list[Row], written: Written) -> int:
    """One Person per new name + date of birth + unit, created in bulk."""
    wanted: dict[PersonKey, Person] = {}
    for row in rows:
        if row.new_person and row.unit is not None:
            key = _new_key(row)
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
            row.person_id = wanted[_new_key(row)].pk
    return len(wanted)


def _write_awards(rows: list[Row], report: Callable[[int], None], written: Written) -> int:
    """All the awards in one COPY on PostgreSQL (one transaction), so the summary triggers fire
    once over the whole import; on SQLite one INSERT prepared once and run with many rows, in
    the batches of core.batches (the ORM's bulk_create splits 100,000 awards into thousands of
    statements there, 999 parameters each)."""
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


def _write_dossiers(
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


def _undo(written: Written, *, actor: Any, token: str) -> None:
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


def import_commit(
    *,
    actor: Actor,
    token: str,
    kind: str,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Result:
    """Check the stored file again, then write all its rows in one transaction or nothing."""
    if not may_import(actor, kind):
        raise PermissionDenied(_("Bạn không có quyền nhập danh sách này."))
    # A try of this file that died between batches (its worker killed) left rows: take them
    # back first, or the duplicate check below would refuse every row they hold.
    left = Written.left_by_earlier_try(str(token))
    if left.rows or left.people:
        _undo(left, actor=actor, token=str(token))
    with staged_open(token) as stored:
        preview = preview_file(stored, user=actor, kind=kind)
    rows = preview.rows
    total = len(rows)

    def report(done: int) -> None:
        if on_progress is not None:
            on_progress(done, total, _("Đã ghi %(d)s/%(t)s dòng.") % {"d": done, "t": total})

    if not rows:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."))
    if preview.error_rows:
        raise RowErrors(
            _("Còn %(n)s dòng có lỗi: sửa tệp rồi tải lên lại; chưa ghi dòng nào.")
            % {"n": preview.error_rows},
            errors=preview.errors,
        )
    # SQLite: batches of their own (see core.batches), written only once the whole file has
    # been checked above. A batch that fails mid-way leaves the earlier ones committed: they
    # are taken back, so the import is all or nothing as on PostgreSQL, where it is one
    # transaction. A worker killed between batches cannot undo: its task is failed by the
    # sweep, and the next try takes the rows back from the ledger (see Written.record).
    written = Written(token=str(token))
    try:
        with one_transaction_unless_split():
            new_people = _create_people(rows, written)
            if kind == AWARDS:
                created = _write_awards(rows, report, written)
            else:
                created = _write_dossiers(rows, actor, report, written)
            with transaction.atomic():
                ImportLedger.objects.filter(token=str(token)).delete()  # done: nothing to undo
                audit.audit_log(
                    actor=actor,
                    action=AuditAction.CREATE,
                    object_type="nominations.import",
                    object_id=str(token),
                    object_repr=_("Nhập Excel: %(n)s dòng") % {"n": total},
                    after={
                        "kind": kind,
                        "rows": total,
                        "created": created,
                        "new_people": new_people,
                    },
                )
    except Exception as exc:
        if splits_writes() and (written.rows or written.people):
            _undo_or_explain(written, actor=actor, token=token, error=exc)
        raise
    staged_delete(token)
    warnings = tuple(w for row in rows for w in row.warnings)
    return Result(rows=total, created=created, new_people=new_people, warnings=warnings)


def _undo_or_explain(written: Written, *, actor: Any, token: str, error: Exception) -> None:
    try:
        _undo(written, actor=actor, token=token)
    except Exception as undo_error:
        logger.exception("Import %s stopped and its rows could not be taken back", token)
        raise ValidationError(
            _(
                "Nhập bị dừng giữa chừng và chưa gỡ được %(n)s dòng đã ghi: "
                "hãy báo quản trị hệ thống trước khi nhập lại."
            )
            % {"n": written.rows}
        ) from undo_error
    logger.warning("Import %s stopped; its %s written rows were taken back", token, written.rows)
