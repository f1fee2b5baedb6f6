"""Test helpers: national dossiers forwarded from the department to the city and recommended
there (set directly, as the city's council would leave them)."""

from __future__ import annotations

import datetime as dt

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.decisions import services
from guongsang.decisions.tests.factories import recommended
from guongsang.nominations.models import Dossier, State


def city_secretariat(world):
    if not hasattr(world, "city_secretariat"):
        world.city_secretariat = make_user("bantdkt", role=Role.SECRETARIAT, unit=world.city)
    return world.city_secretariat


def at_city(world, *, code: str, person=None, year: int = 2024) -> Dossier:
    """A national dossier the department sent up and the city's council recommended."""
    lower = recommended(world, code=code, person=person, year=year)
    submission = services.submission_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[lower]
    )
    services.submission_send(actor=world.secretariat, submission=submission, on=dt.date(2024, 3, 1))
    upper = Dossier.objects.get(forwarded_from=lower)
    Dossier.objects.filter(pk=upper.pk).update(state=State.RECOMMENDED)
    upper.refresh_from_db()
    return upper
