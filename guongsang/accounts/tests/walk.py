"""The accounts app in the permission walk: the administrator's pages for accounts are the
admin's alone; one's own account page is everyone's own."""

from __future__ import annotations

ADMIN_ONLY = {"accounts:user_create", "accounts:pick_unit"}
PUBLIC_OR_OWN = {"accounts:profile"}


def object_routes(world) -> dict[str, list]:
    """An account of the other centre, and one of its grants: an officer may touch neither."""
    grant = world.other_officer.grants.first()
    return {
        "accounts:user_detail": [world.other_officer.uuid],
        "accounts:user_grant": [world.other_officer.uuid],
        "accounts:user_grant_remove": [world.other_officer.uuid, grant.pk],
        "accounts:user_lock": [world.other_officer.uuid],
        "accounts:user_two_factor_reset": [world.other_officer.uuid],
    }
