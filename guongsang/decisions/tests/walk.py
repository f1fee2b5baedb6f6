"""The decisions app in the permission walk: every route is the secretariat's, signer's or
leaders' of an authority, or the proposing unit's (a signed decision naming its dossier, that
recipient's certificate); a unit officer of another centre sees none of them."""

from __future__ import annotations

ADMIN_ONLY = {
    "decisions:list",
    "decisions:list_xlsx",
    "decisions:submissions_xlsx",
    "decisions:draft",
    "decisions:submissions",
    "decisions:submission_create",
    "decisions:outcomes",
    "decisions:outcome_create",
}


def _objects(world):
    """A signed decision and a tờ trình of the department, for the other centre's people."""
    import datetime as dt

    from guongsang.accounts.models import User
    from guongsang.accounts.tests.factories import make_user
    from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
    from guongsang.catalogue.seed import seed_catalogue
    from guongsang.core.roles import Role
    from guongsang.decisions import services
    from guongsang.decisions.models import Decision, Submission
    from guongsang.nominations import services as nominations
    from guongsang.nominations.models import Dossier, State

    cached = getattr(world, "_decisions_walk", None)
    if cached is not None:
        return cached
    seed_catalogue(Title, Prerequisite, BaseSalary)

    def recommended(code: str) -> Dossier:
        dossier = nominations.dossier_create(
            actor=None,
            unit=world.other_centre,
            title=Title.objects.get(code=code),
            year=2021,
            person=world.other_person,
        )
        Dossier.objects.filter(pk=dossier.pk).update(state=State.RECOMMENDED)
        return dossier

    signer = User.objects.filter(username="walk_signer").first() or make_user(
        "walk_signer", role=Role.SIGNER, unit=world.dept
    )
    draft = services.decision_draft(
        actor=world.secretariat,
        authority=world.dept,
        dossiers=[recommended("giay-khen-giam-doc-so")],
    )
    decision: Decision = services.decision_sign(
        actor=signer, decision=draft, on=dt.date(2021, 9, 15)
    )
    submission: Submission = services.submission_draft(
        actor=world.secretariat,
        authority=world.dept,
        dossiers=[recommended("nguoi-tot-viec-tot-thanh-pho")],
    )
    from guongsang.decisions import outcomes

    outside = outcomes.outside_decision_record(
        actor=world.secretariat,
        recorded_by=world.dept,
        authority="Thủ tướng Chính phủ",
        number="1/QĐ-TTg",
        decision_date=dt.date(2021, 10, 1),
        lines=[outcomes.LineIn(name=world.other_person.full_name, title="Bằng khen")],
    )
    world._decisions_walk = (decision, submission, outside)
    return decision, submission, outside


def object_routes(world) -> dict[str, list]:
    decision, submission, outside = _objects(world)
    return {
        "decisions:detail": [decision.uuid],
        "decisions:edit": [decision.uuid],
        "decisions:sign": [decision.uuid],
        "decisions:docx": [decision.uuid],
        "decisions:pdf": [decision.uuid],
        "decisions:xlsx": [decision.uuid],
        "decisions:certificates": [decision.uuid],
        "decisions:revoke": [decision.uuid],
        "decisions:certificate": [decision.recipients.get().uuid],
        "decisions:submission_detail": [submission.uuid],
        "decisions:submission_send": [submission.uuid],
        "decisions:submission_docx": [submission.uuid],
        "decisions:submission_pdf": [submission.uuid],
        "decisions:submission_zip": [submission.uuid],
        "decisions:outcome_detail": [outside.uuid],
        "decisions:outcome_resolve": [outside.lines.get().uuid],
    }


def api_substitutions(world) -> dict[str, str]:
    decision, submission, outside = _objects(world)
    return {
        "{decision_id}": str(decision.uuid),
        "{submission_id}": str(submission.uuid),
        "{outcome_id}": str(outside.uuid),
        "{line_id}": str(outside.lines.get().uuid),
    }
