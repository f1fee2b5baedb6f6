"""Closing the loop: the unit that proposed a dossier reads the signed decision that names it,
downloads that recipient's certificate, and hears the outcome; other units do not."""

import datetime as dt
import io
import math
from decimal import Decimal

import pytest
from django.urls import reverse

from guongsang.accounts.tests.factories import make_user
from guongsang.catalogue.models import BaseSalary, Title
from guongsang.core.roles import Role
from guongsang.decisions import services
from guongsang.decisions.tests.factories import recommended, signer
from guongsang.nominations.models import Dossier, Notification, State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
SIGNED_ON = dt.date(2024, 8, 1)
COEFFICIENT = Decimal("0.3")
CODE = "nguoi-tot-viec-tot-co-so"


def _expected_amount() -> int:
    """Coefficient × the base salary in force, rounded up to the next 10,000 đồng."""
    salary = BaseSalary.objects.filter(valid_from__lte=SIGNED_ON).order_by("-valid_from")[0]
    return math.ceil(COEFFICIENT * salary.amount / 10_000) * 10_000


def _dotted(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _signed(world, *, dossier=None):
    Title.objects.filter(code=CODE).update(coefficient=COEFFICIENT)
    dossier = dossier or recommended(world, code=CODE, year=2024)
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    decision = services.decision_sign(actor=signer(world), decision=draft, on=SIGNED_ON)
    dossier.refresh_from_db()
    return decision, dossier, decision.recipients.get()


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- the decision page ----------------------------------------------------------------------


def test_the_proposing_units_officer_opens_the_signed_decision_read_only(client, world):
    decision, _dossier, _line = _signed(world)
    client.force_login(world.officer)
    page = client.get(reverse("decisions:detail", args=[decision.uuid]))
    assert page.status_code == 200
    body = page.content.decode()
    assert decision.full_number in body and "Lê Thị Bích Liên" in body
    assert "Sửa dự thảo" not in body and "Ký quyết định" not in body
    assert "In giấy khen" not in body and "Thu hồi khen thưởng" not in body
    for name in ("decisions:pdf", "decisions:docx", "decisions:xlsx"):
        assert client.get(reverse(name, args=[decision.uuid])).status_code == 200
    # Read only: no batch print, no edit, no sign, no revocation; the register stays closed.
    assert client.post(reverse("decisions:certificates", args=[decision.uuid])).status_code == 403
    assert client.get(reverse("decisions:edit", args=[decision.uuid])).status_code == 403
    assert client.get(reverse("decisions:sign", args=[decision.uuid])).status_code == 403
    assert client.get(reverse("decisions:revoke", args=[decision.uuid])).status_code == 403
    assert client.get(reverse("decisions:list")).status_code == 403


def test_another_units_officer_gets_404_for_the_same_decision(client, world):
    decision, _dossier, line = _signed(world)
    client.force_login(world.other_officer)
    assert client.get(reverse("decisions:detail", args=[decision.uuid])).status_code == 404
    assert client.get(reverse("decisions:certificate", args=[line.uuid])).status_code == 404


def test_a_draft_naming_the_units_dossier_stays_hidden_from_the_officer(client, world):
    dossier = recommended(world, code=CODE, year=2024)
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    client.force_login(world.officer)
    assert client.get(reverse("decisions:detail", args=[draft.uuid])).status_code == 404
    assert client.get("/api/v1/decisions").json()["items"] == []
    assert (
        "outcome-heading"
        not in client.get(reverse("nominations:detail", args=[dossier.uuid])).content.decode()
    )


def test_the_api_lists_the_signed_decision_for_its_units_officer_only(client, world):
    decision, _dossier, _line = _signed(world)
    client.force_login(world.officer)
    items = client.get("/api/v1/decisions").json()["items"]
    assert [i["number"] for i in items] == [decision.full_number]
    client.force_login(world.other_officer)
    assert client.get("/api/v1/decisions").json()["items"] == []


def test_a_later_revocation_of_the_units_award_is_visible_to_it(client, world):
    decision, _dossier, line = _signed(world)
    revocation = services.revocation_draft(
        actor=world.secretariat, decision=decision, lines=[line], reason="Khai không đúng"
    )
    client.force_login(world.officer)
    assert client.get(reverse("decisions:detail", args=[revocation.uuid])).status_code == 404
    services.decision_sign(
        actor=signer(world), decision=revocation, on=SIGNED_ON + dt.timedelta(days=30)
    )
    assert client.get(reverse("decisions:detail", args=[revocation.uuid])).status_code == 200
    client.force_login(world.other_officer)
    assert client.get(reverse("decisions:detail", args=[revocation.uuid])).status_code == 404


# --- the certificate ------------------------------------------------------------------------


def test_the_officer_downloads_that_recipients_certificate(client, world):
    decision, _dossier, line = _signed(world)
    client.force_login(world.officer)
    response = client.get(reverse("decisions:certificate", args=[line.uuid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Lê Thị Bích Liên" in text and decision.full_number in text
    grouped = f"{line.certificate_code[:5]}-{line.certificate_code[5:]}"
    assert grouped in text


def test_the_department_secretariat_and_leader_download_it_too_but_not_another_unit(client, world):
    _decision, _dossier, line = _signed(world)
    url = reverse("decisions:certificate", args=[line.uuid])
    for user in (world.secretariat, world.leader):
        client.force_login(user)
        assert client.get(url).status_code == 200, user.username
    client.force_login(world.other_officer)
    assert client.get(url).status_code == 404


def test_a_revoked_certificate_is_no_longer_offered(client, world):
    decision, dossier, line = _signed(world)
    revocation = services.revocation_draft(
        actor=world.secretariat, decision=decision, lines=[line], reason="Khai không đúng"
    )
    services.decision_sign(
        actor=signer(world), decision=revocation, on=SIGNED_ON + dt.timedelta(days=30)
    )
    client.force_login(world.officer)
    assert client.get(reverse("decisions:certificate", args=[line.uuid])).status_code == 403
    body = client.get(reverse("nominations:detail", args=[dossier.uuid])).content.decode()
    assert "đã bị thu hồi" in body and "Tải giấy khen" not in body


# --- the dossier page and the notification ----------------------------------------------------


def test_the_dossier_page_shows_number_date_amount_and_certificate_links(client, world):
    decision, dossier, line = _signed(world)
    assert dossier.state == State.DECIDED
    amount = _expected_amount()
    assert line.amount == amount
    client.force_login(world.officer)
    body = client.get(reverse("nominations:detail", args=[dossier.uuid])).content.decode()
    outcome = body.split('id="outcome"', 1)[1].split("</section>", 1)[0]
    assert f"Quyết định số {decision.full_number} ngày 1 tháng 8 năm 2024" in outcome
    assert f"{_dotted(amount)} đ" in outcome
    grouped = f"{line.certificate_code[:5]}-{line.certificate_code[5:]}"
    assert reverse("decisions:certificate", args=[line.uuid]) in outcome
    assert reverse("showcase:certificate", args=[grouped]) in outcome
    assert reverse("decisions:detail", args=[decision.uuid]) in outcome


def test_the_public_check_link_shows_the_name_and_number_without_login(client, world):
    decision, dossier, line = _signed(world)
    grouped = f"{line.certificate_code[:5]}-{line.certificate_code[5:]}"
    body = client.get(reverse("showcase:certificate", args=[grouped])).content.decode()
    assert "Lê Thị Bích Liên" in body and decision.full_number in body


def test_signing_tells_the_units_officers_the_outcome_once(world):
    colleague = make_user("canbo-khac", role=Role.UNIT_OFFICER, unit=world.centre)
    decision, dossier, line = _signed(world)
    notes = Notification.objects.filter(dossier=dossier, message__contains="Quyết định số")
    assert {n.user for n in notes} == {world.officer, colleague}
    grouped = f"{line.certificate_code[:5]}-{line.certificate_code[5:]}"
    for note in notes:
        assert decision.full_number in note.message
        assert "ngày 1 tháng 8 năm 2024" in note.message
        assert f"{_dotted(_expected_amount())} đ" in note.message
        assert grouped in note.message and "Lê Thị Bích Liên được tặng" in note.message
    # The bare "moved to decided" note is not sent besides it.
    assert not Notification.objects.filter(dossier=dossier, message__contains="chuyển sang").filter(
        message__contains=State.DECIDED.label
    )
    assert not Notification.objects.filter(user=world.other_officer).exists()


def test_the_e_mail_carries_the_public_check_address(
    world, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The mail is a job of the task worker: run it at once here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "https://guongsang.example.vn"
    world.officer.email = "canbo@example.vn"
    world.officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        decision, _dossier, line = _signed(world)
    grouped = f"{line.certificate_code[:5]}-{line.certificate_code[5:]}"
    [message] = [m for m in mail.outbox if decision.full_number in m.body]
    assert message.to == ["canbo@example.vn"]
    assert f"https://guongsang.example.vn/vuon-hoa/xac-minh/{grouped}/" in message.body


def test_the_notification_page_offers_the_certificate_and_the_check(client, world):
    _decision, _dossier, line = _signed(world)
    client.force_login(world.officer)
    body = client.get(reverse("nominations:notifications")).content.decode()
    grouped = f"{line.certificate_code[:5]}-{line.certificate_code[5:]}"
    assert reverse("decisions:certificate", args=[line.uuid]) in body
    assert reverse("showcase:certificate", args=[grouped]) in body


def test_a_dossier_decided_at_the_city_shows_its_outcome_to_the_unit_below(client, world):
    dossier = recommended(world, code="nguoi-tot-viec-tot-thanh-pho", year=2024)
    submission = services.submission_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    services.submission_send(actor=world.secretariat, submission=submission, on=SIGNED_ON)
    upper = Dossier.objects.get(forwarded_from=dossier)
    Dossier.objects.filter(pk=upper.pk).update(state=State.RECOMMENDED)
    city_secretariat = make_user("bantdkt", role=Role.SECRETARIAT, unit=world.city)
    city_signer = make_user("chutich", role=Role.SIGNER, unit=world.city)
    draft = services.decision_draft(actor=city_secretariat, authority=world.city, dossiers=[upper])
    decision = services.decision_sign(
        actor=city_signer, decision=draft, on=SIGNED_ON, signer_name="Lê Hồng Sơn"
    )
    line = decision.recipients.get()
    client.force_login(world.officer)
    body = client.get(reverse("nominations:detail", args=[dossier.uuid])).content.decode()
    assert f"Quyết định số {decision.full_number}" in body
    assert client.get(reverse("decisions:detail", args=[decision.uuid])).status_code == 200
    assert client.get(reverse("decisions:certificate", args=[line.uuid])).status_code == 200
    assert Notification.objects.filter(
        user=world.officer, dossier=dossier, message__contains=decision.full_number
    ).exists()
    client.force_login(world.other_officer)
    assert client.get(reverse("decisions:detail", args=[decision.uuid])).status_code == 404


def test_outcomes_of_many_dossiers_cost_the_same_queries_as_one(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guongsang.decisions.selectors import dossier_outcomes
    from guongsang.people.tests.factories import make_person

    first = recommended(world, code=CODE, year=2024)
    others = [
        recommended(
            world, code=CODE, year=2024, person=make_person(f"Người {'ABC'[i]}", unit=world.centre)
        )
        for i in range(3)
    ]
    for dossier in [first, *others]:
        _signed(world, dossier=dossier)
    officer = type(world.officer).objects.get(pk=world.officer.pk)  # no cached grants
    with CaptureQueriesContext(connection) as one:
        single = dossier_outcomes(user=officer, dossier_ids=[first.pk])
    officer = type(world.officer).objects.get(pk=world.officer.pk)
    with django_assert_num_queries(len(one)):
        many = dossier_outcomes(user=officer, dossier_ids=[d.pk for d in [first, *others]])
    assert len(single[first.pk]) == 1 and set(many) == {d.pk for d in [first, *others]}
    assert all(o.may_download and o.may_open for outs in many.values() for o in outs)
