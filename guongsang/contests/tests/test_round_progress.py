"""The progress table of a round counts that round's assignments and sheets only."""

import pytest
from django.urls import reverse

from guongsang.contests import services
from guongsang.contests.models import Assignment, AssignmentStatus, RoundEntry
from guongsang.contests.selectors import judge_progress
from guongsang.contests.tests.factories import judged_contest, make_contest, make_entry

pytestmark = pytest.mark.django_db


def _two_rounds(world):
    """Round 1: judges gk1 and gk2 on three entries (gk1 finishes two, drafts one; gk2 finishes
    one); round 2: gk1 on one entry, untouched; round 3: nobody assigned. Returns the sheets."""
    contest, judges = judged_contest(world)
    from guongsang.contests.models import Level, Round

    Round.objects.create(contest=contest, number=2, name="Vòng 2", level=Level.CITY)
    Round.objects.create(contest=contest, number=3, name="Vòng 3", level=Level.CITY)
    first, second, third = (contest.rounds.get(number=n) for n in (1, 2, 3))
    c1, c2 = contest.criteria.all()
    entries = [
        make_entry(contest, world.other_centre, title=f"Bài {i}", code=f"26-{i:03d}")
        for i in range(1, 4)
    ]
    for entry in entries:
        RoundEntry.objects.create(round=first, entry=entry)
    RoundEntry.objects.create(round=second, entry=entries[0])
    gk1, gk2 = judges[1], judges[2]
    sheets = {
        (first, gk1, entries[0]): "submit",
        (first, gk1, entries[1]): "submit",
        (first, gk1, entries[2]): "draft",
        (first, gk2, entries[0]): "submit",
        (first, gk2, entries[1]): "pending",
        (second, gk1, entries[0]): "pending",
    }
    for (rnd, judge, entry), how in sheets.items():
        sheet = services.assignment_add(actor=None, round=rnd, entry=entry, judge=judge)
        if how != "pending":
            services.score_save(
                actor=judge, assignment=sheet, values={c1.pk: 8, c2.pk: 7}, submit=how == "submit"
            )
    return contest, (first, second, third), (gk1, gk2)


def _expected(rnd, judge):
    """Counted straight from the sheets, one by one, without the selector's grouping."""
    mine = [
        a
        for a in Assignment.objects.filter(judge=judge)
        if a.round_id == rnd.pk and a.status != AssignmentStatus.WITHDRAWN
    ]
    return {
        "total": len(mine),
        "done": sum(a.status == AssignmentStatus.SUBMITTED for a in mine),
        "draft": sum(a.status == AssignmentStatus.DRAFT for a in mine),
    }


def test_each_rounds_progress_counts_only_its_own_assignments(world):
    contest, rounds, judges = _two_rounds(world)
    for rnd in rounds:
        rows = {r["judge_id"]: r for r in judge_progress(contest=contest, in_round=rnd)}
        for judge in judges:
            expected = _expected(rnd, judge)
            if expected["total"] == 0:
                assert judge.pk not in rows
                continue
            got = rows[judge.pk]
            assert {k: got[k] for k in expected} == expected, (rnd.number, judge.username)
    first, second, third = rounds
    assert {r["judge_id"]: r["total"] for r in judge_progress(contest=contest, in_round=first)} == {
        judges[0].pk: 3,
        judges[1].pk: 2,
    }
    assert [(r["done"], r["total"]) for r in judge_progress(contest=contest, in_round=second)] == [
        (0, 1)
    ]
    assert judge_progress(contest=contest, in_round=third) == []


def test_the_whole_contest_still_adds_every_round(world):
    contest, rounds, judges = _two_rounds(world)
    rows = {r["judge_id"]: r for r in judge_progress(contest=contest)}
    for judge in judges:
        per_round = [_expected(rnd, judge) for rnd in rounds]
        assert rows[judge.pk]["total"] == sum(p["total"] for p in per_round)
        assert rows[judge.pk]["done"] == sum(p["done"] for p in per_round)


def test_a_later_round_page_shows_its_own_counts_not_the_first_rounds(client, world):
    contest, (first, second, third), (gk1, gk2) = _two_rounds(world)
    client.force_login(world.secretariat)

    def progress_rows(number):
        body = client.get(reverse("contests:round", args=[contest.uuid, number])).content.decode()
        table = body.split("Tiến độ chấm", 1)[1].split("</table>", 1)[0]
        return table

    third_table = progress_rows(3)
    assert "Chưa phân công." in third_table and gk1.full_name not in third_table
    second_table = progress_rows(2)
    assert gk1.full_name in second_table and gk2.full_name not in second_table
    assert '<td class="text-end">0</td><td class="text-end">0</td><td class="text-end">1</td>' in (
        second_table
    )
    first_table = progress_rows(1)
    assert gk1.full_name in first_table and gk2.full_name in first_table


def test_an_other_contests_sheets_never_count(world):
    contest, (first, _second, _third), (gk1, _gk2) = _two_rounds(world)
    other = make_contest(world.dept, year=contest.year - 1)
    services.panel_add(actor=None, contest=other, judge=gk1)
    entry = make_entry(other, world.other_centre, code="25-001")
    rnd = other.rounds.get(number=1)
    RoundEntry.objects.create(round=rnd, entry=entry)
    services.assignment_add(actor=None, round=rnd, entry=entry, judge=gk1)
    rows = {r["judge_id"]: r for r in judge_progress(contest=contest, in_round=first)}
    assert rows[gk1.pk]["total"] == _expected(first, gk1)["total"]
