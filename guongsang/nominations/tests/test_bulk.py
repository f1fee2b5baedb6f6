"""The list's Excel export and the secretariat's bulk actions."""

import io

import pytest
from openpyxl import load_workbook

from guongsang.nominations import services
from guongsang.nominations.models import Dossier, State
from guongsang.nominations.tests.factories import make_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _submitted(world, **kwargs) -> Dossier:
    dossier = make_dossier(world, **kwargs)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    return Dossier.objects.get(pk=dossier.pk)


def test_bulk_accept_moves_the_ready_and_reports_the_refused(world):
    ready = _submitted(world)
    draft = make_dossier(world, code="chien-si-thi-dua-co-so")
    outcome = services.dossier_bulk_transition(
        actor=world.secretariat, dossiers=[ready, draft], action="accept"
    )
    assert [d.pk for d in outcome.done] == [ready.pk]
    [(refused, message)] = outcome.refused
    assert refused.pk == draft.pk and "Đang soạn" in message
    assert Dossier.objects.get(pk=ready.pk).state == State.ACCEPTED
    assert Dossier.objects.get(pk=draft.pk).state == State.DRAFT


def test_bulk_return_needs_a_reason_for_each(world):
    dossier = _submitted(world)
    outcome = services.dossier_bulk_transition(
        actor=world.secretariat, dossiers=[dossier], action="return"
    )
    assert outcome.done == [] and "Cần ghi rõ lý do" in outcome.refused[0][1]
    outcome = services.dossier_bulk_transition(
        actor=world.secretariat, dossiers=[dossier], action="return", reason="Thiếu minh chứng"
    )
    assert Dossier.objects.get(pk=dossier.pk).state == State.RETURNED


def test_officer_is_refused_in_bulk_with_the_message(world):
    dossier = _submitted(world)
    outcome = services.dossier_bulk_transition(
        actor=world.officer, dossiers=[dossier], action="accept"
    )
    assert outcome.refused[0][1] == ("Bạn không có quyền thực hiện bước “Tiếp nhận” với hồ sơ này.")


def test_bulk_page_shows_the_outcome_per_dossier(client, world):
    ready = _submitted(world)
    draft = make_dossier(world, code="chien-si-thi-dua-co-so")
    client.force_login(world.secretariat)
    response = client.post(
        "/ho-so/xu-ly-hang-loat/",
        {"action": "accept", "dossier": [str(ready.uuid), str(draft.uuid), "khong-phai-uuid"]},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã thực hiện: 1 hồ sơ" in body and "Không thực hiện được: 1 hồ sơ" in body
    assert Dossier.objects.get(pk=ready.pk).state == State.ACCEPTED


def test_officer_cannot_use_bulk_actions(client, world):
    dossier = _submitted(world)
    client.force_login(world.officer)
    response = client.post(
        "/ho-so/xu-ly-hang-loat/", {"action": "accept", "dossier": [dossier.uuid]}
    )
    assert response.status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).state == State.SUBMITTED


def test_secretariat_cannot_reach_dossiers_outside_its_level_in_bulk(client, world):
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role
    from guongsang.org.tests.factories import make_unit

    dossier = _submitted(world)
    elsewhere = make_user("thuongtruc2", role=Role.SECRETARIAT, unit=make_unit("Sở Y tế"))
    client.force_login(elsewhere)
    response = client.post(
        "/ho-so/xu-ly-hang-loat/", {"action": "accept", "dossier": [dossier.uuid]}
    )
    assert "Đã thực hiện: 0 hồ sơ" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == State.SUBMITTED


def test_list_shows_checkboxes_only_to_the_secretariat(client, world):
    make_dossier(world)
    client.force_login(world.officer)
    assert 'name="dossier"' not in client.get("/ho-so/").content.decode()
    client.force_login(world.secretariat)
    assert 'name="dossier"' in client.get("/ho-so/").content.decode()


def test_export_holds_the_filtered_visible_dossiers(client, world):
    make_dossier(world, year=2024)
    make_dossier(world, year=2023)
    client.force_login(world.officer)
    response = client.get("/ho-so/xuat-excel/", {"year": 2024})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][1] == 2024 and rows[0][3] == world.person.full_name
    client.force_login(world.other_officer)
    sheet = load_workbook(io.BytesIO(client.get("/ho-so/xuat-excel/").content)).active
    assert sheet.max_row == 1


def test_secretariat_list_page_keeps_a_fixed_number_of_queries(
    client, world, django_assert_num_queries
):
    for year in range(2015, 2025):
        make_dossier(world, year=year, complete=False)
    client.force_login(world.secretariat)
    with django_assert_num_queries(11):  # the unit filter is a picker: no list of units
        assert client.get("/ho-so/").status_code == 200


def test_api_list_keeps_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    for year in range(2015, 2025):
        make_dossier(world, year=year, complete=False)
    client.force_login(world.secretariat)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/dossiers").json()["count"] == 10


def test_a_long_list_is_exported_in_the_background(client, world, monkeypatch):
    from django.test import override_settings
    from django.urls import reverse

    from guongsang.core.models import TaskProgress
    from guongsang.nominations import exports

    monkeypatch.setattr(exports, "SYNC_LIMIT", 1)
    for year in (2022, 2023, 2024):
        make_dossier(world, year=year)
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(world.officer)
    with override_settings(TASKS=immediate):
        response = client.get("/ho-so/xuat-excel/", {"q": "Liên"})
    progress = TaskProgress.objects.get(owner=world.officer)
    assert response.status_code == 302
    assert response.url == reverse("core:task_progress", args=[progress.uuid])
    assert progress.status == "done"
    sheet = load_workbook(progress.result_file.open("rb")).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [2024, 2023, 2022]


def test_the_list_filters_by_unit_subtree(client, world):
    from django.urls import reverse

    from guongsang.catalogue.models import Title
    from guongsang.nominations import services as dossier_services
    from guongsang.nominations.tests.factories import make_dossier

    ours = make_dossier(world)
    theirs = dossier_services.dossier_create(
        actor=world.other_officer,
        unit=world.other_centre,
        year=2024,
        title=Title.objects.get(code="nguoi-tot-viec-tot-co-so"),
        person=world.other_person,
    )
    client.force_login(world.secretariat)
    page = client.get(reverse("nominations:list"), {"unit": str(world.centre.uuid)})
    shown = {d.pk for d in page.context["page"]}
    assert shown == {ours.pk}
    page = client.get(reverse("nominations:list"), {"unit": str(world.dept.uuid)})
    assert {d.pk for d in page.context["page"]} == {ours.pk, theirs.pk}
