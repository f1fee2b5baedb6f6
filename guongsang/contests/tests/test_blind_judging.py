"""A judge sees only the score sheets assigned to them, never one of their own unit, and never
the author or the unit of an entry — through the pages and through the API."""

import json

from django.urls import reverse

from guongsang.contests import services
from guongsang.contests.models import Assignment, AssignmentStatus
from guongsang.contests.tests.factories import judged_contest, make_entry

AUTHOR = "Phạm Thị Hồng Nhung"
BYLINE_TEXT = f"Tác giả: {AUTHOR}\n" + "Chị là người đầu tiên có mặt ở trung tâm mỗi sáng. " * 5


def _setup(world):
    contest, (own_unit_judge, judge, other_judge) = judged_contest(world)
    mine = make_entry(contest, world.centre, authors=AUTHOR, text=BYLINE_TEXT, code="24-001")
    theirs = make_entry(
        contest, world.other_centre, authors=AUTHOR, text=BYLINE_TEXT, code="24-002"
    )
    rnd = contest.rounds.get(number=1)
    for entry in (mine, theirs):
        rnd.round_entries.create(entry=entry)
    services.assign_auto(actor=world.secretariat, round=rnd, per_entry=2)
    return contest, rnd, mine, theirs, own_unit_judge, judge, other_judge


def test_automatic_assignment_never_gives_a_judge_an_entry_of_their_unit(world):
    _, rnd, mine, theirs, own_unit_judge, judge, other_judge = _setup(world)
    assert not Assignment.objects.filter(judge=own_unit_judge, entry=mine).exists()
    assert set(Assignment.objects.filter(entry=mine).values_list("judge", flat=True)) == {
        judge.pk,
        other_judge.pk,
    }
    loads = [
        Assignment.objects.filter(judge=j).count() for j in (own_unit_judge, judge, other_judge)
    ]
    assert sorted(loads) == [1, 1, 2]


def test_a_judge_of_the_unit_cannot_be_assigned_by_hand(world):
    import pytest
    from django.core.exceptions import ValidationError

    _, rnd, mine, _, own_unit_judge, *_ = _setup(world)
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        services.assignment_add(
            actor=world.secretariat, round=rnd, entry=mine, judge=own_unit_judge
        )


def test_judge_sheet_page_is_blind(client, world):
    _, _, _, theirs, _, judge, _ = _setup(world)
    sheet = Assignment.objects.get(judge=judge, entry=theirs)
    client.force_login(judge)
    body = client.get(reverse("contests:judge_sheet", args=[sheet.uuid])).content.decode()
    assert "24-002" in body and "Chị là người đầu tiên" in body
    assert AUTHOR not in body and "Tác giả:" not in body
    assert world.other_centre.name not in body and world.centre.name not in body
    home = client.get(reverse("contests:judge_home")).content.decode()
    assert AUTHOR not in home and world.other_centre.name not in home


def test_judge_cannot_open_a_sheet_of_another_judge_nor_the_entry_itself(client, world):
    _, _, mine, theirs, _, judge, other_judge = _setup(world)
    foreign = Assignment.objects.filter(entry=theirs).exclude(judge=judge).first()
    if foreign is None:  # make sure another judge holds a sheet the judge does not
        foreign = Assignment.objects.exclude(judge=judge).first()
    assert foreign is not None and foreign.judge_id != judge.pk
    client.force_login(judge)
    assert client.get(reverse("contests:judge_sheet", args=[foreign.uuid])).status_code == 404
    assert client.post(reverse("contests:judge_sheet", args=[foreign.uuid]), {}).status_code == 404
    for entry in (mine, theirs):
        assert client.get(reverse("contests:entry_detail", args=[entry.uuid])).status_code in {
            403,
            404,
        }
        assert client.get(f"/api/v1/contests/entries/{entry.uuid}").status_code in {403, 404}
    assert client.get(f"/api/v1/contests/judge/sheets/{foreign.uuid}").status_code == 404


