"""The arithmetic of award_stats between the grouped query and the rows, without a database:
groups folded into branches, series filled with every year, running totals and year-over-year
changes, each worked out by hand from a few groups written in the test."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guongsang.stats.services import check_years, parse_dimensions
from guongsang.stats.services.rows import stats_rows, tally_groups


def test_dimensions_are_read_from_text_or_a_list_once_each_in_order():
    assert parse_dimensions("level, title ,target") == ("level", "title", "target")
    assert parse_dimensions(["year", "", " ", "year", "unit"]) == ("year", "unit")
    assert parse_dimensions("") == ()
    with pytest.raises(ValidationError) as refused:
        parse_dimensions("year,mau,sac")
    assert refused.value.messages == [
        "Không có chiều thống kê “mau, sac”. Chọn trong: year, level, title, target, kind, unit."
    ]


@pytest.mark.parametrize(
    ("first", "last"), [(1945, 2100), (1945, 1945), (2100, 2100), (2009, 2009), (2009, 2021)]
)
def test_years_inside_the_range_are_accepted(first, last):
    check_years(first, last)


@pytest.mark.parametrize(
    ("first", "last"), [(1944, 2000), (2000, 2101), (2101, 2101), (1900, 1944)]
)
def test_years_outside_the_range_are_refused(first, last):
    with pytest.raises(ValidationError) as refused:
        check_years(first, last)
    assert refused.value.messages == ["Năm phải trong khoảng 1945–2100."]


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_years(2022, 2021)
    assert refused.value.messages == ["Năm bắt đầu phải không sau năm kết thúc."]


def test_units_fold_into_their_branch_and_their_counts_add_up():
    # Units 11 and 12 sit under branch 10; unit 20 is a branch of its own; 30 is not mapped.
    groups = [(2021, 11, 3), (2021, 12, 4), (2021, 20, 5), (2022, 11, 1), (2022, 30, 2)]
    counts, titles = tally_groups(groups, ("year", "unit"), {11: 10, 12: 10, 20: 20})
    assert dict(counts) == {(2021, 10): 7, (2021, 20): 5, (2022, 10): 1, (2022, 30): 2}
    assert titles == {}


def test_a_unit_first_folds_too_and_keeps_what_follows():
    groups = [(11, 2021, 3), (12, 2021, 4), (20, 2022, 5)]
    counts, _titles = tally_groups(groups, ("unit", "year"), {11: 10, 12: 10})
    assert dict(counts) == {(10, 2021): 7, (20, 2022): 5}


def test_without_a_unit_dimension_nothing_is_folded():
    # Even with a branch map at hand, a result by year and level has no unit to fold.
    counts, _titles = tally_groups(
        [(2021, 11, 3), (2021, 12, 4)], ("year", "level"), {11: 10, 12: 10}
    )
    assert dict(counts) == {(2021, 11): 3, (2021, 12): 4}


def test_titles_met_on_the_way_keep_their_code_name_and_order():
    # (level, title id, code, name, order, count)
    groups = [("so", 7, "ldtt", "Lao động tiên tiến", 3, 40), ("so", 8, "cstd", "CSTĐ", 1, 6)]
    counts, titles = tally_groups(groups, ("level", "title"), {})
    assert dict(counts) == {("so", 7): 40, ("so", 8): 6}
    assert titles == {
        7: ("ldtt", "Lao động tiên tiến", (3, "Lao động tiên tiến")),
        8: ("cstd", "CSTĐ", (1, "CSTĐ")),
    }
    # The title first, the unit second: both positions are found.
    counts, titles = tally_groups([(7, 11, "ldtt", "LĐTT", 3, 2)], ("title", "unit"), {11: 10})
    assert dict(counts) == {(7, 10): 2}
    assert titles == {7: ("ldtt", "LĐTT", (3, "LĐTT"))}


def _labels(**dims):
    """raw value → (key, label, sort key), as _labels gives them."""
    return {
        dim: {raw: (key, label, order) for raw, (key, label, order) in values.items()}
        for dim, values in dims.items()
    }


def test_without_years_rows_come_in_label_order_and_empty_groups_are_left_out():
    # The catalogue's order (city before department) is not the codes' alphabetical order.
    labels = _labels(
        level={"tp": ("tp", "Thành phố", 0), "so": ("so", "Sở", 1), "xa": ("xa", "Xã", 2)}
    )
    rows = stats_rows(("level",), {("so",): 3, ("tp",): 5, ("xa",): 0}, labels, 2021, 2022)
    assert [(r.key, r.labels, r.count) for r in rows] == [
        ({"level": "tp"}, {"level": "Thành phố"}, 5),
        ({"level": "so"}, {"level": "Sở"}, 3),
    ]
    assert rows[0].cumulative is None and rows[0].change is None


def test_a_series_gets_every_year_its_running_total_and_its_change():
    labels = _labels(year={}, level={"so": ("so", "Sở", 0), "tp": ("tp", "Thành phố", 1)})
    # The year before the range (2019) gives the first change; 2021 has no award.
    counts = {(2019, "so"): 4, (2020, "so"): 5, (2022, "so"): 2, (2020, "tp"): 1}
    rows = stats_rows(("year", "level"), counts, labels, 2020, 2022)
    got = [
        (r.key, r.labels, r.count, r.cumulative, r.previous, r.change, r.change_percent)
        for r in rows
    ]
    so, tp = {"level": "so"}, {"level": "tp"}
    assert got == [
        ({"year": 2020, **so}, {"year": "2020", "level": "Sở"}, 5, 5, 4, 1, Decimal("25.0")),
        ({"year": 2020, **tp}, {"year": "2020", "level": "Thành phố"}, 1, 1, 0, 1, None),
        ({"year": 2021, **so}, {"year": "2021", "level": "Sở"}, 0, 5, 5, -5, Decimal("-100.0")),
        (
            {"year": 2021, **tp},
            {"year": "2021", "level": "Thành phố"},
            0,
            1,
            1,
            -1,
            Decimal("-100.0"),
        ),
        ({"year": 2022, **so}, {"year": "2022", "level": "Sở"}, 2, 7, 0, 2, None),
        ({"year": 2022, **tp}, {"year": "2022", "level": "Thành phố"}, 0, 1, 0, 0, None),
    ]
    assert list(rows[0].key) == ["year", "level"]


def test_the_year_may_stand_after_another_dimension_and_a_series_with_nothing_is_left_out():
    labels = _labels(level={"so": ("so", "Sở", 0), "tp": ("tp", "Thành phố", 1)}, year={})
    # 2 → 3 is +50%; 3 → 1 is −66.7% (rounded half up to a tenth); "tp", met first, has only
    # the year before: left out, and the series after it still counted.
    counts = {("tp", 2019): 9, ("so", 2020): 2, ("so", 2021): 3, ("so", 2022): 1}
    rows = stats_rows(("level", "year"), counts, labels, 2021, 2022)
    assert [(list(r.key.items()), r.count, r.cumulative, r.change_percent) for r in rows] == [
        ([("level", "so"), ("year", 2021)], 3, 3, Decimal("50.0")),
        ([("level", "so"), ("year", 2022)], 1, 4, Decimal("-66.7")),
    ]
    assert list(rows[0].labels.items()) == [("level", "Sở"), ("year", "2021")]


def test_a_change_is_rounded_half_up_to_a_tenth_of_a_percent():
    # 16 → 17 is +6.25%: 6.3 rounded half up (half to even would give 6.2).
    labels = _labels(year={})
    rows = stats_rows(("year",), {(2020,): 16, (2021,): 17}, labels, 2021, 2021)
    assert [(r.count, r.change, r.change_percent) for r in rows] == [(17, 1, Decimal("6.3"))]
