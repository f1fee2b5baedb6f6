"""Thông báo: tell people when a dossier comes back to them or moves on.

In the app always; by e-mail too when mail is configured (EMAIL_* settings; the console backend
of the demo prints them) and the person has an address and has not turned e-mail off on their
account page. The task worker sends the mail, so a slow mail server never holds a page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_date, vn_number
from guongsang.core.pagecache import bump_records_version
from guongsang.core.roles import Role
from guongsang.core.types import Actor, actor_user
from guongsang.decisions.selectors import dossier_outcomes
from guongsang.nominations.models import Dossier, Notification, State

# Steps that send the dossier back to its unit: its officers and its creator hear of it.
COMES_BACK = {"return", "reject"}
# Steps that bring it to the reviewing level: that level's secretariat hears of it.
REACHES_LEVEL = {"submit"}
# Steps that move it on: its creator hears of it. Signing ("decide") is told with the
# decision's number, date, amount and certificate by `notify_decided`, called at signing.
MOVES_ON = {"accept", "publish", "to_council", "recommend"}
# States of a dossier whose outcome may be a signed decision (its own, or the level above's).
DECIDED_STATES = {State.DECIDED, State.FORWARDED}
QUIET_BACKENDS = {"django.core.mail.backends.dummy.EmailBackend"}


def recipients(*, dossier: Dossier, action: str) -> list[Any]:
    users: dict[int, Any] = {}
    if action in COMES_BACK:
        officers = get_user_model().objects.filter(
            is_active=True,
            grants__role=Role.UNIT_OFFICER,
            grants__unit_id=dossier.unit_id,
        )
        users.update({u.pk: u for u in officers})
    if action in REACHES_LEVEL and dossier.level_unit_id is not None:
        secretariat = get_user_model().objects.filter(
            is_active=True,
            grants__role=Role.SECRETARIAT,
            grants__unit_id=dossier.level_unit_id,
        )
        users.update({u.pk: u for u in secretariat})
    creator = dossier.created_by
    if (action in COMES_BACK or action in MOVES_ON) and creator is not None and creator.is_active:
        users[creator.pk] = creator
    return list(users.values())


def message_for(*, dossier: Dossier, action: str, reason: str = "") -> str:
    if action in REACHES_LEVEL:
        text = _("%(unit)s đã gửi hồ sơ “%(dossier)s”, chờ tiếp nhận.") % {
            "unit": dossier.unit.name,
            "dossier": dossier,
        }
        return text[:500]
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
    return _notify(dossier, {u.pk: u for u in users}, message)


def decided_message(*, dossier: Dossier, number: str, on: dt.date, amount: int, code: str) -> str:
    """'Lê Thị Bích Liên được tặng “…” năm 2024 tại Quyết định số 1/QĐ-SLĐTBXH ngày 1 tháng 8
    năm 2024; tiền thưởng 710.000 đ; mã xác minh giấy khen DVPZX-RCWCG.'"""
    nominee = dossier.nominee_name
    title = dossier.title.name if "“" in dossier.title.name else f"“{dossier.title.name}”"
    text = _(
        "%(nominee)s được tặng %(title)s năm %(year)s tại Quyết định số %(number)s %(date)s; "
        "tiền thưởng %(amount)s đ."
    ) % {
        "nominee": nominee,
        "title": title,
        "year": dossier.year,
        "number": number,
        "date": vn_date(on),
        "amount": vn_number(amount),
    }
    if code:
        text = text[:-1] + "; " + _("mã xác minh giấy khen %(code)s.") % {"code": code}
    return text[:500]


def notify_decided(
    *,
    dossier: Dossier,
    number: str,
    on: dt.date,
    amount: int,
    code: str = "",
    check_url: str = "",
) -> list[Notification]:
    """The decision naming the dossier is signed: the proposing unit's officers and the
    dossier's creator hear the outcome (in the app, where the certificate's download and
    public check are links; by e-mail with the check's address); for a dossier forwarded
    from below, the unit below hears it on its own dossier too."""
    created: list[Notification] = []
    current: Dossier | None = dossier
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        message = decided_message(dossier=current, number=number, on=on, amount=amount, code=code)
        mail = message
        if check_url:
            mail += "\n" + _("Kiểm tra công khai giấy khen: %(url)s") % {"url": check_url}
        users = _unit_officers(current) | _creator(current)
        created += _notify(current, users, message, mail=mail)
        current = current.forwarded_from
    return created


