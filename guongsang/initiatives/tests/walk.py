"""The initiatives app's part of the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

SCOPED_LISTS = {
    "initiatives:list",
    "initiatives:create",
    "initiatives:pick_person",
    "initiatives:pick_unit",
}


def object_routes(world) -> dict[str, list]:
    initiative = _other_initiative(world)
    return {
        "initiatives:detail": [initiative.uuid],
        "initiatives:evidence": [initiative.evidence.get().uuid],
    }


def _other_initiative(world):
    """One initiative of the other centre, made once per walk."""
    cached = getattr(world, "_initiative_walk", None)
    if cached is not None:
        return cached
    import datetime as dt
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from guongsang.initiatives import services

    world._initiative_walk = services.initiative_register(
        actor=None,
        unit=world.other_centre,
        title="Sáng kiến của trung tâm 2",
        field="management",
        started_on=dt.date(2024, 1, 2),
        registered_on=dt.date(2024, 3, 1),
        description="Mô tả.",
        authors=[(world.other_person, Decimal(100))],
        files=[SimpleUploadedFile("mc.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    return world._initiative_walk


def api_substitutions(world) -> dict[str, str]:
    return {"{initiative_id}": str(_other_initiative(world).uuid)}
