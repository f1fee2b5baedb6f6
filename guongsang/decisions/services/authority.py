"""The authority that decides: its profile (header, titles, code), the numbers of its
registers, what it may confer, and the role check every write of this package starts with."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from guongsang.catalogue.models import Level, Title
from guongsang.core.types import Actor
from guongsang.decisions.models import AuthorityProfile, NumberCounter
from guongsang.decisions.permissions import can_at
from guongsang.org.models import Unit, UnitType


def profile_for(authority: Unit) -> AuthorityProfile:
    """The authority's header, titles and code; a sensible default when none is configured."""
    profile = AuthorityProfile.objects.filter(authority=authority).first()
    if profile is not None:
        return profile
    parent = authority.parent
    if authority.unit_type == UnitType.CITY:
        code, head, deputy, parent_name = "UBND", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""
        issuer = f"ỦY BAN NHÂN DÂN {authority.name.upper()}"
    else:
        # "Sở Lao động - Thương binh và Xã hội" → "SLĐTBXH"
        words = [w for w in authority.name.split() if w.isalpha() and w.lower() != "và"]
        code = "".join(w[0] for w in words).upper()
        head, deputy = "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
        issuer = authority.name.upper()
        parent_name = f"UBND {parent.name.upper()}" if parent is not None else ""
    return AuthorityProfile(
        authority=authority,
        code=code,
        parent_name=parent_name,
        issuer_name=issuer,
        head_title=head,
        deputy_title=deputy,
    )


def take_number(*, authority: Unit, series: str, year: int) -> int:
    """The next number of the authority's register for the series and year.

    The counter row is locked (select_for_update) for the rest of the caller's transaction, so
    two signings at once wait for each other: no number is given twice, none is skipped (a
    failed signing rolls its increment back with everything else)."""
    try:
        with transaction.atomic():  # savepoint: a concurrent first insert must not poison us
            NumberCounter.objects.get_or_create(authority=authority, series=series, year=year)
    except IntegrityError:
        pass
    counter = NumberCounter.objects.select_for_update().get(
        authority=authority, series=series, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def may_confer(authority: Unit, title: Title) -> bool:
    """A department (or district) confers the titles marked so; the city all but national."""
    if authority.unit_type == UnitType.CITY:
        return title.level != Level.NATIONAL
    if authority.unit_type == UnitType.MINISTRY:
        return True
    return title.conferred_by_department


def require_role(actor: Actor, authority: Unit, roles: frozenset[str], message: str) -> None:
    """Refuse (with `message`) an actor who holds none of `roles` at the authority."""
    if not can_at(actor, authority.pk, roles):
        raise PermissionDenied(message)
