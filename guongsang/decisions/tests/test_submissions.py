"""Forwarding upward: the tờ trình, the city deciding in the same installation, and the outcome
written back on the department's dossier and the submission."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.decisions import documents, selectors, services
from guongsang.decisions.models import SubmissionState
from guongsang.decisions.tests.factories import recommended
from guongsang.nominations.models import Dossier, State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
CITY_TITLE = "nguoi-tot-viec-tot-thanh-pho"


def test_a_city_title_is_forwarded_decided_above_and_reported_back(world, client):
    dossier = recommended(world, code=CITY_TITLE)
    submission = services.submission_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    assert submission.to_unit == world.city and submission.number is None
    sent = services.submission_send(
        actor=world.secretariat,
        submission=submission,
        on=dt.date(2022, 9, 1),
        signer_name="Bạch Liên Hương",
    )
    assert sent.state == SubmissionState.SENT and sent.full_number == "1/TTr-SLĐTBXH"
    dossier.refresh_from_db()
    assert dossier.state == State.FORWARDED
    upper = Dossier.objects.get(forwarded_from=dossier)
    assert upper.level_unit == world.city and upper.state == State.SUBMITTED

    # The city's council recommends it (the council app's work), and the city signs.
    Dossier.objects.filter(pk=upper.pk).update(state=State.RECOMMENDED)
    city_secretariat = make_user("bantdkt", role=Role.SECRETARIAT, unit=world.city)
    city_signer = make_user("chutich", role=Role.SIGNER, unit=world.city)
    draft = services.decision_draft(actor=city_secretariat, authority=world.city, dossiers=[upper])
    decision = services.decision_sign(
        actor=city_signer,
        decision=draft,
        on=dt.date(2022, 9, 9),
        signer_name="Lê Hồng Sơn",
        as_deputy=True,
    )
    assert decision.full_number == "1/QĐ-UBND"
    line = decision.recipients.get()
    assert line.amount == 1_490_000 and line.award.authority == "Chủ tịch UBND Thành phố"
    dossier.refresh_from_db()
    assert "1/QĐ-UBND" in dossier.outcome_note and "09/09/2022" in dossier.outcome_note
    package = selectors.submission_package(sent)
    [item] = package["items"]
    assert item["outcome"] == {
        "status": "conferred",
        "decision_number": "1/QĐ-UBND",
        "decision_date": "2022-09-09",
    }
    assert package["number"] == "1/TTr-SLĐTBXH" and package["to"]["name"] == world.city.name

    client.force_login(world.secretariat)
    response = client.get(f"/api/v1/decisions/submissions/{sent.uuid}/package")
    assert response.status_code == 200 and response.json()["items"][0]["name"] == "Lê Thị Bích Liên"
    client.force_login(world.officer)
    assert client.get(f"/api/v1/decisions/submissions/{sent.uuid}/package").status_code == 404


def test_the_department_cannot_decide_or_forward_the_wrong_titles(world):
    base = recommended(world)
    with pytest.raises(ValidationError, match="không cần trình"):
        services.submission_draft(actor=world.secretariat, authority=world.dept, dossiers=[base])
    assert not Dossier.objects.filter(forwarded_from=base).exists()


def test_the_submission_documents_list_every_dossier(world):
    import io

    from docx import Document
    from pypdf import PdfReader

    submission = services.submission_draft(
        actor=world.secretariat,
        authority=world.dept,
        dossiers=[recommended(world, code=CITY_TITLE)],
    )
    document = Document(io.BytesIO(documents.submission_docx(submission)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Lê Thị Bích Liên" in cells and "TỜ TRÌNH" in [p.text for p in document.paragraphs]
    pdf = PdfReader(io.BytesIO(documents.submission_pdf(submission)))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert (
        "TỜ TRÌNH" in text and "Lê Thị Bích Liên" in text and "Kính gửi: Thành phố Hà Nội" in text
    )
