"""Build the whole demo installation once: organisation, people, officials, logins."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.db import transaction

from guongsang.core.audit import audit_log
from guongsang.core.models import AuditAction
from guongsang.demo import facts
from guongsang.demo.awards import build_awards
from guongsang.demo.dossiers import build_dossiers
from guongsang.demo.movements import seed_movements
from guongsang.demo.org_tree import build_org
from guongsang.demo.staff import build_public_roles, build_staff
from guongsang.demo.users import build_users
from guongsang.org.models import Unit

AUDIT_TYPE = "demo.seed"
AUDIT_REPR = "Dữ liệu mẫu"


@dataclass(frozen=True)
class SeedResult:
    units: int
    people: int
    positions: int
    users: int


def is_seeded() -> bool:
    """The department is there: the demo (or a real installation) must not be touched."""
    return Unit.objects.filter(code=facts.DEPARTMENT).exists()


# Each domain app seeds its own part of the demo, in this order: the 2022–2023 cycles go through
# council sessions into signed decisions (which write those years' awards), and the later steps
# read what the earlier ones made.
DOMAIN_STEPS = (
    "council",
    "decisions",
    "contests",
    "targets",
    "stats",
    "showcase",
    "books",
    "conference",
    "reports",
)


@transaction.atomic
def seed() -> SeedResult:
    """Create the demo in one transaction: all of it or nothing."""
    # Faker takes a third of a second to import: only when the demo is really built.
    from guongsang.demo.identities import Identities

    units = build_org()
    named = [role.full_name for role in facts.NAMED_PEOPLE]
    people, positions = build_staff(units, Identities(reserved=named))
    officials = build_public_roles(units)
    users = build_users(units, officials)
    result = SeedResult(
        units=len(units),
        people=people + len(officials),
        positions=positions + len(officials),
        users=len(users),
    )
    audit_log(
        actor=None,
        action=AuditAction.CREATE,
        object_type=AUDIT_TYPE,
        object_repr=AUDIT_REPR,
        after={
            "units": result.units,
            "people": result.people,
            "positions": result.positions,
            "users": result.users,
        },
        reason="Tạo dữ liệu mẫu (manage.py seed_demo)",
    )
    build_awards(units)  # the award history, with its own audit entry
    seed_movements()  # movements 2009–2024, their plans and pledges
    build_dossiers()  # this year's dossiers, one in every state
    for step in DOMAIN_STEPS:  # councils, decisions, contests, targets, stories, events, reports
        import_module(f"guongsang.{step}.demo").seed()
    return result
