"""Background jobs of the movements app: the Excel file of who has and has not pledged."""

from __future__ import annotations

import tempfile

from django.http import HttpRequest
from django.utils import timezone, translation
from django_tasks import task

from guongsang.accounts.models import User
from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.formatting import vn_number
from guongsang.core.models import AuditAction, TaskProgress
from guongsang.core.tasks import (
    progress_finish,
    progress_run,
    task_queue,
)
from guongsang.movements import exports, selectors
from guongsang.movements.models import Movement

EXPORT_LABEL = "Xuất tình hình đăng ký thi đua ra Excel"


def export_status_start(
    *, actor: User, movement: Movement, request: HttpRequest | None = None
) -> TaskProgress:
    """Record the export, then queue it; the progress page follows it."""

    def record(progress: TaskProgress) -> None:
        audit.audit_log(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=progress,
            object_repr=f"{EXPORT_LABEL}: {movement.name}",
            after={
                "export": "movements.pledge_status",
                "format": "xlsx",
                "movement": str(movement.uuid),
            },
            reason=EXPORT_LABEL,
            request=request,
        )

    return task_queue(
        owner=actor,
        label=f"{EXPORT_LABEL}: {movement.name}",
        task=export_status_xlsx,
        args=[actor.pk, movement.pk],
        record=record,
    )


@task()
def export_status_xlsx(progress_id: int, user_id: int, movement_id: int) -> str:
    """The units the user sees, pledged or not, into exports/ of the file storage."""
    with progress_run(progress_id), translation.override("vi"):
        user = User.objects.get(pk=user_id)
        movement = selectors.movement_list(user=user).get(pk=movement_id)
        status = selectors.pledge_status(user=user, movement=movement)
        with tempfile.TemporaryFile() as out:
            count = exports.status_xlsx(status=status, path=out)
            relative = file_save(folder="exports", extension=".xlsx", content=out)
        progress_finish(
            progress_id,
            result_file=relative,
            result_name=(f"tinh-hinh-dang-ky-{movement.year}-{timezone.localdate():%Y%m%d}.xlsx"),
            message=(
                f"Đã xuất {vn_number(count)} đơn vị "
                f"({vn_number(len(status.not_pledged))} chưa đăng ký)."
            ),
        )
    return relative
