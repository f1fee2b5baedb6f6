"""The targets app's part of the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

SCOPED_LISTS = {
    "targets:index",
    "targets:export",
    "targets:pick_unit",
    "targets:result",
    "targets:import_upload",
    "targets:import_template",
}
ADMIN_ONLY = {"targets:indicators", "targets:plan"}


def _indicator():
    from guongsang.targets.models import Indicator

    return Indicator.objects.get_or_create(
        code="viec-lam", defaults={"name": "Giải quyết việc làm", "measure": "người"}
    )[0]


def _other_token() -> str:
    """A file the other unit's officer uploaded: kept in their session only."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from guongsang.targets import imports

    return imports.store_upload(SimpleUploadedFile("ct.xlsx", imports.template_xlsx()))


def object_routes(world) -> dict[str, list]:
    from guongsang.targets.services import plan_set

    plan_set(by=None, indicator=_indicator(), unit=world.other_centre, year=2024, value=100)
    return {
        "targets:unit": [world.other_centre.uuid],
        "targets:indicator_edit": [_indicator().uuid],
        "targets:import_preview": [_other_token()],
    }


def api_substitutions(world) -> dict[str, str]:
    return {}
