from __future__ import annotations

import base64

import segno
from django.db.models import Prefetch, QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts.models import RoleGrant, User
from guongsang.core.textsearch import fold_search


def user_list(*, query: str = "") -> QuerySet[User]:
    qs = User.objects.prefetch_related(
        Prefetch("grants", queryset=RoleGrant.objects.select_related("unit"))
    ).order_by("username")
    if query:
        qs = fold_search(qs, query, "username", "full_name")
    return qs


def totp_secret_b32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_qr_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG QR code (no external service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def backup_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
