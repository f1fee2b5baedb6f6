"""The client's address, for lockouts, rate limits and the audit log.

Without a configured proxy header it is the peer address (REMOTE_ADDR). Behind a reverse
proxy, settings.GS_TRUSTED_PROXY_HEADER names the header the proxy sets and
GS_TRUSTED_PROXY_COUNT how many trusted proxies append to it: the address that many places
from the right is the client's. Entries further left were written by the client and are never
believed, so nobody escapes a lockout by sending their own X-Forwarded-For.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def _meta_key(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "GS_TRUSTED_PROXY_HEADER", "")
    if not header:
        return peer
    value = request.META.get(_meta_key(header), "")
    hops = [item.strip() for item in value.split(",") if item.strip()]
    count = max(int(getattr(settings, "GS_TRUSTED_PROXY_COUNT", 1)), 1)
    if len(hops) < count:
        # Fewer entries than proxies: the request did not come through them all.
        return peer
    return hops[-count]
