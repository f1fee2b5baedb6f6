"""Background jobs of the nominations app: the Excel import of a large file, and the
notifications by e-mail."""

from __future__ import annotations

import tempfile

from django.utils import translation
from django_tasks import task

from guongsang.accounts.models import User
from guongsang.core.files import file_save
from guongsang.core.formatting import vn_number
from guongsang.core.models import TaskProgress
from guongsang.core.tasks import (
    progress_fail,
    progress_finish,
    progress_run,
    progress_update,
    task_queue,
)
from guongsang.nominations.imports import RowErrors, import_commit, result_xlsx

IMPORT_LABEL = "Nhập danh sách từ Excel"


def import_start(*, actor: User, token: str, kind: str) -> TaskProgress:
    """Queue the check and the write of a stored file; the progress page follows it."""
    return task_queue(
        owner=actor, label=IMPORT_LABEL, task=import_run, args=[actor.pk, token, kind]
    )


@task()
def import_run(progress_id: int, user_id: int, token: str, kind: str) -> int:
    """Parse, check and write the file in one transaction (or nothing)."""
    with progress_run(progress_id), translation.override("vi"):
        user = User.objects.get(pk=user_id)

        def report(done: int, total: int, message: str) -> None:
            progress_update(progress_id, done * 100 // max(total, 1), message)

        try:
            result = import_commit(actor=user, token=token, kind=kind, on_progress=report)
        except RowErrors as exc:  # the user's file, not a failure of the job: no traceback
            progress_fail(progress_id, " ".join([exc.messages[0], *exc.row_errors[:5]]))
            return 0
        with tempfile.TemporaryFile() as out:
            result_xlsx(result, out)
            relative = file_save(folder="exports", extension=".xlsx", content=out)
        progress_finish(
            progress_id,
            result_file=relative,
            result_name="ket-qua-nhap-excel.xlsx",
            message=f"Đã nhập {vn_number(result.created)} dòng"
            f" (tạo mới {vn_number(result.new_people)} cá nhân).",
        )
    return result.created


@task()
def notification_mail(message: str, addresses: list[str]) -> int:
    """A notification by e-mail, sent by the worker (the page that raised it does not wait)."""
    from guongsang.nominations.notifications import mail_send

    return mail_send(message, addresses)
