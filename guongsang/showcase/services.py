"""Writing stories and moderating citizens' tips. Every change is written to the audit log."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.models import Award
from guongsang.catalogue.models import Title
from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.permissions import in_scope
from guongsang.core.types import Actor, actor_user
from guongsang.core.uploads import Checked
from guongsang.nominations import services as nominations
from guongsang.nominations.models import Track
from guongsang.org.models import Unit
from guongsang.people.models import Person
from guongsang.showcase.models import Story, StoryStatus, Tip, TipPhoto, TipStatus
from guongsang.showcase.permissions import EDITOR_ROLES
from guongsang.showcase.text import slugify_vi

STORY_EDITABLE = frozenset(
    {
        "title",
        "summary",
        "body",
        "photo",
        "photo_alt",
        "unit",
        "person",
        "collective_name",
        "year",
        "award",
        "featured",
    }
)


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_vi(title, max_length=200)
    slug, n = base, 2
    taken = Story.objects.exclude(pk=exclude_pk) if exclude_pk else Story.objects.all()
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_story(story: Story) -> None:
    if story.person_id is None and not story.collective_name.strip():
        raise ValidationError(_("Chọn cá nhân được nêu gương hoặc nhập tên tập thể."))
    if story.person_id is not None and story.collective_name.strip():
        raise ValidationError(
            _("Một câu chuyện nói về một cá nhân hoặc một tập thể, không cả hai.")
        )
    if story.photo and not story.photo_alt.strip():
        raise ValidationError(_("Ảnh cần có mô tả (cho người dùng trình đọc màn hình)."))
    award = story.award  # None without a query when award_id is None
    if award is not None and award.person_id not in (None, story.person_id):
        raise ValidationError(_("Khen thưởng đã chọn không phải của cá nhân này."))


@transaction.atomic
def story_create(
    *,
    actor: Actor,
    unit: Unit,
    title: str,
    body: str,
    year: int,
    summary: str = "",
    person: Person | None = None,
    collective_name: str = "",
    award: Award | None = None,
    photo: Any = None,
    photo_alt: str = "",
    featured: bool = False,
) -> Story:
    if actor is not None and not in_scope(actor, unit.pk, EDITOR_ROLES):
        raise PermissionDenied(_("Đơn vị này không thuộc phạm vi của bạn."))
    story = Story(
        unit=unit,
        title=nfc(title).strip(),
        body=nfc(body).strip(),
        summary=nfc(summary).strip(),
        year=year,
        person=person,
        collective_name=nfc(collective_name).strip(),
        award=award,
        photo_alt=nfc(photo_alt).strip(),
        featured=featured,
        created_by=actor_user(actor),
    )
    if photo:
        story.photo = photo
    story.slug = unique_slug(story.title)
    _check_story(story)
    story.full_clean(exclude=["created_by", "photo"])
    story.save()
    audit.audit_create(
        actor=actor,
        obj=story,
        reason=_("Ảnh: %(name)s") % {"name": story.photo.name} if photo else "",
    )
    return story


@transaction.atomic
def story_update(*, actor: Actor, story: Story, **fields: Any) -> Story:
    unknown = set(fields) - STORY_EDITABLE
    if unknown:
        raise ValidationError(_("Không thể ghi trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    story = Story.objects.select_for_update().get(pk=story.pk)
    before = audit.snapshot(story)
    for name, value in fields.items():
        if isinstance(value, str) and name != "photo":
            value = nfc(value).strip()
        setattr(story, name, value)
    if actor is not None and not in_scope(actor, story.unit_id, EDITOR_ROLES):
        raise PermissionDenied(_("Đơn vị này không thuộc phạm vi của bạn."))
    if "title" in fields and story.status == StoryStatus.DRAFT:
        story.slug = unique_slug(story.title, exclude_pk=story.pk)  # published URLs stay stable
    _check_story(story)
    story.full_clean(exclude=["created_by", "photo"])
    story.save()
    reason = _("Đổi ảnh: %(name)s") % {"name": story.photo.name or "—"} if "photo" in fields else ""
    entry = audit.audit_update(actor=actor, obj=story, before=before, reason=reason)
    if entry is None and reason:
        audit.audit_log(actor=actor, action=AuditAction.UPDATE, obj=story, reason=reason)
    return story


@transaction.atomic
def story_record_consent(*, actor: Actor, story: Story, note: str) -> Story:
    """Record that the person (or the collective) agreed to publication, and how."""
    note = nfc(note or "").strip()
    if not note:
        raise ValidationError(_("Ghi rõ hình thức đồng ý (ví dụ: phiếu đồng ý ký ngày …)."))
    story = Story.objects.select_for_update().get(pk=story.pk)
    before = audit.snapshot(story)
    story.consent_recorded_at = timezone.now()
    story.consent_note = note[:300]
    story.save(update_fields=["consent_recorded_at", "consent_note", "updated_at"])
    audit.audit_update(actor=actor, obj=story, before=before, reason=_("Ghi nhận đồng ý đăng"))
    return story


@transaction.atomic
def story_publish(*, actor: Actor, story: Story) -> Story:
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.consent_recorded_at is None:
        raise ValidationError(_("Chưa ghi nhận sự đồng ý của người được nêu gương: chưa thể đăng."))
    if story.status == StoryStatus.PUBLISHED:
        raise ValidationError(_("Câu chuyện đã được đăng."))
    before = audit.snapshot(story)
    story.status = StoryStatus.PUBLISHED
    story.published_at = story.published_at or timezone.now()
    story.save(update_fields=["status", "published_at", "updated_at"])
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=story,
        before={"status": before["status"]},
        after={"status": story.status},
    )
    return story


@transaction.atomic
def story_withdraw(*, actor: Actor, story: Story, reason: str) -> Story:
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(_("Nhập lý do gỡ câu chuyện."))
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status != StoryStatus.PUBLISHED:
        raise ValidationError(_("Chỉ gỡ được câu chuyện đang đăng."))
    story.status = StoryStatus.WITHDRAWN
    story.featured = False
    story.save(update_fields=["status", "featured", "updated_at"])
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=story,
        before={"status": StoryStatus.PUBLISHED},
        after={"status": story.status},
        reason=reason,
    )
    return story


# --- Tips -------------------------------------------------------------------------------


def ip_hash(ip: str) -> str:
    """The sender's address is kept only as a keyed hash (to spot floods), never in clear."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest() if ip else ""


