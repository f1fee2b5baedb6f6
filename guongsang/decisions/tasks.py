"""Background job: the certificates of a signed decision as one PDF, with progress."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from guongsang.core.files import file_save
from guongsang.core.formatting import file_slug, vn_number
from guongsang.core.models import TaskProgress
from guongsang.core.tasks import (
    progress_finish,
    progress_run,
    progress_update,
    task_queue,
)
from guongsang.core.types import Actor
from guongsang.decisions import certificates
from guongsang.decisions.models import Decision, DecisionKind

CERTIFICATES_LABEL = "In giấy khen, bằng khen của quyết định"


def certificates_start(*, actor: Actor, decision: Decision) -> TaskProgress:
    if not decision.is_signed or decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("Chỉ in được giấy khen của quyết định khen thưởng đã ký."))
    return task_queue(
        owner=actor,
        label=f"{CERTIFICATES_LABEL} {decision.full_number}",
        task=certificates_run,
        args=[decision.pk],
        source_url=reverse("decisions:detail", args=[decision.uuid]),
        source_label=_("Quyết định số %(n)s") % {"n": decision.full_number},
    )


@task()
def certificates_run(progress_id: int, decision_id: int) -> int:
    with progress_run(progress_id), translation.override("vi"):
        decision = Decision.objects.select_related("authority").get(pk=decision_id)
        items = certificates.for_decision(decision)

        def report(done: int, total: int) -> None:
            progress_update(progress_id, done * 100 // max(total, 1), f"{done}/{total}")

        pdf = certificates.render(items, total=len(items), on_progress=report)
        for finish in certificates.FINISHERS:  # e.g. the agency's digital seal (signatures app)
            pdf = finish(decision, pdf)
        relative = file_save(folder="exports", extension=".pdf", content=pdf)
        progress_finish(
            progress_id,
            result_file=relative,
            result_name=f"giay-khen-{file_slug(decision.full_number)}.pdf",
            message=f"Đã in {vn_number(len(items))} giấy khen, bằng khen.",
        )
    return len(items)
