"""A dossier linked to a movement must be submitted by the movement's nomination deadline."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guongsang.movements.models import Movement
from guongsang.movements.tests.factories import make_movement
from guongsang.nominations import eligibility, services
from guongsang.nominations.forms import DossierForm
from guongsang.nominations.models import State
from guongsang.nominations.tests.factories import make_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _movement(world, *, deadline_in_days: int) -> Movement:
    today = timezone.localdate()
    movement = make_movement(world.dept, launched_on=today - dt.timedelta(days=60))
    Movement.objects.filter(pk=movement.pk).update(
        nomination_deadline=today + dt.timedelta(days=deadline_in_days)
    )
    movement.refresh_from_db()
    return movement


def test_dossier_remembers_its_movement(world):
    movement = _movement(world, deadline_in_days=5)
    dossier = make_dossier(world, year=movement.year, movement=movement)
    assert dossier.movement == movement


def test_movement_of_another_year_is_refused(world):
    movement = _movement(world, deadline_in_days=5)
    with pytest.raises(ValidationError):
        make_dossier(world, year=movement.year - 1, movement=movement)


def test_submitting_after_the_deadline_is_blocked_and_explained(world):
    movement = _movement(world, deadline_in_days=-1)
    dossier = make_dossier(world, year=movement.year, movement=movement)
    found = [f for f in eligibility.check_dossier(dossier) if f.code == "deadline"]
    day = movement.nomination_deadline.strftime("%d/%m/%Y")
    assert found and found[0].blocking
    assert found[0].message == (f"Đã quá hạn nộp hồ sơ của {movement.name} (hạn cuối: {day}).")
    with pytest.raises(ValidationError) as exc:
        services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    assert "Đã quá hạn nộp hồ sơ" in " ".join(exc.value.messages)
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT


def test_submitting_before_the_deadline_passes_and_accepting_later_still_does(world):
    movement = _movement(world, deadline_in_days=3)
    dossier = make_dossier(world, year=movement.year, movement=movement)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    Movement.objects.filter(pk=movement.pk).update(
        nomination_deadline=timezone.localdate() - dt.timedelta(days=1),
        launched_on=timezone.localdate() - dt.timedelta(days=60),
    )
    dossier.events.filter(action="submit").update(at=timezone.now() - dt.timedelta(days=2))
    dossier.refresh_from_db()
    services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    assert dossier.__class__.objects.get(pk=dossier.pk).state == State.ACCEPTED


def test_secretariat_may_let_a_late_dossier_through(world):
    movement = _movement(world, deadline_in_days=-1)
    dossier = make_dossier(world, year=movement.year, movement=movement)
    services.check_override(
        actor=world.secretariat, dossier=dossier, check_code="deadline", reason="Lý do khách quan"
    )
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_form_offers_only_the_chosen_years_visible_movements(world):
    movement = _movement(world, deadline_in_days=5)
    hidden = make_movement(world.other_centre, name="Phong trào nội bộ")
    visible = Movement.objects.filter(pk__in=[movement.pk])
    form = DossierForm(editing=True, year=movement.year, movements=visible)
    choices = list(form.fields["movement"].queryset)
    assert movement in choices and hidden not in choices
    form = DossierForm(editing=True, year=movement.year + 1, movements=visible)
    assert list(form.fields["movement"].queryset) == []


def test_create_page_lists_movements_the_officer_may_see(client, world):
    movement = _movement(world, deadline_in_days=5)
    hidden = make_movement(world.other_centre, name="Phong trào nội bộ Trung tâm 2")
    client.force_login(world.officer)
    body = client.get("/ho-so/tao/").content.decode()
    assert movement.name in body and hidden.name not in body


def test_officer_creates_a_dossier_linked_to_a_movement_on_the_page(client, world):
    from guongsang.catalogue.models import Title
    from guongsang.nominations.models import Dossier

    movement = _movement(world, deadline_in_days=5)
    client.force_login(world.officer)
    response = client.post(
        "/ho-so/tao/",
        {
            "unit": str(world.centre.uuid),
            "title": Title.objects.get(code="nguoi-tot-viec-tot-co-so").pk,
            "year": movement.year,
            "track": "yearly",
            "nominee_kind": "person",
            "person": str(world.person.uuid),
            "movement": str(movement.uuid),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Dossier.objects.get().movement == movement


def test_the_page_refuses_a_movement_of_another_year(client, world):
    from guongsang.catalogue.models import Title
    from guongsang.nominations.models import Dossier

    movement = _movement(world, deadline_in_days=5)
    client.force_login(world.officer)
    response = client.post(
        "/ho-so/tao/",
        {
            "unit": str(world.centre.uuid),
            "title": Title.objects.get(code="nguoi-tot-viec-tot-co-so").pk,
            "year": movement.year - 1,
            "track": "yearly",
            "nominee_kind": "person",
            "person": str(world.person.uuid),
            "movement": str(movement.uuid),
        },
    )
    assert response.status_code == 200
    assert f"Chọn một phong trào của năm {movement.year - 1}." in response.content.decode()
    assert not Dossier.objects.exists()
