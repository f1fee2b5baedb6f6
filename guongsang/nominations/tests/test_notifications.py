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


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ENGLISH = ("the ", "your ", "has been", "dossier", "notification")


def _accept_with_mail(world, settings, capture, *, officer_wants_mail=True):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = IMMEDIATE
    world.officer.email = "canbo@example.vn"
    world.officer.notify_by_email = officer_wants_mail
    world.officer.save()
    dossier = _submitted(world)
    with capture(execute=True):
        services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")


def test_e_mail_goes_out_in_vietnamese(world, settings, django_capture_on_commit_callbacks):
    _accept_with_mail(world, settings, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["canbo@example.vn"]
    sent = mail.outbox[0]
    assert sent.subject == "[Gương Sáng] Thông báo"
    assert "Đã tiếp nhận" in sent.body and "Tài khoản của tôi" in sent.body
    assert not any(word in (sent.subject + sent.body).lower() for word in ENGLISH)


def test_a_person_who_turned_e_mail_off_hears_only_in_the_app(
    world, settings, django_capture_on_commit_callbacks
):
    _accept_with_mail(world, settings, django_capture_on_commit_callbacks, officer_wants_mail=False)
    assert mail.outbox == []
    assert Notification.objects.filter(user=world.officer).count() == 1


def test_the_mail_is_a_job_of_the_task_worker(world, settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world.officer.email = "canbo@example.vn"
    world.officer.save()
    dossier = _submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    assert mail.outbox == []  # the page did not send it
    job = DBTaskResult.objects.get(task_path__endswith="notification_mail")
    assert job.args_kwargs["args"][1] == ["canbo@example.vn"]


def test_no_e_mail_when_mail_is_switched_off(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    settings.TASKS = IMMEDIATE
    world.officer.email = "canbo@example.vn"
    world.officer.save()
    dossier = _submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    assert mail.outbox == []
    assert Notification.objects.filter(user=world.officer).count() == 1


def test_a_person_turns_e_mail_off_on_their_account_page(client, world):
    client.force_login(world.officer)
    page = client.get("/tai-khoan/cua-toi/").content.decode()
    assert "Nhận thông báo qua thư điện tử" in page and "checked" in page
    client.post("/tai-khoan/cua-toi/", {"email": "canbo@example.vn"})
    world.officer.refresh_from_db()
    assert world.officer.notify_by_email is False and world.officer.email == "canbo@example.vn"
    response = client.post("/tai-khoan/cua-toi/", {"email": "khong-phai-thu"})
    assert "Nhập địa chỉ email." in response.content.decode()
    world.officer.refresh_from_db()
    assert world.officer.email == "canbo@example.vn"


def test_notification_page_lists_own_notes_and_marks_them_read(client, world):
    dossier = _submitted(world)
    services.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")
    client.force_login(world.other_officer)
    assert "Đã tiếp nhận" not in client.get("/ho-so/thong-bao/").content.decode()
    client.force_login(world.officer)
    assert "Đã tiếp nhận" in client.get("/ho-so/thong-bao/").content.decode()
    assert client.post("/ho-so/thong-bao/").status_code == 302
    assert Notification.objects.get(user=world.officer).read_at is not None
