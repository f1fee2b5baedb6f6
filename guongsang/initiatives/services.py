"""Writes of initiatives: register, attach evidence, record the council's finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.formatting import nfc, vn_short_date
from guongsang.core.types import Actor, actor_user
from guongsang.core.uploads import check_upload
from guongsang.core.validators import clean_text
from guongsang.initiatives.models import (
    SCOPE_RANK,
    Assessment,
    Author,
    Evidence,
    Field,
    Initiative,
    Scope,
    Status,
)
from guongsang.org.models import Unit
from guongsang.people.models import Person

FULL_SHARE = Decimal("100")


def _check_authors(authors: Sequence[tuple[Person, Decimal]]) -> None:
    if not authors:
        raise ValidationError(_("Sáng kiến cần ít nhất một tác giả."))
    people = [person.pk for person, _share in authors]
    if len(set(people)) != len(people):
        raise ValidationError(_("Một người chỉ được ghi một lần trong danh sách tác giả."))
    for person, share in authors:
        if share is None or share <= 0 or share > FULL_SHARE:
            raise ValidationError(
                _("Tỷ lệ đóng góp của %(name)s phải lớn hơn 0 và không quá 100%%.")
                % {"name": person.full_name}
            )
    total = sum((share for _person, share in authors), Decimal(0))
    if total != FULL_SHARE:
        raise ValidationError(
            _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%% (đang là %(total)s%%).")
            % {"total": f"{total.normalize():f}".replace(".", ",")}
        )


@transaction.atomic
def initiative_register(
    *,
    actor: Actor,
    unit: Unit,
    title: str,
    field: str,
    started_on: dt.date,
    registered_on: dt.date | None = None,
    description: str,
    authors: Sequence[tuple[Person, Decimal]],
    files: Iterable[UploadedFile] = (),
) -> Initiative:
    """Đăng ký sáng kiến: the initiative, its authors with their shares, its evidence."""
    registered_on = registered_on or timezone.localdate()
    title = clean_text(title)
    description = clean_text(description, multiline=True)
    if not title:
        raise ValidationError(_("Chưa nhập tên sáng kiến."))
    if not description:
        raise ValidationError(_("Chưa mô tả sáng kiến."))
    if field not in Field.values:
        raise ValidationError(_("Lĩnh vực sáng kiến không hợp lệ."))
    if not unit.is_active:
        raise ValidationError(_("Đơn vị “%(name)s” không còn hoạt động.") % {"name": unit.name})
    if registered_on > timezone.localdate():
        raise ValidationError(_("Ngày đăng ký không được sau hôm nay."))
    if started_on > registered_on:
        raise ValidationError(
            _("Ngày bắt đầu áp dụng (%(start)s) phải trước ngày đăng ký (%(reg)s).")
            % {"start": vn_short_date(started_on), "reg": vn_short_date(registered_on)}
        )
    _check_authors(authors)
    initiative = Initiative.objects.create(
        title=title,
        unit=unit,
        field=field,
        started_on=started_on,
        registered_on=registered_on,
        description=description,
        created_by=actor_user(actor),
    )
    Author.objects.bulk_create(
        Author(initiative=initiative, person=person, share=share) for person, share in authors
    )
    audit.audit_create(actor=actor, obj=initiative)
    for upload in files:
        initiative_attach(actor=actor, initiative=initiative, upload=upload)
    return initiative


@transaction.atomic
def initiative_attach(*, actor: Actor, initiative: Initiative, upload: UploadedFile) -> Evidence:
    """An evidence file, judged by its content (PDF, DOCX, JPEG, PNG) and size."""
    checked = check_upload(upload)
    stored = file_save(
        folder=f"initiatives/{initiative.uuid}", extension=checked.extension, content=checked.data
    )
    evidence = Evidence.objects.create(
        initiative=initiative,
        original_name=nfc(upload.name or "tep")[:255],
        stored_path=stored,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor_user(actor),
    )
    audit.audit_create(actor=actor, obj=evidence)
    return evidence


@transaction.atomic
def initiative_assess(
    *,
    actor: Actor,
    initiative: Initiative,
    council: str,
    score: Decimal,
    recognised: bool,
    scope: str = "",
    decision_number: str,
    decision_date: dt.date,
    note: str = "",
) -> Assessment:
    """Ghi kết quả đánh giá của Hội đồng sáng kiến; the register keeps the widest scope."""
    council = clean_text(council)
    decision_number = clean_text(decision_number)
    if not council:
        raise ValidationError(_("Chưa nhập tên hội đồng sáng kiến."))
    if not decision_number:
        raise ValidationError(_("Chưa nhập số quyết định công nhận."))
    if score is None or not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(_("Điểm đánh giá phải từ 0 đến 100."))
    if recognised and scope not in Scope.values:
        raise ValidationError(_("Sáng kiến được công nhận cần có phạm vi công nhận."))
    if not recognised:
        scope = ""
    if decision_date > timezone.localdate():
        raise ValidationError(_("Ngày quyết định không được sau hôm nay."))
    if decision_date < initiative.registered_on:
        raise ValidationError(
            _("Ngày quyết định phải từ ngày đăng ký sáng kiến (%(date)s) trở đi.")
            % {"date": vn_short_date(initiative.registered_on)}
        )
    if initiative.assessments.filter(decision_number=decision_number).exists():
        raise ValidationError(
            _("Quyết định số %(number)s đã được ghi cho sáng kiến này.")
            % {"number": decision_number}
        )
    assessment = Assessment.objects.create(
        initiative=initiative,
        council=council,
        score=score,
        recognised=recognised,
        scope=scope,
        decision_number=decision_number,
        decision_date=decision_date,
        note=clean_text(note, multiline=True),
        recorded_by=actor_user(actor),
    )
    audit.audit_create(actor=actor, obj=assessment)
    before = audit.snapshot(initiative)
    scopes = list(initiative.assessments.filter(recognised=True).values_list("scope", flat=True))
    if scopes:
        initiative.status = Status.RECOGNISED
        initiative.scope = max(scopes, key=lambda s: SCOPE_RANK[Scope(s)])
    else:
        initiative.status = Status.REFUSED
    initiative.save(update_fields=["status", "scope", "updated_at"])
    audit.audit_update(actor=actor, obj=initiative, before=before)
    return assessment