@transaction.atomic
def tip_submit(
    *,
    about_who: str,
    where: str,
    what: str,
    tipster_name: str,
    tipster_contact: str,
    ip: str = "",
    photos: Sequence[tuple[str, Checked]] = (),
) -> Tip:
    """A citizen's tip, with the photos already checked and cleaned (name, clean copy)."""
    tip = Tip(
        about_who=nfc(about_who).strip(),
        where=nfc(where).strip(),
        what=nfc(what).strip(),
        tipster_name=nfc(tipster_name).strip(),
        tipster_contact=nfc(tipster_contact).strip(),
        ip_hash=ip_hash(ip),
    )
    tip.full_clean(exclude=["merged_into_tip", "merged_into_story", "dossier", "moderated_by"])
    tip.save()
    tip.reference = tip_reference(tip)
    tip.save(update_fields=["reference"])
    photos = photos[: TipPhoto.MAX_PER_TIP]
    for original_name, checked in photos:
        # The storage names the file; the stored copy is the one without metadata.
        stored = file_save(folder="tips", extension=checked.extension, content=checked.data)
        TipPhoto.objects.create(
            tip=tip,
            file=stored,
            original_name=nfc(original_name)[:255],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
    reason = _("Người dân gửi tin báo")
    if photos:
        reason = _("Người dân gửi tin báo kèm %(n)s ảnh") % {
            "n": len(photos[: TipPhoto.MAX_PER_TIP])
        }
    audit.audit_create(actor=None, obj=tip, reason=reason)
    return tip


def tip_reference(tip: Tip) -> str:
    """'TB-2026-00042': the year it came and the tip's number, unique because the key is."""
    return f"TB-{timezone.localdate().year}-{tip.pk:05d}"


def _moderate(tip: Tip, actor: Actor, status: str) -> dict[str, Any]:
    before = audit.snapshot(tip)
    tip.status = status
    tip.moderated_by = actor_user(actor)
    tip.moderated_at = timezone.now()
    return before


def _locked_tip(tip: Tip, *, allowed: set[str]) -> Tip:
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.status not in allowed:
        raise ValidationError(
            _("Tin báo đang ở trạng thái “%(s)s”: không thể thực hiện.")
            % {"s": tip.get_status_display()}
        )
    return tip


def _log_state(actor: Actor, tip: Tip, before: dict[str, Any], reason: str = "") -> None:
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=tip,
        before={"status": before["status"]},
        after=audit.changed(before, audit.snapshot(tip)),
        reason=reason,
    )


