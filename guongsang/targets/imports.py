"""Nhập chỉ tiêu từ Excel: yearly plans and monthly results in one sheet.

A row with a month is a monthly result; a row without one is the yearly plan. The file is
stored between preview and commit (the nominations import's storage helpers); the preview
lists each row's errors in Vietnamese; the commit writes every row or none (in short
batches on SQLite, put back if one fails).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import ooxml
from guongsang.core.batches import one_transaction_unless_split, splits_writes, write_in_batches
from guongsang.core.formatting import fold
from guongsang.core.permissions import has_role, in_scope
from guongsang.core.types import Actor
from guongsang.core.validators import is_ascii_digits
from guongsang.core.xlsx import append_row
from guongsang.nominations.import_reading import is_column_numbers
from guongsang.nominations.imports import _text, staged_delete, staged_open, store_upload
from guongsang.org.models import Unit
from guongsang.targets import services
from guongsang.targets.models import Indicator, Plan, Result
from guongsang.targets.permissions import PLAN_ROLES, RESULT_ROLES

COLUMNS = ["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Tháng (trống: kế hoạch năm)", "Số liệu"]
MAX_ROWS = 5_000
HEADER_ROWS = 20  # a title block above the header row

__all__ = ["commit", "preview", "store_upload", "template_xlsx"]


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    ws.append(["KẾ HOẠCH VÀ KẾT QUẢ THỰC HIỆN CHỈ TIÊU"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(COLUMNS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    ws.append(["tt-dich-vu-viec-lam", "viec-lam", 2024, None, 90000])
    ws.append(["tt-dich-vu-viec-lam", "viec-lam", 2024, 1, 7200])
    for letter, width in zip("ABCDE", (30, 26, 8, 28, 14), strict=True):
        ws.column_dimensions[letter].width = width
    codes = wb.create_sheet("Mã chỉ tiêu")
    codes.append(["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính"])
    for indicator in Indicator.objects.filter(active=True):
        append_row(codes, [indicator.code, indicator.name, indicator.measure])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class Row:
    number: int
    unit_text: str
    indicator_text: str
    year: int | None = None
    month: int | None = None
    value: Decimal | None = None
    unit: Unit | None = None
    indicator: Indicator | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return _("Kết quả tháng %(m)s") % {"m": self.month} if self.month else _("Kế hoạch năm")


@dataclass
class Preview:
    rows: list[Row]

    @property
    def errors(self) -> list[str]:
        return [e for row in self.rows for e in row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def preview(*, user: Actor, token: str) -> Preview:
    """Read and check every row (two queries for the lookups, none per row)."""
    body = _read_body(token)
    unit_keys = {_text(r[0]) for _, r in body if r}
    indicator_keys = {_text(r[1]) for _, r in body if len(r) > 1}
    units = {u.code: u for u in Unit.objects.filter(code__in=unit_keys)}
    units.update({u.name: u for u in Unit.objects.filter(name__in=unit_keys)})
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=indicator_keys)}
    indicators.update({i.name: i for i in Indicator.objects.filter(name__in=indicator_keys)})
    seen: set[tuple] = set()
    rows = []
    for number, values in body:
        cells = [*values, None, None, None, None, None]
        row = Row(number, _text(cells[0]), _text(cells[1]))
        row.unit = units.get(row.unit_text)
        row.indicator = indicators.get(row.indicator_text)
        _check_references(row)
        _check_numbers(row, cells)
        _check_rights(row, user, is_result=bool(_text(cells[3])))
        key = (row.unit_text, row.indicator_text, row.year, row.month)
        if key in seen:
            row.errors.append(_("Dòng %(n)s: trùng với một dòng ở trên.") % {"n": number})
        seen.add(key)
        rows.append(row)
    return Preview(rows)


# The columns of the template, found by name wherever they are (after an "STT" column, in
# another order): unit, indicator, year, month, value.
HEADERS = [
    re.compile(r"^(ma )?don vi"),
    re.compile(r"^(ma )?chi tieu"),
    re.compile(r"^nam$"),
    re.compile(r"^thang"),
    re.compile(r"^(so lieu|gia tri|ket qua|thuc hien)"),
]


def _header_columns(values: tuple) -> list[int] | None:
    texts = [" ".join(re.sub(r"[^\w]+", " ", fold(_text(v))).split()) for v in values]
    columns = []
    for pattern in HEADERS:
        index = next((i for i, t in enumerate(texts) if pattern.search(t)), None)
        if index is None:
            return None
        columns.append(index)
    return columns


def _read_body(token: str) -> list[tuple[int, tuple]]:
    """(line number, cells) of the rows under the header of the staged workbook."""
    from openpyxl import load_workbook  # loaded only when a workbook is read

    with staged_open(token) as stored:
        if ooxml.check_xlsx(stored).rows > MAX_ROWS + HEADER_ROWS:
            raise ValidationError(_("Tệp có quá nhiều dòng (tối đa 5.000)."))
        wb = load_workbook(stored, read_only=True, data_only=True)
        try:
            raw = list(wb.worksheets[0].iter_rows(values_only=True))
        finally:
            wb.close()
    found = next(
        ((i, cols) for i, r in enumerate(raw) if r and (cols := _header_columns(r)) is not None),
        None,
    )
    if found is None:
        raise ValidationError(
            _("Không tìm thấy dòng tiêu đề (có cột “Mã đơn vị”): hãy dùng tệp mẫu.")
        )
    header, columns = found
    body = [
        (i + 1, tuple(r[c] if c < len(r) else None for c in columns))
        for i, r in enumerate(raw)
        if i > header and any(_text(v) for v in r or ()) and not is_column_numbers(r)
    ]
    if len(body) > MAX_ROWS:
        raise ValidationError(_("Tệp có quá nhiều dòng (tối đa 5.000)."))
    return body


def _check_references(row: Row) -> None:
    """The unit and the indicator the row names exist (and the indicator is still used)."""
    number = row.number
    if row.unit is None:
        row.errors.append(
            _("Dòng %(n)s: không có đơn vị “%(v)s”.") % {"n": number, "v": row.unit_text}
        )
    if row.indicator is None:
        row.errors.append(
            _("Dòng %(n)s: không có chỉ tiêu “%(v)s”.") % {"n": number, "v": row.indicator_text}
        )
    elif not row.indicator.active:
        row.errors.append(
            _("Dòng %(n)s: chỉ tiêu “%(v)s” không còn dùng.")
            % {"n": number, "v": row.indicator.name}
        )


def _check_numbers(row: Row, cells: list[Any]) -> None:
    """Year, month (optional: a plan has none) and value, each in its range."""
    number, err = row.number, row.errors.append
    try:
        if not is_ascii_digits(_text(cells[2])):  # int() also reads ٢٠٢٤ and ２０２４
            raise ValueError
        row.year = int(_text(cells[2]))
        if not services.MIN_YEAR <= row.year <= services.MAX_YEAR:
            raise ValueError
    except ValueError:
        row.year = None
        err(_("Dòng %(n)s: năm “%(v)s” không hợp lệ.") % {"n": number, "v": _text(cells[2])})
    month = _text(cells[3])
    if month:
        try:
            if not is_ascii_digits(month):  # int() also reads ٢ and ２
                raise ValueError
            row.month = int(month)
            if not 1 <= row.month <= 12:
                raise ValueError
        except ValueError:
            err(_("Dòng %(n)s: tháng “%(v)s” không hợp lệ (1–12).") % {"n": number, "v": month})
    try:
        row.value = services.parse_number(cells[4])
        if row.value < 0 or not row.value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        err(_("Dòng %(n)s: số liệu “%(v)s” không hợp lệ.") % {"n": number, "v": _text(cells[4])})


def _check_rights(row: Row, user: Actor, *, is_result: bool) -> None:
    """The user may enter a plan (no month) or a result (a month) for the row's unit."""
    if row.unit is None:
        return
    roles = RESULT_ROLES if is_result else PLAN_ROLES
    if not (has_role(user, roles) and in_scope(user, row.unit.pk, roles)):
        row.errors.append(
            _("Dòng %(n)s: bạn không được nhập %(k)s cho “%(u)s”.")
            % {"n": row.number, "k": row.kind.lower(), "u": row.unit.name}
        )


