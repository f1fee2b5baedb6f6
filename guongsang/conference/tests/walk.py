"""The conference app's part of the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

ADMIN_ONLY = {
    "conference:list",
    "conference:list_xlsx",
    "conference:create",
    "conference:pick_organiser",
}


def _other_conference(world):
    from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
    from guongsang.catalogue.seed import seed_catalogue
    from guongsang.conference import services
    from guongsang.conference.models import Conference
    from guongsang.conference.tests.factories import make_award, make_conference

    found = Conference.objects.filter(organiser=world.other_centre).first()
    if found is not None:
        return found
    seed_catalogue(Title, Prerequisite, BaseSalary)
    conference = make_conference(world.other_centre, name="Hội nghị của Trung tâm 2")
    services.guest_add(actor=None, conference=conference, full_name="Đại biểu Trung tâm 2")
    import datetime as dt

    services.item_add(actor=None, conference=conference, starts_at=dt.time(8, 30), title="Khai mạc")
    award = make_award(unit=world.other_centre, person=world.other_person)
    services.honourees_add(actor=None, conference=conference, awards=[award])
    services.report_add(
        actor=None,
        conference=conference,
        speaker="Trần Văn Bình",
        title="Tham luận",
        body="Nội dung",
    )
    return conference


def object_routes(world) -> dict[str, list]:
    c = _other_conference(world)
    guest, item, report = c.guests.first(), c.items.first(), c.reports.first()
    return {
        "conference:detail": [c.uuid],
        "conference:edit": [c.uuid],
        "conference:delete": [c.uuid],
        "conference:guest_add": [c.uuid],
        "conference:guest_remove": [c.uuid, guest.pk],
        "conference:item_add": [c.uuid],
        "conference:item_remove": [c.uuid, item.pk],
        "conference:honourees_pick": [c.uuid],
        "conference:honourees_remove": [c.uuid],
        "conference:report_add": [c.uuid],
        "conference:report_remove": [c.uuid, report.pk],
        "conference:document": [c.uuid, "chuong-trinh", "pdf"],
        "conference:day": [c.uuid],
    }


def api_substitutions(world) -> dict[str, str]:
    return {"{conference_id}": str(_other_conference(world).uuid)}
