"""The permission layer: roles granted over unit subtrees.

Every view, API endpoint and list selector asks this module (directly or through the
`rules` predicates each app registers in its own permissions.py) what a user may see:

- `has_role(user, roles)`: does the user hold one of the roles anywhere;
- `scope_unit_ids(user, roles)`: ids of units under the user's grants of those roles (today);
- `in_scope(user, unit_id, roles)`: is this unit in that scope;
- `restrict(qs, user, roles, unit_field)`: the queryset cut down to that scope;
- `get_visible_or_404(...)`: one object from a restricted queryset, else 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import rules
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.roles import TWO_FACTOR_ROLES, Role
from guongsang.core.types import Actor

_CACHE_ATTR = "_gs_grants"
_SCOPES_ATTR = "_gs_scopes"


def _grants(user: Actor) -> list[tuple[str, int]]:
    """(role, unit id) pairs of the user, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(user.grants.values_list("role", "unit_id"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user: Actor) -> None:
    """Drop the cached grants (and the scopes built from them) after they change."""
    for attr in (_CACHE_ATTR, _SCOPES_ATTR, "_gs_scope_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def _as_set(roles: Iterable[str] | str) -> set[str]:
    return {roles} if isinstance(roles, str) else {str(r) for r in roles}


def roles_of(user: Actor) -> set[str]:
    found = {role for role, _ in _grants(user)}
    if is_superuser(user):
        found.add(Role.ADMIN)
    return found


def has_role(user: Actor, roles: Iterable[str] | str) -> bool:
    return bool(roles_of(user) & _as_set(roles))


def is_superuser(user: Actor) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def scope_roots(user: Actor, roles: Iterable[str] | str) -> list[int]:
    wanted = _as_set(roles)
    return [unit_id for role, unit_id in _grants(user) if role in wanted]


def scope_unit_ids(user: Actor, roles: Iterable[str] | str) -> QuerySet | None:
    """Subquery of the unit ids the user reaches through those roles; None means every unit.

    The scope is the subtree of each grant as it is today, together with the units that
    history folded into it: units merged into a unit of the subtree, and units dissolved
    while they were in it. Their records stay visible to the people who now own them.
    """
    if is_superuser(user):
        return None
    if _subtree_ids is None:
        raise ImproperlyConfigured("No unit tree registered with the permission layer.")
    roots = scope_roots(user, roles)
    # The subquery is built once per user object and set of roots (a page asks for it a dozen
    # times, and building it costs more than running it); it is still run by every query that
    # uses it, so it always reads the tree as it is.
    if user is None:
        return _subtree_ids(roots)
    scopes = getattr(user, _SCOPES_ATTR, None)
    if scopes is None:
        scopes = {}
        setattr(user, _SCOPES_ATTR, scopes)
    key = (frozenset(roots), timezone.localdate())
    if key not in scopes:
        scopes[key] = _subtree_ids(roots)
    return scopes[key]


# The unit tree lives in the org app, which registers here (OrgConfig.ready) how grant roots
# become the subquery of the unit ids under them: the permission layer imports no domain app.
_subtree_ids: Callable[[list[int]], QuerySet] | None = None


def subtree_register(resolver: Callable[[list[int]], QuerySet]) -> None:
    global _subtree_ids
    _subtree_ids = resolver


def needs_two_factor(user: Actor) -> bool:
    """Every role that can change records, and anyone who can open the admin site."""
    if not settings.GS_REQUIRE_2FA or user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or has_role(user, TWO_FACTOR_ROLES))


def in_scope(user: Actor, unit_id: int | None, roles: Iterable[str] | str) -> bool:
    if unit_id is None:
        return is_superuser(user)
    ids = scope_unit_ids(user, roles)
    if ids is None:
        return True
    return unit_id in _scope_id_set(user, roles, ids)


def _scope_id_set(user: Actor, roles: Iterable[str] | str, ids: QuerySet) -> frozenset[int]:
    """The unit ids of the scope as a set: kept for the request on the user object, and in the
    shared cache under the records version (which every write moves, the organisation tree's
    included), so that a page checking a few objects runs no query for it at all."""
    from django.core.cache import cache

    from guongsang.core.pagecache import records_version

    roots = tuple(sorted(set(scope_roots(user, roles))))
    memo = getattr(user, "_gs_scope_cache", None)
    if memo is None:
        memo = {}
        setattr(user, "_gs_scope_cache", memo)  # noqa: B010 - a per-request memo on the object
    if roots not in memo:
        key = f"core:scope:{records_version()}:{timezone.localdate()}:{roots}"
        found = cache.get(key)
        if found is None:
            found = list(ids.values_list("pk", flat=True))
            cache.set(key, found, 300)
        memo[roots] = frozenset(found)
    return memo[roots]


def restrict(qs: QuerySet, user: Actor, *, roles: Iterable[str] | str, unit_field: str) -> QuerySet:
    """The queryset cut down to objects whose `unit_field` lies in the user's scope."""
    ids = scope_unit_ids(user, roles)
    if ids is None:
        return qs
    return qs.filter(**{f"{unit_field}__in": ids})


M = TypeVar("M", bound=Model)


def get_visible_or_404(qs: QuerySet[M], **lookup: Any) -> M:
    """Objects outside the user's scope do not exist for them: 404, not 403."""
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


# Predicates shared by the apps' rule sets.
@rules.predicate
def is_admin(user: Actor) -> bool:
    return has_role(user, Role.ADMIN)


@rules.predicate
def is_secretariat(user: Actor) -> bool:
    return has_role(user, Role.SECRETARIAT)


def role_predicate(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{'|'.join(roles)}")
    def _check(user: Actor) -> bool:
        return has_role(user, roles)

    return _check


def unit_scope_predicate(roles: Iterable[str], unit_attr: str) -> rules.Predicate:
    """Predicate true when getattr(obj, unit_attr) lies under one of the user's grants."""
    frozen = frozenset(roles)

    @rules.predicate(name=f"in_scope:{unit_attr}")
    def _check(user: Actor, obj: Any) -> bool:
        if obj is None:
            return has_role(user, frozen)
        return in_scope(user, getattr(obj, unit_attr), frozen)

    return _check
