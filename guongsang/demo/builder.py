"""Build the whole demo installation once, step by step, in one transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction

from guongsang.demo import facts
from guongsang.demo.context import DemoContext, Step, audit_seeded
from guongsang.demo.steps import (
    awards,
    ballots,
    books,
    clusters,
    conference,
    contests,
    council,
    decisions,
    discipline,
    dossiers,
    initiatives,
    movements,
    notifications,
    org,
    reports,
    showcase,
    signatures,
    staff,
    stats,
    targets,
    users,
)
from guongsang.org.models import Unit

AUDIT_TYPE = "demo.seed"
AUDIT_REPR = "Dữ liệu mẫu"

# Every step, in the order they run: each reads what the earlier ones made. The 2022–2023
# cycles go through council sessions into signed decisions (which write those years' awards);
# contests, stories, the book, the conference and the report read them.
STEPS: tuple[Step, ...] = (
    org.step,  # the unit tree, its merges and the emulation cluster
    staff.step,  # generated staff and the officials of the articles
    users.step,  # the demo logins
    awards.step,  # the award history 2009–2021 (and the planned 2022–2023 recipients)
    initiatives.step,  # the register of initiatives, its latest Chiến sĩ thi đua as authors
    movements.step,  # movements 2009–2024, their plans and pledges
    dossiers.step,  # this year's dossiers, one in every state
    council.step,  # the two councils and this year's open session
    decisions.step,  # the 2022 and 2023 cycles, through council into signed decisions
    signatures.step,  # a demo CA, the Director's and the seal's keys, one decision signed
    clusters.step,  # cluster no. 7's scoring of last year and its proposal to the city
    contests.step,  # the 2022 and 2023 writing contests
    targets.step,  # the 2022 and 2023 sector targets
    stats.step,  # the statistics rollup along today's tree
    showcase.step,  # stories and tips
    books.step,  # the 2023 book
    conference.step,  # the conference of 23/9/2022
    reports.step,  # this year's annual report draft
    notifications.step,  # the history's notifications read: this year's stay unread
    discipline.step,  # one discipline in force
    ballots.step,  # an encrypted session of the department's council, open for voting
)


@dataclass(frozen=True)
class SeedResult:
    units: int
    people: int
    positions: int
    users: int


def is_seeded() -> bool:
    """The department is there: the demo (or a real installation) must not be touched."""
    return Unit.objects.filter(code=facts.DEPARTMENT).exists()


@transaction.atomic
def seed(steps: tuple[Step, ...] = STEPS) -> SeedResult:
    """Create the demo in one transaction: all of it or nothing."""
    ctx = DemoContext()
    for step in steps:
        step(ctx)
    result = SeedResult(
        units=ctx.made.get("units", 0),
        people=ctx.made.get("people", 0),
        positions=ctx.made.get("positions", 0),
        users=ctx.made.get("users", 0),
    )
    audit_seeded(
        object_type=AUDIT_TYPE,
        object_repr=AUDIT_REPR,
        counts=asdict(result),
        reason="Tạo dữ liệu mẫu (manage.py seed_demo)",
    )
    return result
