"""The council's routes for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

# No-argument pages a unit officer may not open: councils are run by the level's secretariat.
ADMIN_ONLY = {
    "council:session_list",
    "council:session_list_xlsx",
    "council:notice_list_xlsx",
    "council:session_create",
    "council:notice_list",
    "council:notice_create",
    "council:my_ballots",
}
# The public notice board and its objection form need no login (public site).
# So is the check of an encrypted ballot by its tracking code (nothing shows without a code).
PUBLIC_OR_OWN = {
    "public_notices:board",
    "public_notices:object",
    "public_notices:thanks",
    "public_notices:ballot_check",
    "public_notices:ballot_record",
}


def _objects(world):
    """A notice with an objection and an open session at the department (world.dept), about a
    dossier of the other centre: the officer of world.centre holds no role that reaches them."""
    cached = getattr(world, "_council_walk", None)
    if cached is not None:
        return cached
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from guongsang.accounts.tests.factories import make_user
    from guongsang.catalogue.models import Title
    from guongsang.core.roles import Role
    from guongsang.council import services
    from guongsang.nominations import services as nominations

    title = Title.objects.get(code="nguoi-tot-viec-tot-co-so")
    dossier = nominations.dossier_create(
        actor=None,
        unit=world.other_centre,
        title=title,
        year=2023,
        person=world.other_person,
        summary="Cứu người đuối nước.",
        report="Báo cáo thành tích.",
    )
    nominations.dossier_update(actor=None, dossier=dossier, votes_yes=9, votes_total=10)
    nominations.dossier_attach(
        actor=None,
        dossier=dossier,
        kind="minutes",
        upload=SimpleUploadedFile("bb.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    nominations.dossier_transition(actor=world.other_officer, dossier=dossier, action="submit")
    nominations.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    notice = services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    objection = services.objection_record(
        actor=world.secretariat, notice=notice, dossier=dossier, who="Người dân", text="Phản ánh."
    )
    services.objection_answer(actor=world.secretariat, objection=objection, answer="Đã xác minh.")
    users = [make_user(f"walkhd{i}", role=Role.COUNCIL_MEMBER, unit=world.dept) for i in range(3)]
    council = services.council_create(
        actor=world.secretariat,
        unit=world.dept,
        name="Hội đồng TĐKT Sở",
        members=[(u, "member") for u in users],
    )
    session = services.session_create(
        actor=world.secretariat,
        council=council,
        held_on=dt.date(2024, 11, 20),
        place="Phòng họp",
        dossiers=[dossier],
    )
    services.attendance_record(actor=world.secretariat, session=session, present_users=users)
    services.voting_open(actor=world.secretariat, session=session)
    world._council_walk = (notice, objection, session, session.items.get())
    return world._council_walk


def object_routes(world) -> dict[str, list]:
    notice, objection, session, item = _objects(world)
    s = [session.uuid]
    return {
        "council:session_detail": s,
        "council:session_attendance": s,
        "council:session_open": s,
        "council:session_close": s,
        "council:written_opinion": s,
        "council:tally": s,
        "council:minutes_docx": s,
        "council:minutes_pdf": s,
        "council:key_share_create": s,
        "council:decryption_publish": s,
        "council:tally_finish": s,
        "council:bulletin_board": s,
        "council:election_record": s,
        "council:vote": [item.uuid],
        "council:notice_detail": [notice.uuid],
        "council:objection_create": [notice.uuid],
        "council:objection_answer": [objection.uuid],
    }


def api_substitutions(world) -> dict[str, str]:
    _notice, _objection, session, item = _objects(world)
    return {"{session_id}": str(session.uuid), "{item_id}": str(item.uuid)}
