"""A small fixed-window rate limit per client address, kept in Django's cache (Redis when
REDIS_URL is set, so the limit holds across processes and hosts): the public forms of the
showcase and the council's public notice, and the API's certificate check."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from guongsang.core.client_ip import client_ip

TIP_LIMIT = (5, 60 * 60)  # five tips an hour from one address
LOOKUP_LIMIT = (20, 10 * 60)  # twenty certificate checks in ten minutes


def allow(request: HttpRequest, scope: str, limit: tuple[int, int]) -> bool:
    """Count one more request of ``scope`` from this address; False once over the limit."""
    count, window = limit
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"gs:rl:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        used = 1
    return used <= count
