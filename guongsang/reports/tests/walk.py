"""The reports app's part of the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

SCOPED_LISTS = {"reports:list", "reports:create", "reports:pick_unit"}


def _other_report(world):
    from guongsang.reports.models import AnnualReport

    return AnnualReport.objects.get_or_create(
        unit=world.other_centre, year=2023, defaults={"introduction": "Báo cáo của Trung tâm 2"}
    )[0]


def object_routes(world) -> dict[str, list]:
    report = _other_report(world)
    return {
        "reports:detail": [report.uuid],
        "reports:introduction": [report.uuid],
        "reports:check": [report.uuid],
        "reports:issue": [report.uuid],
        "reports:build": [report.uuid, "pdf"],
    }


def api_substitutions(world) -> dict[str, str]:
    return {"{report_id}": str(_other_report(world).uuid)}
