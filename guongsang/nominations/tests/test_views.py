import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guongsang.nominations import services
from guongsang.nominations.models import Dossier, DossierFile, State
from guongsang.nominations.tests.factories import PDF, dossier_form_data, make_dossier, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def test_the_unit_and_its_level_download_an_evidence_file_others_get_404(client, world):
    dossier = make_dossier(world, complete=False)
    evidence = services.dossier_attach(
        actor=world.officer, dossier=dossier, kind="evidence", upload=pdf_upload("giay-khen.pdf")
    )
    url = reverse("nominations:file_download", args=[evidence.uuid])
    for user in (world.officer, world.secretariat):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "giay-khen.pdf" in response["Content-Disposition"]
    client.force_login(world.other_officer)
    assert client.get(url).status_code == 404


def test_an_officer_creates_a_dossier_with_files_through_the_form(client, world, titles):
    client.force_login(world.officer)
    data = dossier_form_data(
        world,
        titles,
        minutes_file=pdf_upload("bien-ban.pdf"),
        evidence_files=[pdf_upload("minh-chung-1.pdf"), pdf_upload("minh-chung-2.pdf")],
    )
    response = client.post(reverse("nominations:create"), data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("nominations:detail", args=[dossier.uuid])
    assert dossier.person == world.person and dossier.unit == world.centre
    assert sorted(dossier.files.values_list("kind", "original_name")) == [
        ("evidence", "minh-chung-1.pdf"),
        ("evidence", "minh-chung-2.pdf"),
        ("minutes", "bien-ban.pdf"),
    ]
    page = client.get(response.url).content.decode()
    assert "bien-ban.pdf" in page and "Gửi hồ sơ" in page


def test_a_renamed_executable_is_refused_and_nothing_is_saved(client, world, titles):
    client.force_login(world.officer)
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64)
    response = client.post(
        reverse("nominations:create"), dossier_form_data(world, titles, minutes_file=fake)
    )
    assert response.status_code == 200
    assert "không phải PDF, DOCX, JPEG hay PNG" in response.content.decode()
    assert not Dossier.objects.exists()
    assert not DossierFile.objects.exists()


def test_choosing_a_collective_needs_a_unit(client, world, titles):
    client.force_login(world.officer)
    response = client.post(
        reverse("nominations:create"), dossier_form_data(world, titles, nominee_kind="unit")
    )
    assert response.status_code == 200
    assert "Chọn tập thể được đề nghị." in response.content.decode()
    assert not Dossier.objects.exists()


def _action_urls(dossier):
    return {
        action: reverse("nominations:transition", args=[dossier.uuid, action])
        for action in ("submit", "accept", "return", "withdraw")
    }


def test_transition_buttons_are_shown_only_to_the_roles_that_may_act(client, world):
    dossier = make_dossier(world)
    url = reverse("nominations:detail", args=[dossier.uuid])
    actions = _action_urls(dossier)

    client.force_login(world.officer)
    page = client.get(url).content.decode()
    assert actions["submit"] in page and actions["withdraw"] in page
    assert actions["accept"] not in page

    client.force_login(world.leader)  # sees the dossier of its level, may not act on it
    page = client.get(url).content.decode()
    assert not any(action_url in page for action_url in actions.values())

    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    client.force_login(world.secretariat)
    page = client.get(url).content.decode()
    assert actions["accept"] in page and actions["return"] in page
    assert actions["submit"] not in page


def test_a_transition_posted_by_a_wrong_role_is_forbidden_and_changes_nothing(client, world):
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    for user in (world.officer, world.leader):
        client.force_login(user)
        response = client.post(_action_urls(dossier)["accept"])
        assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.events.count() == 1


def test_the_secretariat_returns_with_a_reason_and_the_officer_sees_it(client, world):
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    client.force_login(world.secretariat)
    url = _action_urls(dossier)["return"]
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Cần ghi rõ lý do" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    client.post(url, {"reason": "Bổ sung biên bản có chữ ký."})
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED
    client.force_login(world.officer)
    page = client.get(reverse("nominations:detail", args=[dossier.uuid])).content.decode()
    assert "Bổ sung biên bản có chữ ký." in page


def test_submitting_an_incomplete_dossier_shows_what_is_missing(client, world):
    dossier = make_dossier(world, complete=False)
    client.force_login(world.officer)
    response = client.post(_action_urls(dossier)["submit"], follow=True)
    assert "Chưa có biên bản họp xét của đơn vị." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT


def test_the_officer_edits_a_draft_and_adds_a_file(client, world):
    dossier = make_dossier(world, complete=False)
    client.force_login(world.officer)
    response = client.post(
        reverse("nominations:edit", args=[dossier.uuid]),
        {"track": "yearly", "summary": "Thành tích mới.", "report_file": pdf_upload("bc.pdf")},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.summary == "Thành tích mới."
    assert dossier.files.filter(kind="report").exists()


def test_a_submitted_dossier_cannot_be_edited(client, world):
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    client.force_login(world.officer)
    assert client.get(reverse("nominations:edit", args=[dossier.uuid])).status_code == 403


def test_the_secretariat_overrides_a_check_with_a_reason(client, world, titles):
    first = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=first, action="submit")
    other = services.dossier_create(
        actor=world.officer,
        unit=world.centre,
        title=titles["nguoi-tot-viec-tot-co-so"],
        year=2024,
        person=world.person,
    )
    url = reverse("nominations:override", args=[other.uuid])
    client.force_login(world.officer)
    assert client.get(url).status_code in {403, 404}
    client.force_login(world.secretariat)
    response = client.post(url, {"check_code": "duplicate", "reason": "Hai thành tích khác nhau."})
    assert response.status_code == 302
    assert other.overrides.get().reason == "Hai thành tích khác nhau."
    page = client.get(reverse("nominations:detail", args=[other.uuid])).content.decode()
    assert "Hai thành tích khác nhau." in page


