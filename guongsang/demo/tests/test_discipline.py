"""The demo's one discipline: in force today, on a person with no dossier or award, and it
refuses a nomination of that person."""

import pytest
from django.utils import timezone

from guongsang.catalogue.models import Title
from guongsang.discipline.models import Discipline
from guongsang.nominations import rules
from guongsang.nominations.models import Dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_the_demo_has_one_discipline_in_force_that_refuses_a_nomination():
    (record,) = Discipline.objects.select_related("person__home_unit")
    assert record.runs_on(timezone.localdate())
    person = record.person
    assert not person.dossiers.exists() and not person.awards.exists()
    draft = Dossier(
        unit=person.home_unit,
        level_unit=person.home_unit,
        title=Title.objects.get(code="giay-khen-giam-doc-so"),
        year=timezone.localdate().year,
        person=person,
    )
    (refusal,) = rules.discipline(draft)
    assert refusal.blocking and "Khiển trách" in refusal.message
