"""Background jobs of the people app: the Excel export of the list."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone, translation
from django_tasks import task

from guongsang.accounts.models import User
from guongsang.core.formatting import vn_number
from guongsang.core.models import TaskProgress
from guongsang.core.tasks import export_file, export_queue, progress_run, progress_update
from guongsang.people import exports
from guongsang.people.selectors import person_list

EXPORT_LABEL = "Xuất danh sách cá nhân ra Excel"


def export_people_start(*, actor: User, request: HttpRequest | None = None) -> TaskProgress:
    """Record the export, then queue it; the progress page follows it."""
    return export_queue(
        actor=actor,
        label=EXPORT_LABEL,
        task=export_people_xlsx,
        args=[actor.pk],
        what={"export": "people.person", "format": "xlsx", "personal_data": "masked"},
        request=request,
    )


@task()
def export_people_xlsx(progress_id: int, user_id: int) -> str:
    """The people the user may see, personal data masked, into exports/ of the file storage."""
    with progress_run(progress_id), translation.override("vi"):
        user = User.objects.get(pk=user_id)

        def report(done: int, total: int) -> None:
            message = f"Đã ghi {vn_number(done)}/{vn_number(total)} cá nhân."
            progress_update(progress_id, done * 100 // max(total, 1), message)

        return export_file(
            progress_id,
            write=lambda out: exports.people_xlsx(
                people=person_list(user=user), path=out, on_progress=report
            ),
            extension=".xlsx",
            result_name=f"danh-sach-ca-nhan-{timezone.localdate():%Y%m%d}.xlsx",
            done=lambda count: f"Đã xuất {vn_number(count)} cá nhân.",
        )
