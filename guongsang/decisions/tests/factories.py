"""Test helpers: recommended dossiers (set directly, as the council would leave them) and a
signer over the department."""

from __future__ import annotations

import datetime as dt

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.decisions import services
from guongsang.decisions.models import Decision
from guongsang.nominations.models import Dossier, State
from guongsang.nominations.tests.factories import make_dossier


def recommended(world, *, code: str = "nguoi-tot-viec-tot-co-so", person=None, year=2023):
    """A dossier the department's council recommended."""
    dossier = make_dossier(world, code=code, person=person, year=year)
    Dossier.objects.filter(pk=dossier.pk).update(state=State.RECOMMENDED)
    dossier.refresh_from_db()
    return dossier


def recommended_collective(world, *, code: str = "tap-the-tot", unit=None, year=2023):
    from guongsang.catalogue.models import Title
    from guongsang.nominations import services as dossier_services

    dossier = dossier_services.dossier_create(
        actor=world.officer,
        unit=world.centre,
        title=Title.objects.get(code=code),
        year=year,
        nominee_unit=unit or world.centre,
        summary="Tập thể đoàn kết, hoàn thành xuất sắc nhiệm vụ.",
    )
    Dossier.objects.filter(pk=dossier.pk).update(state=State.RECOMMENDED)
    dossier.refresh_from_db()
    return dossier


def signer(world):
    if not hasattr(world, "signer"):
        world.signer = make_user("giamdoc", role=Role.SIGNER, unit=world.dept)
        world.signer.full_name = "Bạch Liên Hương"
        world.signer.save(update_fields=["full_name"])
    return world.signer


def signed_decision(world, *, dossiers=None, on=dt.date(2023, 9, 15)) -> Decision:
    dossiers = dossiers or [recommended(world)]
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=dossiers
    )
    return services.decision_sign(actor=signer(world), decision=draft, on=on)
