"""The public certificate check, with real signed decisions from the decisions app."""

import datetime as dt

import pytest
from django.urls import reverse

from guongsang.decisions import services as decisions
from guongsang.decisions.tests.factories import signed_decision, signer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def test_anyone_checks_a_code_and_sees_whom_and_which_decision(client, world):
    decision = signed_decision(world)
    line = decision.recipients.get()
    code = line.certificate_code
    response = client.get(reverse("showcase:certificate_check"), {"code": f" {code.lower()} "})
    assert response.status_code == 302
    page = client.get(response.url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Giấy khen hợp lệ." in body and "Lê Thị Bích Liên" in body
    assert world.centre.name in body and decision.full_number in body
    assert "ngày 15 tháng 9 năm 2023" in body and world.dept.name in body
    assert "no-cache" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex"
    assert world.person.citizen_id not in body


def test_a_revoked_certificate_says_so(client, world):
    decision = signed_decision(world)
    line = decision.recipients.get()
    revocation = decisions.revocation_draft(
        actor=world.secretariat, decision=decision, lines=[line], reason="Khai man thành tích"
    )
    revocation = decisions.decision_sign(
        actor=signer(world), decision=revocation, on=dt.date(2024, 2, 5)
    )
    body = client.get(
        reverse("showcase:certificate", args=[line.certificate_code])
    ).content.decode()
    assert "đã thu hồi" in body and "ngày 5 tháng 2 năm 2024" in body
    assert revocation.full_number in body and "Khai man thành tích" in body
    assert "Giấy khen hợp lệ." not in body


def test_unknown_codes_and_enumeration_are_limited(client, world):
    response = client.get(reverse("showcase:certificate", args=["ABCDE-FGHJK"]))
    assert response.status_code == 404 and "Không tìm thấy giấy khen" in response.content.decode()
    bad = client.get(reverse("showcase:certificate_check"), {"code": "x'; drop"})
    assert bad.status_code == 200 and "chỉ gồm chữ, số" in bad.content.decode()
    for _ in range(19):
        client.get(reverse("showcase:certificate", args=["ABCDE-FGHJK"]))
    limited = client.get(reverse("showcase:certificate", args=["ABCDE-FGHJK"]))
    assert limited.status_code == 429 and limited["Retry-After"] == "600"
    api = client.get("/api/v1/showcase/certificates/ABCDE-FGHJK")
    assert api.status_code == 429
    other = client.get(
        reverse("showcase:certificate", args=["ABCDE-FGHJK"]), REMOTE_ADDR="10.1.1.1"
    )
    assert other.status_code == 404


def test_an_old_printed_lookup_link_still_finds_the_certificate(client, world):
    decision = signed_decision(world)
    code = decision.recipients.get().certificate_code
    check = reverse("showcase:certificate_check")
    response = client.get(f"{check}?ma={code}")
    assert response.status_code == 301 and response["Location"] == f"{check}?code={code}"
    found = client.get(response["Location"], follow=True)
    assert "Giấy khen hợp lệ." in found.content.decode()
