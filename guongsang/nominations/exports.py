"""The dossier list, as filtered on the page, as an Excel workbook (XLSX)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone, translation
from django_tasks import task

from guongsang.accounts.models import User
from guongsang.core.formatting import vn_number
from guongsang.core.models import TaskProgress
from guongsang.core.tasks import export_file, export_queue, progress_run, progress_update
from guongsang.core.xlsx import append_row
from guongsang.nominations.models import Dossier
from guongsang.nominations.selectors import dossiers_filtered

# Above this many rows the export runs in the background, followed on its progress page.
SYNC_LIMIT = 5000
EXPORT_LABEL = "Xuất danh sách hồ sơ đề nghị ra Excel"
SHEET_TITLE = "Hồ sơ đề nghị"
COLUMNS: list[tuple[str, int]] = [
    ("STT", 6),
    ("Năm", 8),
    ("Danh hiệu, hình thức", 40),
    ("Đối tượng được đề nghị", 32),
    ("Đơn vị đề nghị", 36),
    ("Cấp xét", 30),
    ("Phong trào", 36),
    ("Trạng thái", 22),
    ("Tóm tắt thành tích", 60),
]


def dossier_row(number: int, dossier: Dossier) -> list[object]:
    nominee = dossier.person.full_name if dossier.person else str(dossier.nominee_unit or "")
    return [
        number,
        dossier.year,
        dossier.title.name,
        nominee,
        dossier.unit.name,
        dossier.level_unit.name,
        dossier.movement.name if dossier.movement else "",
        str(dossier.get_state_display()),
        dossier.summary,
    ]


def dossiers_xlsx(dossiers: Iterable[Dossier]) -> bytes:
    buffer = io.BytesIO()
    write_dossiers(dossiers, buffer)
    return buffer.getvalue()


def write_dossiers(
    dossiers: Iterable[Dossier],
    target: Any,
    on_progress: Callable[[int], None] | None = None,
    every: int = 500,
) -> int:
    """Write the dossiers to `target` (a path or a binary file); returns how many."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet, active
    sheet.title = SHEET_TITLE
    sheet.append([header for header, _width in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    done = 0
    for done, dossier in enumerate(dossiers, start=1):
        append_row(sheet, dossier_row(done, dossier))
        if on_progress is not None and done % every == 0:
            on_progress(done)
    sheet.freeze_panes = "A2"
    workbook.save(target)
    return done


def export_dossiers_start(
    *, actor: User, filters: dict[str, Any], request: HttpRequest | None = None
) -> TaskProgress:
    """A list too long to build during the request: record it, queue it, follow its progress."""
    return export_queue(
        actor=actor,
        label=EXPORT_LABEL,
        task=export_dossiers_xlsx,
        args=[actor.pk, filters],
        what={"export": "nominations.dossier", "format": "xlsx", "filters": filters},
        request=request,
    )


@task()
def export_dossiers_xlsx(progress_id: int, user_id: int, filters: dict[str, Any]) -> str:
    """The filtered dossiers the user may see, into exports/ of the file storage."""
    with progress_run(progress_id), translation.override("vi"):
        user = User.objects.get(pk=user_id)
        dossiers = dossiers_filtered(user=user, **filters)
        total = dossiers.count()

        def report(done: int) -> None:
            message = f"Đã ghi {vn_number(done)}/{vn_number(total)} hồ sơ."
            progress_update(progress_id, done * 100 // max(total, 1), message)

        return export_file(
            progress_id,
            write=lambda out: write_dossiers(
                dossiers.iterator(chunk_size=500), out, on_progress=report
            ),
            extension=".xlsx",
            result_name=f"ho-so-de-nghi-{timezone.localdate():%Y%m%d}.xlsx",
            done=lambda count: f"Đã xuất {vn_number(count)} hồ sơ.",
        )
