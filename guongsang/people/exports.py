"""The people list as an Excel workbook (XLSX), personal data masked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from guongsang.core.xlsx import append_row
from guongsang.people.models import Person, Position

# (header, column width in characters)
COLUMNS: list[tuple[str, int]] = [
    ("STT", 6),
    ("Họ và tên", 30),
    ("Giới tính", 10),
    ("Ngày sinh", 12),
    ("Loại", 22),
    ("Đơn vị", 40),
    ("Chức vụ hiện nay", 36),
    ("Số định danh", 16),
    ("Điện thoại", 14),
    ("Địa chỉ", 30),
]
SHEET_TITLE = "Danh sách cá nhân"


def with_current_positions(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people with `current_positions`: positions held today, in one extra query."""
    today = timezone.localdate()
    held = Position.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=today), valid_from__lte=today
    ).order_by("-valid_from")
    current = Prefetch("positions", queryset=held, to_attr="current_positions")
    return people.prefetch_related(current)


def person_row(number: int, person: Person) -> list[object]:
    """One line of the sheet; personal data only in its masked form."""
    return [
        number,
        person.full_name,
        str(person.get_gender_display()) if person.gender else "",
        person.date_of_birth_masked,
        str(person.get_kind_display()),
        person.home_unit.name,
        "; ".join(p.title for p in person.current_positions),  # type: ignore[attr-defined]
        person.citizen_id_masked,
        person.phone_masked,
        person.address_masked,
    ]


def people_xlsx(
    *,
    people: QuerySet[Person],
    path: Path | IO[bytes],
    on_progress: Callable[[int, int], None] | None = None,
    every: int = 200,
) -> int:
    """Write the people to `path` (or a binary file); on_progress(done, total) each `every`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    total = people.count()
    workbook = Workbook(write_only=True)
    workbook.properties.title = SHEET_TITLE
    workbook.properties.creator = "Gương Sáng"
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{total + 1}"
    bold, middle = Font(bold=True), Alignment(vertical="center", wrap_text=True)
    header = []
    for title, _width in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.alignment = bold, middle
        header.append(cell)
    sheet.append(header)

    done = 0
    for done, person in enumerate(with_current_positions(people).iterator(chunk_size=every), 1):
        append_row(sheet, person_row(done, person))
        if on_progress is not None and done % every == 0:
            on_progress(done, total)
    workbook.save(path)
    return done
