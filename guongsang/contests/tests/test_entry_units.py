"""The unit of a new entry: searched as the officer types, among the units they submit for,
however many there are; any other unit is refused and nothing is written."""

import pytest
from django.urls import reverse

from guongsang.accounts.tests.factories import make_user
from guongsang.contests.models import Entry
from guongsang.contests.tests.factories import SAMPLE, make_contest
from guongsang.core.roles import Role
from guongsang.org.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def _entry_data(unit) -> dict[str, str]:
    return {
        "title": "Người mẹ của những đứa trẻ",
        "authors": "Nguyễn Văn An",
        "subject_name": "Lê Thị Bích Liên",
        "text": SAMPLE * 3,
        "unit": str(unit.uuid),
    }


def test_the_picker_finds_only_the_officers_own_unit(client, world):
    client.force_login(world.officer)
    found = client.get(reverse("contests:pick_unit"), {"q": "bao tro"}).json()["results"]
    assert [row["value"] for row in found] == [str(world.centre.uuid)]


def test_an_officer_of_one_unit_finds_it_chosen_already(client, world):
    contest = make_contest(world.dept)
    client.force_login(world.officer)
    page = client.get(reverse("contests:entry_create", args=[contest.uuid])).content.decode()
    assert f'<option value="{world.centre.uuid}" selected>' in page


def test_a_unit_past_the_two_hundredth_is_accepted(client, world):
    """An officer over a branch with more units than the list of the form used to hold."""
    branch = make_unit("Chi cục Phòng, chống tệ nạn xã hội", parent=world.dept)
    units = [make_unit(f"Cơ sở trợ giúp số {n:03d}", parent=branch) for n in range(1, 206)]
    last = units[-1]
    officer = make_user("canbochicuc", role=Role.UNIT_OFFICER, unit=branch)
    contest = make_contest(world.dept)
    client.force_login(officer)

    found = client.get(reverse("contests:pick_unit"), {"q": "tro giup 205"}).json()["results"]
    response = client.post(reverse("contests:entry_create", args=[contest.uuid]), _entry_data(last))

    assert [row["value"] for row in found] == [str(last.uuid)]
    assert response.status_code == 302
    assert Entry.objects.get().unit == last


def test_another_units_entry_is_refused_and_nothing_written(client, world):
    contest = make_contest(world.dept)
    client.force_login(world.officer)
    response = client.post(
        reverse("contests:entry_create", args=[contest.uuid]), _entry_data(world.other_centre)
    )
    assert response.status_code == 200
    assert "Đơn vị dự thi" in response.content.decode()
    assert response.context["form"].errors["unit"]
    assert not Entry.objects.exists()


def test_a_judge_without_a_unit_officer_grant_cannot_search_units(client, world):
    judge = make_user("giamkhao", role=Role.JUDGE, unit=world.dept)
    client.force_login(judge)
    assert client.get(reverse("contests:pick_unit"), {"q": "bao tro"}).status_code == 403