def test_the_list_shows_only_visible_dossiers(client, world):
    ours = make_dossier(world)
    client.force_login(world.other_officer)
    page = client.get(reverse("nominations:list")).content.decode()
    assert world.person.full_name not in page
    assert reverse("nominations:detail", args=[ours.uuid]) not in page
    client.force_login(world.officer)
    page = client.get(reverse("nominations:list")).content.decode()
    assert reverse("nominations:detail", args=[ours.uuid]) in page
    assert "Tạo hồ sơ" in page


def test_the_list_filters_by_state_and_text_and_answers_htmx_with_rows(client, world):
    make_dossier(world)
    client.force_login(world.secretariat)
    url = reverse("nominations:list")
    assert world.person.full_name in client.get(url, {"status": "draft"}).content.decode()
    assert world.person.full_name not in client.get(url, {"status": "submitted"}).content.decode()
    response = client.get(url, {"q": "Bích"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert world.person.full_name in body and "<html" not in body


def test_the_list_query_count_does_not_grow_with_dossiers(client, world, django_assert_num_queries):
    from guongsang.people.tests.factories import letters, make_person

    for n in range(12):
        person = make_person(f"Người thứ {letters(n)}", unit=world.centre)
        make_dossier(world, person=person, complete=False)
    client.force_login(world.secretariat)
    with django_assert_num_queries(11):  # the unit filter is a picker: no list of units
        response = client.get(reverse("nominations:list"))
    assert response.status_code == 200
    assert response.content.decode().count("/ho-so/") >= 12


def test_the_same_form_posted_twice_makes_one_dossier(client, world, titles):
    import re as re_lib

    from guongsang.people.tests.factories import make_person

    client.force_login(world.officer)
    blank = client.get(reverse("nominations:create")).content.decode()
    token = re_lib.search(r'name="form_token" value="([0-9a-f-]{36})"', blank).group(1)
    first = client.post(
        reverse("nominations:create"), dossier_form_data(world, titles, form_token=token)
    )
    again = client.post(
        reverse("nominations:create"), dossier_form_data(world, titles, form_token=token)
    )
    dossier = Dossier.objects.get()
    assert first.url == again.url == reverse("nominations:detail", args=[dossier.uuid])
    assert "Biểu mẫu này đã được gửi" in client.get(again.url).content.decode()
    # Back to the form: the page comes with a new token, the browser puts back what was
    # typed; sent again, it still finds the first dossier.
    other = client.get(reverse("nominations:create")).content.decode()
    fresh = re_lib.search(r'name="form_token" value="([0-9a-f-]{36})"', other).group(1)
    assert fresh != token
    resent = client.post(
        reverse("nominations:create"), dossier_form_data(world, titles, form_token=fresh)
    )
    assert resent.url == first.url and Dossier.objects.count() == 1
    # Another nominee from that fresh form is a new dossier.
    person = make_person("Trần Thị Hoa", unit=world.centre)
    data = dossier_form_data(world, titles, form_token=fresh, person=str(person.uuid))
    assert client.post(reverse("nominations:create"), data).url != first.url
    assert Dossier.objects.count() == 2
    # Someone else posting that token does not reach the dossier: it makes their own.
    client.force_login(world.other_officer)
    data = dossier_form_data(
        world,
        titles,
        form_token=token,
        unit=str(world.other_centre.uuid),
        person=str(world.other_person.uuid),
    )
    refused = client.post(reverse("nominations:create"), data)
    assert refused.status_code == 200 and Dossier.objects.count() == 2


def test_each_step_says_what_was_done_in_a_plain_sentence(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer)
    page = client.post(_action_urls(dossier)["submit"], follow=True).content.decode()
    assert "Đã gửi hồ sơ." in page
    assert "Đã thực hiện" not in page
    client.force_login(world.secretariat)
    page = client.post(_action_urls(dossier)["accept"], follow=True).content.decode()
    assert "Đã tiếp nhận hồ sơ." in page


def test_every_direct_step_has_its_own_sentence():
    from guongsang.nominations.workflow import TRANSITIONS

    sentences = [str(t.done) for t in TRANSITIONS.values()]
    assert all(s.startswith("Đã ") and s.endswith(".") for s in sentences)
    assert len(set(sentences)) == len(sentences)


def test_an_old_saved_link_lands_on_the_same_filtered_list(client, world):
    make_dossier(world)
    client.force_login(world.secretariat)
    url = reverse("nominations:list")
    response = client.get(f"{url}?nam=2024&trang_thai=draft&q=B%C3%ADch")
    assert response.status_code == 301
    assert response["Location"] == f"{url}?year=2024&status=draft&q=B%C3%ADch"
    assert world.person.full_name in client.get(response["Location"]).content.decode()
    old = client.get(f"{url}?nam=2024&trang_thai=submitted", follow=True)
    assert old.redirect_chain == [(f"{url}?year=2024&status=submitted", 301)]
    assert world.person.full_name not in old.content.decode()