@transaction.atomic
def tip_accept(*, actor: Actor, tip: Tip) -> Tip:
    tip = _locked_tip(tip, allowed={TipStatus.NEW})
    before = _moderate(tip, actor, TipStatus.ACCEPTED)
    tip.save()
    _log_state(actor, tip, before)
    return tip


@transaction.atomic
def tip_reject(*, actor: Actor, tip: Tip, reason: str) -> Tip:
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(_("Nhập lý do không tiếp nhận tin báo."))
    tip = _locked_tip(tip, allowed={TipStatus.NEW, TipStatus.ACCEPTED})
    if tip.dossier_id is not None:
        raise ValidationError(_("Tin báo đã thành hồ sơ đề nghị: không thể từ chối."))
    before = _moderate(tip, actor, TipStatus.REJECTED)
    tip.reject_reason = reason
    tip.save()
    _log_state(actor, tip, before, reason)
    return tip


@transaction.atomic
def tip_merge(
    *, actor: Actor, tip: Tip, into_tip: Tip | None = None, into_story: Story | None = None
) -> Tip:
    """The tip tells of something already known: fold it into another tip or a story."""
    if (into_tip is None) == (into_story is None):
        raise ValidationError(_("Chọn một tin báo hoặc một câu chuyện để gộp vào."))
    tip = _locked_tip(tip, allowed={TipStatus.NEW, TipStatus.ACCEPTED})
    if tip.dossier_id is not None:
        raise ValidationError(_("Tin báo đã thành hồ sơ đề nghị: không thể gộp."))
    if into_tip is not None:
        if into_tip.pk == tip.pk:
            raise ValidationError(_("Không thể gộp tin báo vào chính nó."))
        if into_tip.status in {TipStatus.MERGED, TipStatus.REJECTED}:
            raise ValidationError(_("Chỉ gộp được vào tin báo đang xử lý hoặc đã tiếp nhận."))
    before = _moderate(tip, actor, TipStatus.MERGED)
    tip.merged_into_tip = into_tip
    tip.merged_into_story = into_story
    tip.save()
    _log_state(actor, tip, before)
    return tip


@transaction.atomic
def tip_to_dossier(
    *,
    actor: Actor,
    tip: Tip,
    unit: Unit,
    title: Title,
    year: int,
    person: Person | None = None,
    nominee_unit: Unit | None = None,
) -> Any:
    """Turn an accepted (or new) tip into a draft nomination of ``unit``; link them."""
    if not in_scope(actor, unit.pk, EDITOR_ROLES):
        raise PermissionDenied(_("Đơn vị này không thuộc phạm vi của bạn."))
    tip = _locked_tip(tip, allowed={TipStatus.NEW, TipStatus.ACCEPTED})
    if tip.dossier_id is not None:
        raise ValidationError(_("Tin báo này đã có hồ sơ đề nghị."))
    summary = _("Theo tin báo của người dân: %(who)s — %(where)s. %(what)s") % {
        "who": tip.about_who,
        "where": tip.where,
        "what": tip.what,
    }
    dossier = nominations.dossier_create(
        actor=actor,
        unit=unit,
        title=title,
        year=year,
        person=person,
        nominee_unit=nominee_unit,
        track=Track.AD_HOC,
        summary=summary[:2000],
    )
    before = _moderate(tip, actor, TipStatus.ACCEPTED)
    tip.dossier = dossier
    tip.save()
    _log_state(actor, tip, before, _("Lập hồ sơ đề nghị từ tin báo"))
    return dossier


def tip_contact_reveal(*, actor: Actor, tip: Tip, request: Any = None) -> dict[str, str]:
    """The tipster's name and contact in clear, for the secretariat; the read is logged."""
    audit.audit_personal_read(actor=actor, obj=tip, request=request)
    return {"tipster_name": tip.tipster_name, "tipster_contact": tip.tipster_contact}
