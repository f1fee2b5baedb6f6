"""What waits on dossiers: the unit officer's drafts and returned dossiers, the secretariat's
dossiers to receive. Listed on the home page (core.todo)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.core.permissions import scope_unit_ids
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor
from guongsang.nominations.models import Dossier, DossierEvent, State
from guongsang.nominations.permissions import LEVEL_ROLES


def _list_url(state: str) -> str:
    return f"{reverse('nominations:list')}?{urlencode({'status': state})}"


def _own(user: Actor, roles: Any, field: str) -> Any:
    ids = scope_unit_ids(user, roles)
    qs = Dossier.objects.all()
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def todo(user: Actor) -> Iterator[TodoItem]:
    officer = _own(user, {Role.UNIT_OFFICER}, "unit")
    drafts = officer.filter(state=State.DRAFT).count()
    yield TodoItem(
        role=Role.UNIT_OFFICER,
        label=_("Hồ sơ đang soạn, chưa gửi"),
        count=drafts,
        url=_list_url(State.DRAFT),
        icon="pencil",
    )
    last_reason = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), to_state=State.RETURNED)
        .order_by("-at", "-pk")
        .values("reason")[:1]
    )
    returned = list(
        officer.filter(state=State.RETURNED)
        .annotate(reason=Subquery(last_reason))
        .select_related("person", "nominee_unit")
        .order_by("-state_changed_at", "-pk")[:3]
    )
    if returned:
        total = officer.filter(state=State.RETURNED).count()
        first = returned[0]
        name = first.person.full_name if first.person else first.nominee_unit.name
        yield TodoItem(
            role=Role.UNIT_OFFICER,
            label=_("Hồ sơ bị trả lại, cần bổ sung"),
            count=total,
            url=_list_url(State.RETURNED),
            detail=_("%(name)s: %(reason)s") % {"name": name, "reason": first.reason or "—"},
            urgent=True,
            icon="arrow-return-left",
        )
    waiting = _own(user, LEVEL_ROLES, "level_unit").filter(state=State.SUBMITTED).count()
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Hồ sơ đơn vị đã gửi, chờ tiếp nhận"),
        count=waiting,
        url=_list_url(State.SUBMITTED),
        icon="inbox",
    )
