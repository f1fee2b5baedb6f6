"""People hear when a dossier comes back to them or moves on: in the app, and by e-mail."""

import pytest
from django.core import mail

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.nominations import services
from guongsang.nominations.models import Notification
from guongsang.nominations.tests.factories import make_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _submitted(world):
    """A dossier sent to the department; the secretariat's notice of it is set aside so that
    each test sees only what its own step sends."""
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    Notification.objects.filter(user=world.secretariat).delete()
    return dossier


def test_a_returned_dossier_notifies_the_units_officers_and_its_creator(world):
    colleague = make_user("canbo-khac", role=Role.UNIT_OFFICER, unit=world.centre)
    dossier = _submitted(world)
    services.dossier_transition(
        actor=world.secretariat, dossier=dossier, action="return", reason="Thiếu minh chứng"
    )
    notes = Notification.objects.filter(dossier=dossier)
    assert {n.user for n in notes} == {world.officer, colleague}
    assert all("Thiếu minh chứng" in n.message for n in notes)
    assert not Notification.objects.filter(user=world.other_officer).exists()


def test_an_accepted_dossier_notifies_its_creator_only(world):
    make_user("canbo-khac", role=Role.UNIT_OFFICER, unit=world.centre)
    dossier = _submitted(world)
    services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    assert [n.user for n in Notification.objects.filter(dossier=dossier)] == [world.officer]
    assert "Đã tiếp nhận" in Notification.objects.get(dossier=dossier).message


def test_submitting_tells_the_secretariat_of_the_reviewing_level_only(world):
    elsewhere = make_user("thuongtruc-tp", role=Role.SECRETARIAT, unit=world.city)
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    notes = list(Notification.objects.all())
    assert [n.user for n in notes] == [world.secretariat] and dossier.level_unit == world.dept
    assert world.centre.name in notes[0].message and "chờ tiếp nhận" in notes[0].message
    assert not Notification.objects.filter(user__in=[elsewhere, world.officer]).exists()


def test_e_mail_goes_out_with_a_real_backend(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.officer.email = "canbo@example.vn"
    world.officer.save()
    dossier = _submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["canbo@example.vn"]
    assert "Đã tiếp nhận" in mail.outbox[0].body


def test_no_e_mail_with_the_console_backend(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    world.officer.email = "canbo@example.vn"
    world.officer.save()
    dossier = _submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    assert mail.outbox == []
    assert Notification.objects.filter(user=world.officer).count() == 1


def test_notification_page_lists_own_notes_and_marks_them_read(client, world):
    dossier = _submitted(world)
    services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    client.force_login(world.other_officer)
    assert "Đã tiếp nhận" not in client.get("/ho-so/thong-bao/").content.decode()
    client.force_login(world.officer)
    assert "Đã tiếp nhận" in client.get("/ho-so/thong-bao/").content.decode()
    assert client.post("/ho-so/thong-bao/").status_code == 302
    assert Notification.objects.get(user=world.officer).read_at is not None
