"""One discipline in force: a staff member of a centre reprimanded two months ago, for a year,
so that the register and the refusal it causes have something to show. The person has no
dossier: the figures the demo reproduces stay as they are."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from guongsang.demo.context import DemoContext
from guongsang.discipline.models import Discipline, DisciplineForm
from guongsang.people.models import Person, PersonKind

DECISION_NUMBER = "45/QĐ-SLĐTBXH"


def step(ctx: DemoContext) -> None:
    today = timezone.localdate()
    start = today - dt.timedelta(days=60)
    person = (
        Person.objects.filter(kind=PersonKind.STAFF, dossiers=None, awards=None)
        .order_by("pk")
        .first()
    )
    if person is None:
        return
    Discipline.objects.create(
        person=person,
        form=DisciplineForm.REPRIMAND,
        decision_number=DECISION_NUMBER,
        decision_date=start,
        starts_on=start,
        ends_on=start + dt.timedelta(days=365),
        reason="Vi phạm quy định về giờ làm việc nhiều lần trong tháng.",
    )
    ctx.made["disciplines"] = 1
