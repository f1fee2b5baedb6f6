from guongsang.contests.models import EntryStatus, Level
from guongsang.contests.selectors import entry_counts_by_year
from guongsang.contests.tests.factories import make_contest, make_entry


def test_entry_counts_by_year_counts_submitted_entries_per_year_in_one_query(
    world, django_assert_num_queries
):
    c2022 = make_contest(world.dept, year=2022)
    c2023 = make_contest(world.dept, year=2023)
    city = make_contest(world.city, year=2023, level=Level.CITY)
    for _ in range(3):
        make_entry(c2022, world.centre)
    make_entry(c2022, world.other_centre)
    make_entry(c2022, world.centre, status=EntryStatus.DRAFT)
    make_entry(c2023, world.other_centre)
    make_entry(city, world.centre)

    with django_assert_num_queries(1):
        counts = entry_counts_by_year()
    assert counts == {2022: 4, 2023: 1}
    assert entry_counts_by_year(unit_ids=[world.centre.pk]) == {2022: 3}
    assert entry_counts_by_year(from_year=2023) == {2023: 1}
    assert entry_counts_by_year(to_year=2022, unit_ids=[world.other_centre.pk]) == {2022: 1}
    assert entry_counts_by_year(level=Level.CITY) == {2023: 1}
    assert entry_counts_by_year(level=None) == {2022: 4, 2023: 2}


def test_the_contest_list_counts_each_entry_once_whatever_the_size_of_the_panel(world):
    from guongsang.contests.selectors import contests_visible
    from guongsang.contests.tests.factories import judged_contest

    contest, panel = judged_contest(world, judges=4)
    for _ in range(3):
        make_entry(contest, world.other_centre)
    for user in (panel[1], world.secretariat):
        [row] = contests_visible(user=user).filter(pk=contest.pk)
        assert row.submitted == 3
