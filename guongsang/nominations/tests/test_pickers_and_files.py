"""The dossier form's pickers (folded search, the user's scope) and the files changed before a
dossier is sent (replace, delete, refused once it is sent)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guongsang.core.models import AuditEntry
from guongsang.nominations import file_services, services
from guongsang.nominations.models import DossierFile, FileKind
from guongsang.nominations.tests.factories import make_dossier, pdf_upload
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_the_person_picker_finds_without_diacritics_in_the_users_units_only(client, world):
    mine = make_person("Đặng Ngọc Tâm", unit=world.centre, born=dt.date(1979, 5, 1))
    make_person("Đặng Ngọc Tâm", unit=world.other_centre)  # another unit: not offered
    client.force_login(world.officer)
    found = client.get(reverse("nominations:pick_person"), {"q": "dang ngoc tam"}).json()
    assert [r["value"] for r in found["results"]] == [str(mine.uuid)]
    assert "sinh năm 1979" in found["results"][0]["meta"]
    assert world.centre.name in found["results"][0]["meta"]
    assert client.get(reverse("nominations:pick_person"), {"q": " "}).json() == {"results": []}


def test_the_unit_picker_finds_the_users_units(client, world):
    client.force_login(world.secretariat)
    found = client.get(reverse("nominations:pick_unit"), {"q": "bao tro xa hoi 2"}).json()
    assert [r["value"] for r in found["results"]] == [str(world.other_centre.uuid)]


def test_the_proposing_unit_is_picked_too_and_an_officer_has_theirs_chosen(client, world):
    url = reverse("nominations:pick_unit")
    client.force_login(world.secretariat)
    page = client.get(reverse("nominations:create")).content.decode()
    assert page.count(f'data-picker="{url}"') == 2  # the proposing unit and the collective
    assert world.other_centre.name not in page
    client.force_login(world.officer)
    page = client.get(reverse("nominations:create")).content.decode()
    assert f'value="{world.centre.uuid}" selected' in page


def test_a_leader_cannot_use_the_pickers(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("nominations:pick_person"), {"q": "le"}).status_code == 403


def test_a_file_is_replaced_then_deleted_before_sending(world, titles):
    dossier = make_dossier(world)
    minutes = dossier.files.get(kind=FileKind.MINUTES)
    new = file_services.dossier_file_replace(
        actor=world.officer, file=minutes, upload=pdf_upload("bien-ban-moi.pdf")
    )
    assert new.kind == FileKind.MINUTES
    assert list(dossier.files.values_list("original_name", flat=True)) == ["bien-ban-moi.pdf"]
    file_services.dossier_file_delete(actor=world.officer, file=new)
    assert not dossier.files.exists()
    deleted = AuditEntry.objects.filter(object_type="nominations.dossierfile", action="delete")
    assert deleted.count() == 2


def test_the_files_of_a_sent_dossier_do_not_change(world, titles):
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    minutes = DossierFile.objects.get(dossier=dossier)
    with pytest.raises(ValidationError, match="đang soạn hoặc bị trả lại"):
        file_services.dossier_file_delete(actor=world.officer, file=minutes)
    with pytest.raises(ValidationError):
        file_services.dossier_file_replace(
            actor=world.officer, file=minutes, upload=pdf_upload("khac.pdf")
        )
    assert list(dossier.files.values_list("original_name", flat=True)) == ["bien-ban.pdf"]


def test_an_officer_of_another_unit_cannot_delete_a_file(client, world, titles):
    dossier = make_dossier(world)
    minutes = dossier.files.get()
    client.force_login(world.other_officer)
    response = client.post(reverse("nominations:file_delete", args=[minutes.uuid]))
    assert response.status_code == 404
    assert dossier.files.count() == 1


def test_a_form_with_errors_asks_for_its_files_again(client, world, titles):
    client.force_login(world.officer)
    data = {
        "unit": str(world.centre.uuid),
        "title": titles["nguoi-tot-viec-tot-co-so"].pk,
        "year": "2024",
        "track": "yearly",
        "nominee_kind": "person",
        "person": str(world.person.uuid),
        "votes_yes": "30",
        "votes_total": "22",
        "minutes_file": pdf_upload("bien-ban-hop.pdf"),
    }
    body = client.post(reverse("nominations:create"), data).content.decode()
    assert "data-error-summary" in body
    assert "Các tệp đã chọn chưa được lưu (bien-ban-hop.pdf)" in body
    assert 'href="#id_votes_yes"' in body
    assert not DossierFile.objects.exists()


def test_the_lists_unit_filter_finds_only_units_of_visible_dossiers(client, world):
    make_dossier(world, person=world.person)
    url = reverse("nominations:pick_filter_unit")
    client.force_login(world.officer)
    found = client.get(url, {"q": "bao tro xa hoi"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.centre.uuid)]
    page = client.get(reverse("nominations:list"), {"unit": world.centre.uuid}).content
    assert f'value="{world.centre.uuid}" selected'.encode() in page  # the filter stays chosen
    assert f'data-picker="{url}"'.encode() in page
