"""Writes of dossiers: create, edit, attach files, move through the workflow, override checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Title
from guongsang.core import audit
from guongsang.core.formatting import nfc, quoted
from guongsang.core.services import full_clean, model_update
from guongsang.core.types import Actor, actor_user
from guongsang.core.uploads import stored_file_fields
from guongsang.core.validators import clean_text
from guongsang.movements.models import Movement
from guongsang.nominations import eligibility, notifications, uploads
from guongsang.nominations.models import (
    CheckOverride,
    Dossier,
    DossierEvent,
    DossierFile,
    State,
    Track,
)
from guongsang.nominations.permissions import can_act
from guongsang.nominations.workflow import TRANSITIONS, Transition, sources_for
from guongsang.org.models import Unit, UnitType
from guongsang.org.selectors import ancestors_of, unit_ids_under
from guongsang.people.models import Person

# Units whose council reviews the dossiers of the units beneath them.
REVIEWING_TYPES = {UnitType.DEPARTMENT, UnitType.DISTRICT, UnitType.CITY, UnitType.MINISTRY}
EDITABLE_FIELDS = {
    "summary",
    "report",
    "meeting_date",
    "votes_yes",
    "votes_total",
    "track",
    "movement",
}


def reviewing_level(unit: Unit) -> Unit:
    """The nearest unit, from the unit itself upwards, whose council reviews its dossiers."""
    if unit.unit_type in REVIEWING_TYPES:
        return unit
    for ancestor in reversed(ancestors_of(unit)):
        if ancestor.unit_type in REVIEWING_TYPES:
            return ancestor
    return unit


@transaction.atomic
def dossier_create(
    *,
    actor: Actor,
    unit: Unit,
    title: Title,
    year: int,
    person: Person | None = None,
    nominee_unit: Unit | None = None,
    track: str = Track.YEARLY,
    summary: str = "",
    report: str = "",
    movement: Movement | None = None,
    form_token: Any = None,
    **extra: Any,
) -> Dossier:
    if (person is None) == (nominee_unit is None):
        raise ValidationError(_("Chọn một cá nhân hoặc một tập thể được đề nghị."))
    unknown = set(extra) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Không thể ghi trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if person is not None:
        nominee_home = person.home_unit_id
    else:
        assert nominee_unit is not None  # exactly one of the two, checked above
        nominee_home = nominee_unit.pk
    if not unit_ids_under(unit).filter(descendant_id=nominee_home).exists():
        raise ValidationError(
            _("Đối tượng được đề nghị không thuộc %(unit)s hoặc đơn vị trực thuộc.")
            % {"unit": unit.name}
        )
    dossier = Dossier(
        unit=unit,
        level_unit=reviewing_level(unit),
        title=title,
        year=year,
        person=person,
        nominee_unit=nominee_unit,
        track=track,
        summary=clean_text(summary, multiline=True),
        report=clean_text(report, multiline=True),
        movement=movement,
        created_by=actor_user(actor),
        form_token=form_token,
        **extra,
    )
    _check_movement(dossier)
    full_clean(dossier, exclude=["created_by", "forwarded_from", "form_token"])
    dossier.save()
    audit.audit_create(actor=actor, obj=dossier)
    return dossier


# A dossier the same person made from a form this recently, for the same nominee, title and
# year, is the same form sent again (the back button reloads the form with a new token but
# the browser puts back what was typed).
RESENT_WITHIN = dt.timedelta(minutes=10)
RESENT_SAME = ("unit", "title", "year", "person", "nominee_unit", "track")


def dossier_from_form(*, actor: Any, form_token: Any, fields: dict[str, Any]) -> Dossier | None:
    """The dossier this user already made from the same form, if any."""
    mine = Dossier.objects.filter(created_by=actor)
    if form_token is not None and (same := mine.filter(form_token=form_token).first()):
        return same
    same_content = {name: fields.get(name) for name in RESENT_SAME}
    return (
        mine.filter(
            form_token__isnull=False,
            state=State.DRAFT,
            created_at__gte=timezone.now() - RESENT_WITHIN,
            **same_content,
        )
        .order_by("-pk")
        .first()
    )


def _check_movement(dossier: Dossier) -> None:
    movement = dossier.movement
    if movement is not None and movement.year != dossier.year:
        raise ValidationError(
            _("%(name)s là phong trào của năm %(m)s, không phải năm %(y)s của hồ sơ.")
            % {"name": quoted(movement.name), "m": movement.year, "y": dossier.year}
        )


@transaction.atomic
def dossier_update(*, actor: Actor, dossier: Dossier, **changes: Any) -> Dossier:
    if dossier.state not in {State.DRAFT, State.RETURNED}:
        raise ValidationError(_("Chỉ sửa được hồ sơ đang soạn hoặc bị trả lại."))

    def check(dossier: Dossier) -> None:
        _check_movement(dossier)
        full_clean(dossier, exclude=["created_by", "forwarded_from"])

    return model_update(
        actor=actor,
        obj=dossier,
        changes=changes,
        allowed=EDITABLE_FIELDS,
        clean=lambda _name, value: (
            clean_text(value, multiline=True) if isinstance(value, str) else value
        ),
        before_save=check,
    )


@transaction.atomic
def dossier_attach(
    *, actor: Actor, dossier: Dossier, kind: str, upload: UploadedFile
) -> DossierFile:
    if dossier.state not in {State.DRAFT, State.RETURNED}:
        raise ValidationError(_("Chỉ thêm tệp vào hồ sơ đang soạn hoặc bị trả lại."))
    checked = uploads.check_upload(upload)
    stored = uploads.store(checked, folder=str(dossier.uuid))
    attached = DossierFile.objects.create(
        dossier=dossier,
        kind=kind,
        **stored_file_fields(upload=upload, checked=checked, stored_path=stored, actor=actor),
    )
    audit.audit_create(actor=actor, obj=attached)
    return attached


def _refuse(message: str) -> None:
    raise PermissionDenied(message)


def dossier_transition(*, actor: Actor, dossier: Dossier, action: str, reason: str = "") -> Dossier:
    """Take one step of the workflow by hand; anything refused raises and changes nothing.

    The steps of the council procedure (public notice, agenda, tally, signing) are refused
    here: they follow only from the procedure itself (see `procedure_step`)."""
    transition = _transition(action)
    if transition.procedure is not None:
        raise ValidationError(
            _("“%(label)s” chỉ diễn ra qua %(procedure)s, không chuyển trực tiếp được.")
            % {"label": transition.label, "procedure": transition.procedure}
        )
    return _apply(actor=actor, dossier=dossier, transition=transition, reason=reason)


def procedure_step(*, actor: Actor, dossier: Dossier, action: str, reason: str = "") -> Dossier:
    """A step of the council procedure, called only by the service that carries it out:
    `council.services` (notice, agenda, tally), `decisions.services` (signing) and the
    contest's commendation of authors (the jury's ranking stands for the council)."""
    transition = _transition(action)
    if transition.procedure is None:
        raise ValidationError(_("Thao tác “%(a)s” không phải một bước thủ tục.") % {"a": action})
    return _apply(actor=actor, dossier=dossier, transition=transition, reason=reason)


def _transition(action: str) -> Transition:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Thao tác “%(a)s” không tồn tại.") % {"a": action})
    return transition


@transaction.atomic
def _apply(*, actor: Actor, dossier: Dossier, transition: Transition, reason: str) -> Dossier:
    action = transition.action
    # Lock the row: two people acting on one dossier at once must not both win.
    # The lock takes the dossier's row only; what the checks, the audit entry and the
    # notifications read of it (title, person, unit, creator) comes in the same query.
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("title", "person", "nominee_unit", "unit", "level_unit", "created_by")
        .get(pk=dossier.pk)
    )
    if not can_act(actor, dossier, transition.roles):
        _refuse(
            _("Bạn không có quyền thực hiện bước “%(label)s” với hồ sơ này.")
            % {"label": transition.label}
        )
    if dossier.state not in sources_for(transition, dossier.track):
        raise ValidationError(
            _("Không thể thực hiện bước “%(label)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"label": transition.label, "state": dossier.get_state_display()}
        )
    reason = nfc(reason).strip()
    if transition.needs_reason and not reason:
        raise ValidationError(_("Cần ghi rõ lý do khi “%(label)s”.") % {"label": transition.label})
    if action in {"submit", "accept"}:
        stops = eligibility.blocking(eligibility.check_dossier(dossier))
        if stops:
            raise ValidationError([f.message for f in stops])
    before = audit.snapshot(dossier)
    source = dossier.state
    dossier.state = transition.target
    dossier.state_changed_at = timezone.now()
    dossier.save(update_fields=["state", "state_changed_at", "updated_at"])
    DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_state=source,
        to_state=dossier.state,
        by=actor_user(actor),
        reason=reason,
    )
    audit.audit_state(
        actor=actor, obj=dossier, before=before, reason=reason or str(transition.label)
    )
    notifications.notify_transition(dossier=dossier, action=action, reason=reason)
    if action == "forward":
        _forward(actor=actor, dossier=dossier)
    if dossier.forwarded_from_id and dossier.state in {
        State.DECIDED,
        State.NOT_RECOMMENDED,
        State.REJECTED,
    }:
        _report_back(actor=actor, upper=dossier)
    return dossier


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk action did: the dossiers moved, and those refused with the reason why."""

    done: list[Dossier] = field(default_factory=list)
    refused: list[tuple[Dossier, str]] = field(default_factory=list)


