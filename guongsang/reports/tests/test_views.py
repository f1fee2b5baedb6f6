"""Report pages: open, save the introduction (warnings come back), build, scope."""

import pytest
from django.test import override_settings
from django.urls import reverse

from guongsang.reports.models import AnnualReport

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def honoured(world, titles):
    """2022: one person at base level; 2023: two people and the centre as a collective."""
    from guongsang.awards.services import award_record
    from guongsang.people.tests.factories import make_person

    base, collective = titles["nguoi-tot-viec-tot-co-so"], titles["tap-the-tot"]
    award_record(actor=None, title=base, year=2022, unit=world.centre, person=world.person)
    award_record(actor=None, title=base, year=2023, unit=world.centre, person=world.person)
    third = make_person("Nguyễn Thị Bích Thủy", unit=world.centre, female=True)
    award_record(actor=None, title=base, year=2023, unit=world.centre, person=third)
    award_record(actor=None, title=collective, year=2023, unit=world.centre)
    return world


def _open(client, user, unit, year=2023):
    client.force_login(user)
    response = client.post(reverse("reports:create"), {"unit": unit.uuid, "year": year})
    assert response.status_code == 302, response.content.decode()[:500]
    return AnnualReport.objects.get(unit=unit, year=year)


@pytest.mark.django_db
def test_typing_a_wrong_year_over_year_figure_shows_the_computed_value(client, honoured):
    report = _open(client, honoured.secretariat, honoured.dept)
    url = reverse("reports:introduction", args=[report.uuid])
    text = "Năm 2023 có 2 cá nhân được khen, tăng 5 cá nhân so với năm trước."
    response = client.post(url, {"introduction": text}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Số liệu không khớp" in body
    assert "tăng 1 cá nhân" in body  # the computed change: 2 in 2023, 1 in 2022
    report.refresh_from_db()
    assert report.introduction == text  # saved anyway: the officer decides
    page = client.get(reverse("reports:detail", args=[report.uuid])).content.decode()
    assert "tăng 1 cá nhân" in page and "figure-warning" in page


@pytest.mark.django_db
def test_the_right_figures_give_no_warning(client, honoured):
    report = _open(client, honoured.secretariat, honoured.dept)
    url = reverse("reports:check", args=[report.uuid])
    text = "Có 2 cá nhân và 1 tập thể, tăng 1 cá nhân so với năm trước."
    body = client.post(url, {"introduction": text}, HTTP_HX_REQUEST="true").content.decode()
    assert "Số liệu không khớp" not in body and "khớp với dữ liệu" in body


@pytest.mark.django_db
def test_the_drafted_introduction_agrees_with_the_records(client, honoured):
    from guongsang.reports.checks import check_text
    from guongsang.reports.figures import report_figures

    report = _open(client, honoured.secretariat, honoured.dept)
    data = report_figures(user=None, unit=report.unit, year=2023)
    findings = check_text(report.introduction, data)
    assert findings and all(f.ok for f in findings)


@pytest.mark.django_db
def test_building_the_pdf_runs_in_the_background_and_is_downloadable(client, honoured):
    report = _open(client, honoured.secretariat, honoured.dept)
    with override_settings(TASKS=IMMEDIATE):
        response = client.post(reverse("reports:build", args=[report.uuid, "pdf"]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.last_build.status == "done" and report.last_format == "pdf"
    download = client.get(reverse("core:task_download", args=[report.last_build.uuid]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    api = client.get(f"/api/v1/reports/{report.uuid}").json()
    assert api["build_status"] == "done" and api["download_url"]


@pytest.mark.django_db
def test_an_officer_cannot_open_a_report_for_another_unit(client, honoured):
    client.force_login(honoured.officer)
    response = client.post(
        reverse("reports:create"), {"unit": honoured.other_centre.uuid, "year": 2023}
    )
    assert response.status_code == 200  # the form refuses the unit
    assert not AnnualReport.objects.exists()
    other = AnnualReport.objects.create(unit=honoured.other_centre, year=2023)
    assert client.get(reverse("reports:detail", args=[other.uuid])).status_code == 404
    listed = client.get("/api/v1/reports").json()
    assert listed["count"] == 0


@pytest.mark.django_db
def test_the_list_page_needs_a_reporting_role(client, honoured):
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role

    judge = make_user("giamkhao", role=Role.JUDGE, unit=honoured.dept)
    client.force_login(judge)
    assert client.get(reverse("reports:list")).status_code == 403


@pytest.mark.django_db
def test_the_unit_of_a_report_is_found_by_typing_within_the_scope(client, honoured):
    url = reverse("reports:pick_unit")
    client.force_login(honoured.officer)
    found = client.get(url, {"q": "bao tro xa hoi"}).json()["results"]
    assert [r["value"] for r in found] == [str(honoured.centre.uuid)]
    page = client.get(reverse("reports:list")).content.decode()
    assert f'data-picker="{url}"' in page and honoured.other_centre.name not in page
    client.force_login(honoured.leader)
    assert client.get(url, {"q": "bao tro"}).status_code == 403
