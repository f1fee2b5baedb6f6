"""What waits on decisions: dossiers the council recommended, to put in a decision or a tờ
trình upward (secretariat); draft decisions waiting for a signature (signer)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.core.permissions import has_role, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor
from guongsang.decisions import selectors
from guongsang.decisions.models import Decision, DecisionState
from guongsang.decisions.permissions import DRAFT_ROLES, SIGN_ROLES


def todo(user: Actor) -> Iterator[TodoItem]:
    if has_role(user, DRAFT_ROLES):
        yield TodoItem(
            role=Role.SECRETARIAT,
            label=_("Hồ sơ Hội đồng đề nghị khen, chờ dự thảo quyết định"),
            count=selectors.dossiers_to_decide(user=user).count(),
            url=reverse("decisions:draft"),
            icon="file-earmark-plus",
        )
        yield TodoItem(
            role=Role.SECRETARIAT,
            label=_("Hồ sơ chờ lập tờ trình cấp trên"),
            count=selectors.dossiers_to_forward(user=user).count(),
            url=reverse("decisions:submission_create"),
            icon="send",
        )
    if has_role(user, SIGN_ROLES):
        ids = scope_unit_ids(user, SIGN_ROLES)
        drafts = Decision.objects.filter(state=DecisionState.DRAFT)
        if ids is not None:
            drafts = drafts.filter(authority__in=ids)
        yield TodoItem(
            role=Role.SIGNER,
            label=_("Dự thảo quyết định chờ ký"),
            count=drafts.count(),
            url=reverse("decisions:list"),
            urgent=True,
            icon="pen",
        )
