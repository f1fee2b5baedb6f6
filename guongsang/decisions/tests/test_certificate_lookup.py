import datetime as dt

import pytest

from guongsang.decisions import services
from guongsang.decisions.selectors import certificate_lookup
from guongsang.decisions.tests.factories import signed_decision, signer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def test_a_signed_certificate_is_found_however_the_code_is_typed(world):
    decision = signed_decision(world)
    line = decision.recipients.get()
    code = line.certificate_code
    typed = f" {code[:5].lower()} - {code[5:]} "
    found = certificate_lookup(typed)
    assert found is not None
    assert found["code"] == f"{code[:5]}-{code[5:]}"
    assert found["recipient_name"] == "Lê Thị Bích Liên"
    assert found["unit_name"] == world.centre.name
    assert found["title_name"] == "“Người tốt, việc tốt” cấp cơ sở"
    assert found["decision_number"] == decision.full_number
    assert found["decision_number"].startswith("1/QĐ-")
    assert found["decision_date"] == dt.date(2023, 9, 15)
    assert found["authority"] == world.dept.name
    assert found["revoked"] is False and found["revoked_on"] is None
    assert found["revoking_decision_number"] == ""


def test_unknown_or_malformed_codes_find_nothing(world):
    signed_decision(world)
    assert certificate_lookup("ABCDE-FGHJK") is None
    assert certificate_lookup("") is None
    assert certificate_lookup("xx'; drop table") is None


def test_a_revoked_award_shows_revoked_with_the_later_decision(world):
    decision = signed_decision(world)
    line = decision.recipients.get()
    revocation = services.revocation_draft(
        actor=world.secretariat, decision=decision, lines=[line], reason="Khai man thành tích"
    )
    revocation = services.decision_sign(
        actor=signer(world), decision=revocation, on=dt.date(2024, 2, 5)
    )
    found = certificate_lookup(line.certificate_code)
    assert found["revoked"] is True
    assert found["revoked_on"] == dt.date(2024, 2, 5)
    assert found["revoke_reason"] == "Khai man thành tích"
    assert found["revoking_decision_number"] == revocation.full_number == "1/QĐ-SLĐTBXH"
    line.award.refresh_from_db()
    assert line.award.revoked_on == dt.date(2024, 2, 5)


def test_a_draft_decision_has_no_certificate(world):
    from guongsang.decisions.tests.factories import recommended

    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[recommended(world)]
    )
    assert draft.number is None
    assert not draft.recipients.exclude(certificate_code=None).exists()