def _unit_officers(dossier: Dossier) -> dict[int, Any]:
    officers = get_user_model().objects.filter(
        is_active=True, grants__role=Role.UNIT_OFFICER, grants__unit_id=dossier.unit_id
    )
    return {u.pk: u for u in officers}


def _creator(dossier: Dossier) -> dict[int, Any]:
    creator = dossier.created_by
    return {creator.pk: creator} if creator is not None and creator.is_active else {}


def _notify(
    dossier: Dossier, users: dict[int, Any], message: str, *, mail: str = ""
) -> list[Notification]:
    if not users:
        return []
    created = Notification.objects.bulk_create(
        [Notification(user=user, dossier=dossier, message=message) for user in users.values()]
    )
    bump_records_version()  # cached pages carry the bell's count (bulk_create sends no signal)
    _mail_later(mail or message, list(users.values()))
    return created


def mail_addresses(users: list[Any]) -> list[str]:
    """Who also hears by e-mail: an address, and e-mail not turned off by the person."""
    return [u.email for u in users if u.email and getattr(u, "notify_by_email", True)]


def _mail_later(message: str, users: list[Any]) -> None:
    if settings.EMAIL_BACKEND in QUIET_BACKENDS:
        return
    addresses = mail_addresses(users)
    if addresses:
        from guongsang.nominations.tasks import notification_mail

        transaction.on_commit(lambda: notification_mail.enqueue(message, addresses))


def mail_send(message: str, addresses: list[str]) -> int:
    """One notification by e-mail, in Vietnamese whatever page language raised it."""
    with translation.override("vi"):
        return send_mail(
            subject=_("[Gương Sáng] Thông báo"),
            message=message
            + "\n\n"
            + _(
                "Thư này được gửi tự động từ hệ thống Gương Sáng. Muốn thôi nhận thư, hãy tắt "
                "“Nhận thông báo qua thư điện tử” ở trang Tài khoản của tôi."
            ),
            from_email=None,
            recipient_list=addresses,
            fail_silently=False,
        )


def remind(*, users: list[Any], key: str, message: str, link: str) -> list[Notification]:
    """A reminder, once per person and key: a second call (another worker, the next round)
    sends nothing. E-mailed like the other notifications."""
    created = []
    for user in users:
        note, new = Notification.objects.get_or_create(
            user=user, key=key, defaults={"message": message[:500], "link": link}
        )
        if new:
            created.append(note)
    if created:
        _mail_later(message, [n.user for n in created])
    return created


def unread_for(*, user: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user=actor_user(user), read_at=None)


def notifications_for(*, user: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user=actor_user(user)).select_related("dossier")


def notifications_with_outcomes(
    *, user: Actor, limit: int = 100
) -> list[tuple[Notification, list]]:
    """The user's latest notifications, each with the decision outcomes it tells of (those
    signed before it was sent): the certificate's download and public check links."""
    items = list(notifications_for(user=user)[:limit])
    decided = {
        n.dossier.pk for n in items if n.dossier is not None and n.dossier.state in DECIDED_STATES
    }
    outcomes = dossier_outcomes(user=user, dossier_ids=decided)
    return [
        (
            n,
            [
                o
                for o in (outcomes.get(n.dossier.pk, []) if n.dossier is not None else [])
                if o.decision.signed_at is not None and o.decision.signed_at <= n.created_at
            ],
        )
        for n in items
    ]


def notifications_mark_read(*, user: Actor) -> int:
    read = unread_for(user=user).update(read_at=timezone.now())
    if read:
        bump_records_version()  # the bell's count on cached pages
    return read
