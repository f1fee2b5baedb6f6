"""An encrypted council session in the demo: the department's council meets today on an
act of bravery (khen thưởng đột xuất, so no public notice), with phiếu mã hóa. The Director
(chair) and the secretariat have made their key shares with the passphrases below, everyone is
present, the vote is open and the Director has voted; “hoidong” can vote in the browser, check
the code on the bulletin board, and the secretariat can close, each holder decrypt, and
download the election record for `manage.py verify_tally`."""

from __future__ import annotations

from django.utils import timezone

from guongsang.accounts.models import User
from guongsang.catalogue.models import Title
from guongsang.council import services
from guongsang.council.models import Choice, CouncilSession
from guongsang.demo.context import DemoContext
from guongsang.demo.steps import council as council_demo
from guongsang.demo.steps.dossiers import with_minutes
from guongsang.nominations import services as nominations
from guongsang.nominations.models import Dossier, Track
from guongsang.org.selectors import unit_ids_under
from guongsang.people.models import Person

# Printed in the README like the demo password: the demo's, not secrets.
CHAIR_PASSPHRASE = "khoa-chu-tich-demo"  # noqa: S105
SECRETARIAT_PASSPHRASE = "khoa-thuong-truc-demo"  # noqa: S105
PLACE = "Phòng họp trực tuyến của Sở (phiếu mã hóa)"
SUMMARY = "Dũng cảm lao vào đám cháy cứu hai cháu nhỏ tại khu tập thể Kim Liên."


def _ad_hoc_dossier(officer: User, secretariat: User) -> Dossier | None:
    centre = officer.grants.get(role="unit_officer").unit
    year = timezone.localdate().year
    taken = Dossier.objects.filter(year=year).values("person_id")
    person = (
        Person.objects.filter(home_unit__in=unit_ids_under(centre), kind="staff")
        .exclude(citizen_id=None)
        .exclude(pk__in=taken)
        .order_by("sort_name")
        .first()
    )
    title = Title.objects.filter(code="nguoi-tot-viec-tot-co-so").first()
    if person is None or title is None:
        return None
    dossier = nominations.dossier_create(
        actor=officer,
        unit=centre,
        title=title,
        year=year,
        person=person,
        track=Track.AD_HOC,
        summary=SUMMARY,
        report="Báo cáo thành tích do đơn vị lập, có xác nhận của chính quyền địa phương.",
    )
    with_minutes(
        actor=officer, dossier=dossier, votes_yes=20, votes_total=20, meeting=timezone.localdate()
    )
    nominations.dossier_transition(actor=officer, dossier=dossier, action="submit")
    return nominations.dossier_transition(actor=secretariat, dossier=dossier, action="accept")


def seed() -> CouncilSession | None:
    department = council_demo.department_council()
    today = timezone.localdate()
    found = CouncilSession.objects.filter(council=department, encrypted=True).first()
    if found is not None:
        return found
    users = {
        u.username: u for u in User.objects.filter(username__in=["canbo", "thuongtruc", "giamdoc"])
    }
    if len(users) < 3:
        return None
    dossier = _ad_hoc_dossier(users["canbo"], users["thuongtruc"])
    if dossier is None:
        return None
    secretariat, chair = users["thuongtruc"], users["giamdoc"]
    session = services.session_create(
        actor=secretariat,
        council=department,
        held_on=today,
        place=PLACE,
        dossiers=[dossier],
        encrypted=True,
    )
    members = [m.user for m in department.members.select_related("user")]
    services.attendance_record(actor=secretariat, session=session, present_users=members)
    services.key_share_create(
        actor=chair, session=session, passphrase=CHAIR_PASSPHRASE, confirm=CHAIR_PASSPHRASE
    )
    services.key_share_create(
        actor=secretariat,
        session=session,
        passphrase=SECRETARIAT_PASSPHRASE,
        confirm=SECRETARIAT_PASSPHRASE,
    )
    services.voting_open(actor=secretariat, session=session)
    services.ballot_cast(voter=chair, item=session.items.get(), choice=Choice.YES)
    return session


def step(ctx: DemoContext) -> None:
    ctx.made["encrypted_sessions"] = 1 if seed() is not None else 0
