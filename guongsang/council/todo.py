"""What waits on the council's procedure: notices ending, objections to answer, dossiers to
publish or put on an agenda, sessions to prepare or close; a member's open ballots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_date
from guongsang.core.permissions import has_role
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.council import selectors
from guongsang.council.models import (
    CouncilSession,
    KeyHolder,
    KeyShare,
    MemberRole,
    Objection,
    PublicNotice,
    SessionStatus,
)
from guongsang.council.permissions import MANAGE_ROLES

# A notice ending within this many days is flagged on the secretariat's home.
ENDING_SOON_DAYS = 3


def _secretariat(user: Any) -> Iterator[TodoItem]:
    today = timezone.localdate()
    notices = selectors.in_managed_levels(PublicNotice.objects.all(), user, "level_unit")
    ending = list(
        notices.filter(ends_on__gte=today, ends_on__lte=today + dt.timedelta(ENDING_SOON_DAYS))
        .order_by("ends_on")
        .values_list("ends_on", flat=True)
    )
    if ending:
        yield TodoItem(
            role=Role.SECRETARIAT,
            label=_("Đợt công khai sắp kết thúc"),
            count=len(ending),
            url=reverse("council:notice_list"),
            detail=_("Kết thúc %(date)s") % {"date": vn_date(ending[0])},
            urgent=True,
            icon="megaphone",
        )
    unanswered = Objection.objects.filter(notice__in=notices, answered_at__isnull=True).count()
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Phản ánh chưa trả lời"),
        count=unanswered,
        url=reverse("council:notice_list"),
        urgent=True,
        icon="chat-left-text",
    )
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Hồ sơ đã tiếp nhận, chờ đưa ra công khai"),
        count=selectors.dossiers_to_publish(user=user).count(),
        url=reverse("council:notice_create"),
        icon="megaphone",
    )
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Hồ sơ chờ xếp vào phiên họp Hội đồng"),
        count=selectors.dossiers_for_agenda(user=user).count(),
        url=reverse("council:session_create"),
        icon="calendar-plus",
    )
    sessions = selectors.in_managed_levels(CouncilSession.objects.all(), user, "level_unit")
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Phiên họp đang chuẩn bị"),
        count=sessions.filter(status=SessionStatus.DRAFT).count(),
        url=reverse("council:session_list"),
        icon="people",
    )
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Phiên họp đang bỏ phiếu, chờ kiểm phiếu"),
        count=sessions.filter(status=SessionStatus.OPEN).count(),
        url=reverse("council:session_list"),
        icon="box-arrow-in-down",
    )


def _member(user: Any) -> Iterator[TodoItem]:
    open_ballots = selectors.open_ballots_for_member(user=user)
    waiting = [(session, len(items) - len(voted)) for session, items, voted in open_ballots]
    waiting = [(s, n) for s, n in waiting if n]
    if waiting:
        first = min(waiting, key=lambda pair: pair[0].held_on)[0]
        yield TodoItem(
            role=Role.COUNCIL_MEMBER,
            label=_("Hồ sơ chờ bạn bỏ phiếu"),
            count=sum(n for _s, n in waiting),
            url=reverse("council:my_ballots"),
            detail=_("Phiên họp %(date)s") % {"date": vn_date(first.held_on)},
            urgent=True,
            icon="check2-square",
        )


def _key_holder(user: Any, role: str, holder: str, sessions: Any) -> Iterator[TodoItem]:
    """Phiếu mã hóa: a key share to create before the vote, a decryption to publish after."""
    encrypted = sessions.filter(encrypted=True)
    to_create = list(
        encrypted.filter(status=SessionStatus.DRAFT).exclude(key_shares__holder=holder)
    )
    to_decrypt = [
        share.session
        for share in KeyShare.objects.filter(
            user=user,
            holder=holder,
            decryption__isnull=True,
            session__status=SessionStatus.COUNTING,
        ).select_related("session")
    ]
    waiting = to_decrypt + to_create
    if waiting:
        yield TodoItem(
            role=role,
            label=_("Phần khóa phiếu mã hóa chờ bạn"),
            count=len(waiting),
            url=reverse("council:session_detail", kwargs={"uuid": waiting[0].uuid}),
            detail=_("Giải mã tổng số phiếu") if to_decrypt else _("Tạo phần khóa"),
            urgent=True,
            icon="key",
        )


def todo(user: Any) -> Iterator[TodoItem]:
    if has_role(user, MANAGE_ROLES):
        yield from _secretariat(user)
        managed = selectors.in_managed_levels(CouncilSession.objects.all(), user, "level_unit")
        yield from _key_holder(user, Role.SECRETARIAT, KeyHolder.SECRETARIAT, managed)
    if has_role(user, {Role.COUNCIL_MEMBER}):
        yield from _member(user)
        chaired = CouncilSession.objects.filter(
            council__members__user=user, council__members__role=MemberRole.CHAIR
        )
        yield from _key_holder(user, Role.COUNCIL_MEMBER, KeyHolder.CHAIR, chaired)
