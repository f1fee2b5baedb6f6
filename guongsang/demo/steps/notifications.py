"""The notifications the demo's history produced, read: a person opening the demo finds
unread only what concerns this year's work (hundreds of old notes would bury it)."""

from __future__ import annotations

from django.utils import timezone

from guongsang.demo.context import DemoContext
from guongsang.nominations.models import Notification


def step(ctx: DemoContext) -> None:
    this_year = timezone.localdate().year
    ctx.made["notifications_read"] = Notification.objects.filter(
        read_at=None, dossier__year__lt=this_year
    ).update(read_at=timezone.now())