def test_judge_never_sees_an_entry_of_their_own_unit_even_if_assigned_directly(client, world):
    _, rnd, mine, _, own_unit_judge, _, _ = _setup(world)
    forced = Assignment.objects.create(round=rnd, entry=mine, judge=own_unit_judge)
    client.force_login(own_unit_judge)
    assert client.get(reverse("contests:judge_sheet", args=[forced.uuid])).status_code == 404
    assert client.get(f"/api/v1/contests/judge/sheets/{forced.uuid}").status_code == 404
    listed = client.get("/api/v1/contests/judge/sheets").json()
    assert str(forced.uuid) not in {s["id"] for s in listed}


def test_judge_api_is_blind(client, world):
    _, _, _, theirs, _, judge, _ = _setup(world)
    sheet = Assignment.objects.get(judge=judge, entry=theirs)
    client.force_login(judge)
    listed = client.get("/api/v1/contests/judge/sheets")
    detail = client.get(f"/api/v1/contests/judge/sheets/{sheet.uuid}")
    assert detail.status_code == 200
    for response in (listed, detail):
        body = json.dumps(response.json(), ensure_ascii=False)
        assert AUTHOR not in body and "Tác giả" not in body
        assert world.other_centre.name not in body and "unit" not in body
    assert detail.json()["code"] == "24-002"


def test_judge_saves_comes_back_and_submits(client, world):
    contest, _, _, theirs, _, judge, _ = _setup(world)
    sheet = Assignment.objects.get(judge=judge, entry=theirs)
    c1, c2 = contest.criteria.all()
    client.force_login(judge)
    url = reverse("contests:judge_sheet", args=[sheet.uuid])
    client.post(url, {f"c{c1.pk}": "8", "comment": "Bài viết cảm động", "save": "1"})
    sheet.refresh_from_db()
    assert sheet.status == AssignmentStatus.DRAFT and sheet.scores.count() == 1
    body = client.get(url).content.decode()
    assert 'value="8"' in body and "Bài viết cảm động" in body
    response = client.post(url, {f"c{c1.pk}": "8", "submit": "1"})
    assert "Chưa chấm tiêu chí" in response.content.decode()
    response = client.post(url, {f"c{c1.pk}": "8", f"c{c2.pk}": "11", "submit": "1"})
    assert "phải từ 0 đến 10" in response.content.decode()
    client.post(url, {f"c{c1.pk}": "8", f"c{c2.pk}": "7,5", "submit": "1"})
    sheet.refresh_from_db()
    assert sheet.status == AssignmentStatus.SUBMITTED


def test_officer_sees_only_own_units_entries(client, world):
    contest, *_ = judged_contest(world)
    mine = make_entry(contest, world.centre, title="Bài của trung tâm 1")
    theirs = make_entry(contest, world.other_centre, title="Bài của trung tâm 2")
    client.force_login(world.officer)
    body = client.get(reverse("contests:detail", args=[contest.uuid])).content.decode()
    assert mine.title in body and theirs.title not in body
    assert client.get(reverse("contests:entry_detail", args=[theirs.uuid])).status_code == 404
    api = client.get(f"/api/v1/contests/{contest.uuid}/entries").json()
    assert [e["title"] for e in api] == [mine.title]


def test_judge_home_does_not_query_per_sheet(client, world, django_assert_num_queries):
    contest, (_, judge, _) = judged_contest(world)
    rnd = contest.rounds.get(number=1)
    for i in range(8):
        entry = make_entry(contest, world.other_centre, title=f"Bài số {i}", code=f"24-1{i:02d}")
        rnd.round_entries.create(entry=entry)
    services.assign_auto(actor=world.secretariat, round=rnd, per_entry=3)
    assert Assignment.objects.filter(judge=judge).count() == 8
    client.force_login(judge)
    with django_assert_num_queries(9):
        home = client.get(reverse("contests:judge_home")).content.decode()
    assert all(f"24-1{i:02d}" in home for i in range(8))
