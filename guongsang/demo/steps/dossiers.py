"""Dossiers of the current year in every state, walked through the real workflow, so that each
screen of the nomination work has something to show."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guongsang.accounts.models import User
from guongsang.catalogue.models import Title
from guongsang.core.types import Actor
from guongsang.demo.context import DemoContext
from guongsang.nominations import services
from guongsang.nominations.models import Dossier, FileKind, Track
from guongsang.nominations.workflow import TRANSITIONS
from guongsang.org.selectors import unit_ids_under
from guongsang.people.models import Person

# A one-page PDF standing in for the scanned minutes of the unit's meeting.
MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def with_minutes(
    *, actor: Actor, dossier: Dossier, votes_yes: int, votes_total: int, meeting: dt.date
) -> Dossier:
    """What the unit's meeting adds to a dossier, as the officer enters it: the vote and the
    scanned minutes."""
    services.dossier_update(
        actor=actor,
        dossier=dossier,
        votes_yes=votes_yes,
        votes_total=votes_total,
        meeting_date=meeting,
    )
    services.dossier_attach(
        actor=actor,
        dossier=dossier,
        kind=FileKind.MINUTES,
        upload=SimpleUploadedFile("bien-ban-hop-xet.pdf", MINUTES_PDF, "application/pdf"),
    )
    return dossier


RETURN_REASON = "Bổ sung xác nhận của chính quyền địa phương nơi xảy ra sự việc."

# (the state to reach, the title, the track, the steps: action or (action, reason))
PATHS: list[tuple[str, str, str, list]] = [
    ("draft", "nguoi-tot-viec-tot-co-so", Track.YEARLY, []),
    ("submitted", "nguoi-tot-viec-tot-co-so", Track.YEARLY, ["submit"]),
    ("returned", "nguoi-tot-viec-tot-co-so", Track.YEARLY, ["submit", ("return", RETURN_REASON)]),
    ("accepted", "nguoi-tot-viec-tot-co-so", Track.YEARLY, ["submit", "accept"]),
    ("public_notice", "nguoi-tot-viec-tot-co-so", Track.YEARLY, ["submit", "accept", "publish"]),
    (
        "council",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        ["submit", "accept", "publish", "to_council"],
    ),
    (
        "recommended",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        ["submit", "accept", "publish", "to_council", "recommend"],
    ),
    (
        "not_recommended",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        [
            "submit",
            "accept",
            "publish",
            "to_council",
            ("not_recommend", "Thành tích chưa tiêu biểu so với các trường hợp khác."),
        ],
    ),
    (
        "decided",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        ["submit", "accept", "publish", "to_council", "recommend", "decide"],
    ),
    # Recommended last week, in a draft decision the director has still to sign.
    (
        "to_sign",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        ["submit", "accept", "publish", "to_council", "recommend", "decide"],
    ),
    (
        "forwarded",
        "nguoi-tot-viec-tot-thanh-pho",
        Track.YEARLY,
        ["submit", "accept", "publish", "to_council", "recommend", "forward"],
    ),
    (
        "withdrawn",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        [("withdraw", "Đơn vị rút để đề nghị vào đợt sau.")],
    ),
    (
        "rejected",
        "nguoi-tot-viec-tot-co-so",
        Track.YEARLY,
        ["submit", ("reject", "Thành tích đã được khen thưởng ở cấp Thành phố.")],
    ),
    # Đột xuất: an act of bravery goes to the council without the public notice.
    ("council", "nguoi-tot-viec-tot-co-so", Track.AD_HOC, ["submit", "accept", "to_council"]),
    # Accepted late: it stays "accepted" while the others are on public notice.
    ("accepted", "nguoi-tot-viec-tot-co-so", Track.YEARLY, ["submit", "accept"]),
]
SUMMARIES = [
    "Dũng cảm cứu người bị đuối nước trên sông Hồng.",
    "Nhặt được tài sản có giá trị, trả lại cho người đánh mất.",
    "Tận tụy chăm sóc đối tượng bảo trợ xã hội suốt nhiều năm.",
    "Sáng kiến cải tiến quy trình tiếp nhận hồ sơ người có công.",
    "Hiến máu tình nguyện nhiều lần, vận động đồng nghiệp cùng tham gia.",
]


def build_dossiers() -> int:
    users = {
        u.username: u for u in User.objects.filter(username__in=["canbo", "thuongtruc", "giamdoc"])
    }
    officer, secretariat, signer = users["canbo"], users["thuongtruc"], users["giamdoc"]
    centre = officer.grants.get(role="unit_officer").unit
    people = list(
        Person.objects.filter(home_unit__in=unit_ids_under(centre), kind="staff")
        .exclude(citizen_id=None)
        .order_by("sort_name")[: len(PATHS)]
    )
    titles = {t.code: t for t in Title.objects.filter(code__startswith="nguoi-tot-viec-tot")}
    year = timezone.localdate().year
    by_target: dict[str, list[Dossier]] = {}
    for index, (state, code, track, steps) in enumerate(PATHS):
        dossier = services.dossier_create(
            actor=officer,
            unit=centre,
            title=titles[code],
            year=year,
            person=people[index],
            track=track,
            summary=SUMMARIES[index % len(SUMMARIES)],
            report="Báo cáo thành tích do đơn vị lập, có xác nhận của thủ trưởng đơn vị.",
        )
        with_minutes(
            actor=officer,
            dossier=dossier,
            votes_yes=18,
            votes_total=20,
            meeting=timezone.localdate(),
        )
        for step in steps:
            action, reason = step if isinstance(step, tuple) else (step, "")
            if TRANSITIONS[action].procedure is not None:
                break  # notice, agenda, tally and signing follow from the procedure below
            actor = officer if action in {"submit", "withdraw"} else secretariat
            dossier = services.dossier_transition(
                actor=actor, dossier=dossier, action=action, reason=reason
            )
        by_target.setdefault(state, []).append(dossier)
    _through_the_procedure(by_target, secretariat=secretariat, signer=signer)
    return Dossier.objects.filter(year=year).count()


def _through_the_procedure(
    by_target: dict[str, list[Dossier]], *, secretariat: User, signer: User
) -> None:
    """Take the dossiers meant to be past acceptance through the real procedure: a notice
    running today; a notice that ended, for the dossiers that wait for today's session; and a
    session held last week whose tally recommends or not, then a decision signed today and a
    dossier forwarded to the city, and a draft decision waiting for the director's signature."""
    from guongsang.council import services as council
    from guongsang.decisions import services as decisions
    from guongsang.demo.steps import council as council_demo
    from guongsang.demo.steps.decisions import ensure_profiles

    today = timezone.localdate()
    council.notice_publish(actor=secretariat, dossiers=by_target["public_notice"], starts_on=today)
    waiting = [d for d in by_target["council"] if d.track != Track.AD_HOC]
    council.notice_publish(
        actor=secretariat,
        dossiers=waiting,
        starts_on=council_demo.before_working_days(today, council.DEFAULT_NOTICE_DAYS),
    )
    last_week = today - dt.timedelta(days=7)
    refused = by_target["not_recommended"][0]
    past = [
        *by_target["recommended"],
        refused,
        *by_target["decided"],
        *by_target["to_sign"],
        *by_target["forwarded"],
    ]
    council_demo.run_session(
        council=council_demo.department_council(),
        year=today.year,
        dossiers=past,
        held_on=last_week,
        place=council_demo.DEPARTMENT_PLACE,
        actor=secretariat,
        votes={refused.pk: (2, 3, 1)},
    )
    department = by_target["decided"][0].level_unit
    assert department.parent is not None  # the department sits under the city
    ensure_profiles(department, department.parent)
    draft = decisions.decision_draft(
        actor=secretariat,
        authority=by_target["decided"][0].level_unit,
        dossiers=by_target["decided"],
        decision_date=today,
    )
    decisions.decision_sign(actor=signer, decision=draft, on=today)
    # The signer's day: a draft waiting for the signature.
    decisions.decision_draft(
        actor=secretariat, authority=department, dossiers=by_target["to_sign"], decision_date=today
    )
    for dossier in by_target["forwarded"]:
        dossier.refresh_from_db()
        services.dossier_transition(actor=secretariat, dossier=dossier, action="forward")


def step(ctx: DemoContext) -> None:
    ctx.made["dossiers"] = build_dossiers()