BULK_ACTIONS = ("accept", "return")


def dossier_bulk_transition(
    *, actor: Actor, dossiers: Iterable[Dossier], action: str, reason: str = ""
) -> BulkOutcome:
    """Apply one workflow step to many dossiers, each in its own transaction: a refused dossier
    is left unchanged and does not stop the others."""
    outcome = BulkOutcome()
    for dossier in dossiers:
        try:
            moved = dossier_transition(actor=actor, dossier=dossier, action=action, reason=reason)
        except (PermissionDenied, ValidationError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            outcome.refused.append((dossier, " ".join(messages)))
        else:
            outcome.done.append(moved)
    return outcome


def _forward(*, actor: Actor, dossier: Dossier) -> Dossier:
    """The dossier re-enters at the level above as that level's dossier."""
    level = dossier.level_unit
    above = reviewing_level(level.parent) if level.parent is not None else None
    if above is None or above.pk == level.pk:
        raise ValidationError(
            _(
                "Cấp trên của hồ sơ này không dùng hệ thống: hãy lập tờ trình (mục “Tờ trình”) "
                "và gửi gói hồ sơ cho Ban Thi đua - Khen thưởng Trung ương."
            )
        )
    upper = Dossier.objects.create(
        unit=level,
        level_unit=above,
        title=dossier.title,
        year=dossier.year,
        person=dossier.person,
        nominee_unit=dossier.nominee_unit,
        track=dossier.track,
        summary=dossier.summary,
        report=dossier.report,
        meeting_date=dossier.meeting_date,
        votes_yes=dossier.votes_yes,
        votes_total=dossier.votes_total,
        state=State.SUBMITTED,
        state_changed_at=timezone.now(),
        created_by=actor_user(actor),
        forwarded_from=dossier,
    )
    DossierFile.objects.bulk_create(
        DossierFile(
            dossier=upper,
            kind=attached.kind,
            original_name=attached.original_name,
            stored_path=attached.stored_path,
            content_type=attached.content_type,
            size=attached.size,
            sha256=attached.sha256,
            uploaded_by_id=attached.uploaded_by_id,
        )
        for attached in dossier.files.all()
    )
    DossierEvent.objects.create(
        dossier=upper,
        action="received",
        from_state=State.DRAFT,
        to_state=State.SUBMITTED,
        by=actor_user(actor),
        reason=_("Tiếp nhận từ %(unit)s") % {"unit": level.name},
    )
    audit.audit_create(actor=actor, obj=upper, reason=_("Trình lên cấp trên"))
    return upper


def _report_back(*, actor: Actor, upper: Dossier) -> None:
    """The upper level's outcome is written on the dossier it came from."""
    lower = Dossier.objects.select_for_update().get(forwarded_to=upper)
    before = audit.snapshot(lower)
    lower.outcome_note = _("%(level)s: %(state)s") % {
        "level": upper.level_unit.name,
        "state": upper.get_state_display(),
    }
    lower.save(update_fields=["outcome_note", "updated_at"])
    audit.audit_update(actor=actor, obj=lower, before=before, reason=_("Kết quả từ cấp trên"))


@transaction.atomic
def check_override(
    *, actor: Actor, dossier: Dossier, check_code: str, reason: str
) -> CheckOverride:
    if not can_act(actor, dossier, frozenset({"secretariat"})):
        _refuse(_("Chỉ thường trực Hội đồng được cho phép vượt một điều kiện."))
    if check_code == "missing":
        raise ValidationError(_("Không thể bỏ qua hồ sơ còn thiếu: hãy bổ sung."))
    if not nfc(reason).strip():
        raise ValidationError(_("Cần ghi rõ lý do cho phép."))
    override, _created = CheckOverride.objects.update_or_create(
        dossier=dossier,
        check_code=check_code,
        defaults={"reason": nfc(reason).strip(), "by": actor_user(actor)},
    )
    audit.audit_create(actor=actor, obj=override, reason=reason)
    return override
