"""The Chiến sĩ thi đua titles read the register of initiatives, with its scope and date."""

import datetime as dt

import pytest

from guongsang.initiatives.models import Scope
from guongsang.initiatives.tests.factories import make_initiative, recognise
from guongsang.nominations.eligibility import check_dossier
from guongsang.nominations.tests.factories import make_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _initiative_findings(dossier):
    return [f for f in check_dossier(dossier) if f.code == "initiative"]


def test_a_base_title_without_an_initiative_is_refused_with_the_article(world):
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", year=2024)
    [finding] = _initiative_findings(dossier)
    assert finding.blocking
    assert "phạm vi Cơ sở trở lên trong năm 2024" in finding.message
    assert "Điều 23" in finding.message


def test_a_base_initiative_recognised_in_the_year_serves_the_base_title(world):
    recognise(world, make_initiative(world), scope=Scope.BASE, on=dt.date(2024, 6, 1))
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", year=2024)
    assert _initiative_findings(dossier) == []


def test_an_initiative_of_the_wrong_scope_refuses_the_city_title(world):
    recognise(world, make_initiative(world), scope=Scope.BASE, on=dt.date(2024, 6, 1))
    dossier = make_dossier(world, code="chien-si-thi-dua-cap-thanh-pho", year=2024)
    [finding] = _initiative_findings(dossier)
    # City title: 3 years counted, 2022–2024; the base-scope initiative is named.
    assert "phạm vi Thành phố trở lên trong các năm 2022–2024" in finding.message
    assert "chỉ được công nhận phạm vi Cơ sở (quyết định số 12/QĐ-HĐSK)" in finding.message


def test_a_city_initiative_still_refuses_the_national_title(world):
    initiative = make_initiative(world, registered_on=dt.date(2023, 1, 10))
    recognise(world, initiative, scope=Scope.CITY, on=dt.date(2023, 6, 1))
    dossier = make_dossier(world, code="chien-si-thi-dua-toan-quoc", year=2024)
    [finding] = _initiative_findings(dossier)
    assert "phạm vi Toàn quốc trở lên trong các năm 2019–2024" in finding.message
    assert "Điều 21" in finding.message


def test_a_national_initiative_serves_every_lower_title(world):
    recognise(world, make_initiative(world), scope=Scope.NATIONAL, on=dt.date(2024, 6, 1))
    for code in ("chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-thanh-pho"):
        assert _initiative_findings(make_dossier(world, code=code, year=2024)) == []


def test_an_initiative_recognised_before_the_period_does_not_count(world):
    initiative = make_initiative(world, registered_on=dt.date(2022, 1, 10))
    recognise(world, initiative, scope=Scope.BASE, on=dt.date(2023, 12, 31))
    assert _initiative_findings(make_dossier(world, code="chien-si-thi-dua-co-so", year=2024))


def test_an_initiative_of_someone_else_does_not_count(world):
    initiative = make_initiative(world, authors=[(world.other_person, 100)])
    recognise(world, initiative, scope=Scope.NATIONAL, on=dt.date(2024, 6, 1))
    assert _initiative_findings(make_dossier(world, code="chien-si-thi-dua-co-so", year=2024))


def test_titles_without_the_requirement_are_not_checked(world):
    assert _initiative_findings(make_dossier(world, code="lao-dong-tien-tien", year=2024)) == []
