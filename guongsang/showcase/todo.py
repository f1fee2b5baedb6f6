"""What waits on the public site: citizens' tips not yet read by the secretariat."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor
from guongsang.showcase.models import TipStatus
from guongsang.showcase.selectors import tips_for


def todo(user: Actor) -> Iterator[TodoItem]:
    new_tips = tips_for(user=user, status=TipStatus.NEW).count()
    yield TodoItem(
        role=Role.SECRETARIAT,
        label=_("Tin báo việc tốt mới, chờ xử lý"),
        count=new_tips,
        url=f"{reverse('showcase:tips')}?{urlencode({'status': TipStatus.NEW})}",
        icon="envelope-open-heart",
    )
