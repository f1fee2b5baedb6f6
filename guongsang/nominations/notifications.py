"""Thông báo: tell people when a dossier comes back to them or moves on.

In the app always; by e-mail too when a real mail backend is configured (not the console
backend of development) and the person has an address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.roles import Role
from guongsang.nominations.models import Dossier, Notification

# Steps that send the dossier back to its unit: its officers and its creator hear of it.
COMES_BACK = {"return", "reject"}
# Steps that move it on: its creator hears of it.
MOVES_ON = {"accept", "publish", "to_council", "recommend", "decide"}
QUIET_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def recipients(*, dossier: Dossier, action: str) -> list[Any]:
    users: dict[int, Any] = {}
    if action in COMES_BACK:
        officers = get_user_model().objects.filter(
            is_active=True,
            grants__role=Role.UNIT_OFFICER,
            grants__unit_id=dossier.unit_id,
        )
        users.update({u.pk: u for u in officers})
    creator = dossier.created_by
    if (action in COMES_BACK or action in MOVES_ON) and creator is not None and creator.is_active:
        users[creator.pk] = creator
    return list(users.values())


def message_for(*, dossier: Dossier, action: str, reason: str = "") -> str:
    text = _("Hồ sơ “%(dossier)s” chuyển sang “%(state)s”.") % {
        "dossier": dossier,
        "state": dossier.get_state_display(),
    }
    if reason:
        text += " " + _("Lý do: %(reason)s") % {"reason": reason}
    return text[:500]


def notify_transition(*, dossier: Dossier, action: str, reason: str = "") -> list[Notification]:
    """Record the notifications of one workflow step; e-mails leave once the step is saved."""
    users = recipients(dossier=dossier, action=action)
    if not users:
        return []
    message = message_for(dossier=dossier, action=action, reason=reason)
    created = Notification.objects.bulk_create(
        [Notification(user=user, dossier=dossier, message=message) for user in users]
    )
    if settings.EMAIL_BACKEND not in QUIET_BACKENDS:
        addresses = [u.email for u in users if u.email]
        if addresses:
            transaction.on_commit(lambda: _mail(message, addresses))
    return created


def _mail(message: str, addresses: list[str]) -> None:
    send_mail(
        subject=_("[Gương Sáng] Hồ sơ khen thưởng"),
        message=message,
        from_email=None,
        recipient_list=addresses,
        fail_silently=True,
    )


def unread_for(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at=None)


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("dossier")


def notifications_mark_read(*, user: Any) -> int:
    return unread_for(user=user).update(read_at=timezone.now())