def commit(*, user: Actor, token: str) -> int:
    """Write every row, or nothing when any row has an error. The file is read before the
    transaction opens: parsing never holds the write lock."""
    checked = preview(user=user, token=token)
    if not checked.ok:
        raise ValidationError([_("Tệp còn lỗi, chưa ghi dòng nào."), *checked.errors[:20]])
    _write(user=user, checked=checked)
    staged_delete(token)
    return len(checked.rows)


# What a row replaced: (model, pk, previous value, or None where the row created the figure).
Replaced = tuple[type[Plan] | type[Result], int, Decimal | None]


def _write(*, user: Actor, checked: Preview) -> None:
    """One transaction on PostgreSQL; on SQLite short batches (core.batches), so that the
    web requests writing meanwhile are not kept waiting. A batch that fails there leaves the
    earlier ones committed: they are put back as they were (figures created are deleted,
    figures replaced get their old value), so the file is written all or nothing."""
    replaced: list[Replaced] = []

    def write(part: Sequence[Row]) -> None:
        for row in part:
            replaced.append(_write_row(user=user, row=row))

    try:
        with one_transaction_unless_split():
            write_in_batches(checked.rows, write, chunk=100)
    except Exception:
        if splits_writes() and replaced:
            _put_back(replaced)
        raise


def _write_row(*, user: Actor, row: Row) -> Replaced:
    assert row.unit and row.indicator and row.year is not None
    model: type[Plan] | type[Result] = Result if row.month else Plan
    lookup = {"indicator": row.indicator, "unit": row.unit, "year": row.year}
    if row.month:
        lookup["month"] = row.month
    before = model.objects.filter(**lookup).values_list("value", flat=True).first()
    if row.month:
        saved: Plan | Result = services.result_set(
            by=user,
            indicator=row.indicator,
            unit=row.unit,
            year=row.year,
            month=row.month,
            value=row.value,
        )
    else:
        saved = services.plan_set(
            by=user, indicator=row.indicator, unit=row.unit, year=row.year, value=row.value
        )
    return model, saved.pk, before


def _put_back(replaced: list[Replaced]) -> None:
    with transaction.atomic():
        for model, pk, before in reversed(replaced):
            if before is None:
                model.objects.filter(pk=pk).delete()
            else:
                model.objects.filter(pk=pk).update(value=before)
