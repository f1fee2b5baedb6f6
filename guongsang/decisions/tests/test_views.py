import datetime as dt

import pytest
from django.urls import reverse

from guongsang.decisions.models import Decision
from guongsang.decisions.tests.factories import recommended, signed_decision, signer
from guongsang.nominations.models import State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def test_the_secretariat_drafts_and_the_signer_signs_with_confirmation(client, world):
    dossier = recommended(world)
    client.force_login(world.secretariat)
    page = client.get(reverse("decisions:draft"))
    assert "Lê Thị Bích Liên" in page.content.decode()
    response = client.post(reverse("decisions:draft"), {"dossiers": [str(dossier.uuid)]})
    decision = Decision.objects.get()
    assert response.url == reverse("decisions:detail", args=[decision.uuid])
    assert client.post(reverse("decisions:sign", args=[decision.uuid])).status_code == 403

    client.force_login(signer(world))
    url = reverse("decisions:sign", args=[decision.uuid])
    unconfirmed = client.post(url, {"on": "05/02/2024", "signer_name": "Bạch Liên Hương"})
    assert "Cần xác nhận trước khi ký" in unconfirmed.content.decode()
    decision.refresh_from_db()
    assert decision.number is None
    signing = {"on": "05/02/2024", "signer_name": "Bạch Liên Hương", "confirm": "on"}
    backdated = client.post(url, signing)
    assert "cần ghi lý do" in backdated.content.decode()
    decision.refresh_from_db()
    assert decision.number is None
    client.post(url, {**signing, "backdate_reason": "Ký bản giấy ngày 05/02/2024, nhập sau."})
    decision.refresh_from_db()
    assert decision.full_number == "1/QĐ-SLĐTBXH" and decision.decision_date == dt.date(2024, 2, 5)
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    pdf = client.get(reverse("decisions:pdf", args=[decision.uuid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_an_officer_of_another_unit_sees_no_decision_of_the_department(client, world):
    decision = signed_decision(world)  # names a dossier of world.centre, not other_centre
    client.force_login(world.other_officer)
    assert client.get(reverse("decisions:list")).status_code == 403
    for name in ("decisions:detail", "decisions:pdf", "decisions:docx", "decisions:xlsx"):
        assert client.get(reverse(name, args=[decision.uuid])).status_code == 404
    assert client.get("/api/v1/decisions").json()["items"] == []


def test_a_signed_decision_offers_no_edit_and_refuses_one(client, world):
    decision = signed_decision(world)
    client.force_login(world.secretariat)
    body = client.get(reverse("decisions:detail", args=[decision.uuid])).content.decode()
    assert "Sửa dự thảo" not in body and "1/QĐ-SLĐTBXH" in body
    response = client.post(
        reverse("decisions:edit", args=[decision.uuid]),
        {"summary": "Khác", "legal_bases": "x", "articles": "y", "recipients_list": "z"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.summary != "Khác"


def test_the_register_lists_without_a_query_per_row(client, world, django_assert_num_queries):
    from guongsang.people.tests.factories import letters, make_person

    for i in range(4):
        person = make_person(f"Người {letters(i)}", unit=world.centre)
        signed_decision(world, dossiers=[recommended(world, person=person)])
    client.force_login(world.leader)
    with django_assert_num_queries(8):
        body = client.get(reverse("decisions:list")).content.decode()
    assert body.count("/QĐ-SLĐTBXH") == 4


def test_the_revocation_is_drafted_from_the_decision_page(client, world):
    decision = signed_decision(world)
    line = decision.recipients.get()
    client.force_login(world.secretariat)
    url = reverse("decisions:revoke", args=[decision.uuid])
    assert "Lý do thu hồi" in client.get(url).content.decode()
    empty = client.post(url, {"lines": [str(line.uuid)], "reason": ""})
    assert empty.status_code == 200 and Decision.objects.count() == 1
    client.post(url, {"lines": [str(line.uuid)], "reason": "Khai man thành tích"})
    revocation = Decision.objects.get(kind="revocation")
    assert revocation.amends == decision and revocation.recipients.get().revokes == line


def test_the_api_lists_and_details_a_decision_for_the_leaders(client, world):
    decision = signed_decision(world)
    client.force_login(world.leader)
    listed = client.get("/api/v1/decisions").json()["items"]
    assert [d["number"] for d in listed] == ["1/QĐ-SLĐTBXH"]
    detail = client.get(f"/api/v1/decisions/{decision.uuid}").json()
    assert detail["recipients"][0]["name"] == "Lê Thị Bích Liên"
    assert detail["recipients"][0]["amount"] == 540_000 and detail["total_amount"] == 540_000


def test_a_downloaded_decision_keeps_the_d_of_qđ_in_its_file_name(client, world):
    decision = signed_decision(world)
    assert "Đ" in decision.full_number  # the number carries QĐ, whatever the agency's code
    client.force_login(world.secretariat)
    for kind in ("docx", "pdf"):
        response = client.get(reverse(f"decisions:{kind}", args=[decision.uuid]))
        disposition = response["Content-Disposition"]
        number = decision.full_number.split("/")[0]
        assert f"quyet-dinh-{number}-qd-" in disposition, disposition
        assert "-q-" not in disposition and "-qd-" in disposition


def test_the_register_filters_by_year_and_an_old_link_still_does(client, world):
    decision = signed_decision(world)
    client.force_login(world.leader)
    url = reverse("decisions:list")
    year = decision.year
    assert decision.full_number in client.get(url, {"year": year}).content.decode()
    assert decision.full_number not in client.get(url, {"year": year - 1}).content.decode()
    old = client.get(f"{url}?nam={year}", follow=True)
    assert old.redirect_chain == [(f"{url}?year={year}", 301)]
    assert decision.full_number in old.content.decode()
