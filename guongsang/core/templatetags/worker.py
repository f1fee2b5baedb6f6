"""`{% worker_warning %}`: beside a button that queues background work, a warning shown before
the click when no task worker is alive (none has beaten within the lease, 30 s)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("core/partials/worker_warning.html")
def worker_warning(*, rows: int | None = None, above: int | None = None) -> dict[str, Any]:
    """The warning; with `rows` and `above`, only when the work is queued (rows > above)."""
    queued = rows is None or above is None or rows > above
    from guongsang.core.tasks import no_worker_alive

    return {"no_worker": queued and no_worker_alive()}
