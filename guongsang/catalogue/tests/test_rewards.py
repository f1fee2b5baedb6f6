import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from guongsang.catalogue.models import Title
from guongsang.catalogue.selectors import base_salary_on, reward_amount

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _title(code: str) -> Title:
    return Title.objects.get(code=code)


def test_the_worked_examples_of_the_rules_come_out_right():
    collective = _title("tap-the-lao-dong-tien-tien")
    assert reward_amount(title=collective, on=dt.date(2018, 10, 1), collective=True) == 1_120_000
    individual = _title("lao-dong-tien-tien")
    assert reward_amount(title=individual, on=dt.date(2024, 8, 1), collective=False) == 710_000


def test_the_base_salary_changes_on_its_first_day():
    assert base_salary_on(dt.date(2023, 6, 30)) == 1_490_000
    assert base_salary_on(dt.date(2023, 7, 1)) == 1_800_000
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở"):
        base_salary_on(dt.date(2010, 1, 1))


def test_a_collective_receiving_a_form_gets_twice_the_coefficient():
    form = _title("giay-khen-giam-doc-so")
    assert reward_amount(title=form, on=dt.date(2023, 7, 1), collective=False) == 540_000
    assert reward_amount(title=form, on=dt.date(2023, 7, 1), collective=True) == 1_080_000


def test_the_catalogue_holds_the_movement_titles_and_their_rules():
    assert _title("nguoi-tot-viec-tot-co-so").conferred_by_department
    assert not _title("nguoi-tot-viec-tot-thanh-pho").conferred_by_department
    assert _title("tap-the-tot").target == "collective"
    provincial = _title("chien-si-thi-dua-cap-thanh-pho")
    assert provincial.ballot_rule == "all_members" and provincial.ballot_threshold == 90
    base = _title("chien-si-thi-dua-co-so")
    assert base.quota_of == _title("lao-dong-tien-tien") and base.quota_percent == 15
    assert base.prerequisites.get().required.code == "lao-dong-tien-tien"
