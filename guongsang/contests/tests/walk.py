"""Routes of the contest app for tests/test_permission_walk.py."""

from __future__ import annotations

SCOPED_LISTS = {"contests:list", "contests:pick_unit"}
ADMIN_ONLY = {
    "contests:create",
    "contests:stats",
    "contests:stats_xlsx",
    "contests:judge_home",
}


def _other_objects(world):
    """A contest the other centre runs for itself (with a round, an entry and a score sheet),
    and the other centre's entry to the department's contest."""
    from guongsang.accounts.models import User
    from guongsang.contests.models import Assignment, Contest, Entry, EntryPhoto, RoundEntry
    from guongsang.contests.tests.factories import make_contest, make_entry, make_judge

    internal = Contest.objects.filter(organiser=world.other_centre).first()
    if internal is None:
        internal = make_contest(world.other_centre, name="Cuộc thi nội bộ Trung tâm 2")
        entry = make_entry(internal, world.other_centre, title="Bài nội bộ", code="n-001")
        rnd = internal.rounds.get(number=1)
        RoundEntry.objects.create(round=rnd, entry=entry)
        judge = User.objects.filter(username="gk-walk").first() or make_judge(
            "gk-walk", world.other_centre
        )
        Assignment.objects.create(round=rnd, entry=entry, judge=judge)
        dept = make_contest(world.dept, name="Cuộc thi của Sở (walk)")
        other = make_entry(dept, world.other_centre, title="Bài của trung tâm 2", status="draft")
        EntryPhoto.objects.create(entry=other, path="contests/x.png", content_type="image/png")
    sheet = Assignment.objects.filter(round__contest=internal).first()
    other = Entry.objects.filter(unit=world.other_centre, contest__organiser=world.dept).first()
    return internal, sheet, other


def object_routes(world) -> dict[str, list]:
    internal, sheet, other = _other_objects(world)
    photo = other.photos.first()
    c = internal.uuid
    return {
        "contests:detail": [c],
        "contests:entries_xlsx": [c],
        "contests:stats_rounds_xlsx": [c],
        "contests:stats_units_xlsx": [c],
        "contests:panel_add": [c],
        "contests:entry_create": [c],
        "contests:judge_replace": [c],
        "contests:conflict_declare": [c],
        "contests:publish": [c],
        "contests:commend": [c],
        "contests:round": [c, 1],
        "contests:assign_auto": [c, 1],
        "contests:round_close": [c, 1],
        "contests:export_blind": [c, 1, "docx"],
        "contests:export_scores": [c, 1],
        "contests:assignment_move": [sheet.uuid],
        "contests:judge_sheet": [sheet.uuid],
        "contests:entry_detail": [other.uuid],
        "contests:entry_edit": [other.uuid],
        "contests:entry_submit": [other.uuid],
        "contests:entry_photo": [other.uuid, photo.pk],
        "contests:entry_duplicates": [other.uuid],
    }


def api_substitutions(world) -> dict[str, str]:
    internal, sheet, other = _other_objects(world)
    return {
        "{contest_id}": str(internal.uuid),
        "{entry_id}": str(other.uuid),
        "{sheet_id}": str(sheet.uuid),
    }
