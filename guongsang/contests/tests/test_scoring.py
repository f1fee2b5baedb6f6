"""Known scores: the raw ranking, the normalised ranking, ties and the calibration."""

from decimal import Decimal

import pytest

from guongsang.contests import scoring


def test_weighted_total_uses_the_rubric_weights():
    weights = {1: Decimal("0.6"), 2: Decimal("0.4")}
    assert scoring.weighted_total({1: Decimal("8"), 2: Decimal("5")}, weights) == pytest.approx(6.8)
    assert scoring.weighted_total({1: 10}, weights) == pytest.approx(6.0)


def test_ties_share_a_rank_and_are_marked():
    rows = [
        (1, 10, 9),
        (1, 11, 8),
        (2, 10, 7),
        (2, 11, 8),
        (3, 10, 7),
        (3, 11, 8),
        (4, 10, 5),
        (4, 11, 6),
    ]
    ranked = {r.entry_id: r for r in scoring.rank_entries(rows)}
    assert [ranked[e].raw for e in (1, 2, 3, 4)] == [8.5, 7.5, 7.5, 5.5]
    assert [ranked[e].raw_label for e in (1, 2, 3, 4)] == ["1", "2=", "2=", "4"]


def test_normalised_ranking_corrects_a_harsh_judge():
    # Judge 10 scores entries 1 and 3 on a generous scale, judge 20 entries 2 and 4 harshly.
    rows = [(1, 10, 9.0), (3, 10, 7.0), (2, 20, 6.0), (4, 20, 4.0)]
    ranked = {r.entry_id: r for r in scoring.rank_entries(rows)}
    assert [ranked[e].raw_label for e in (1, 3, 2, 4)] == ["1", "2", "3", "4"]
    assert ranked[1].normalised == pytest.approx(1.0) and ranked[2].normalised == pytest.approx(1.0)
    assert [ranked[e].norm_label for e in (1, 2, 3, 4)] == ["1=", "1=", "3=", "3="]


def test_calibration_flags_the_judge_who_disagrees_with_the_panel():
    rows = []
    a = {1: 9, 2: 8, 3: 6, 4: 5, 5: 7}
    b = {1: 8.5, 2: 8, 3: 6.5, 4: 5, 5: 7}
    d = {1: 9.5, 2: 7.5, 3: 6, 4: 5.5, 5: 7}
    c = {1: 5, 2: 5.5, 3: 8, 4: 9, 5: 6}  # the opposite order
    for judge, scores in ((1, a), (2, b), (3, c), (4, d)):
        rows += [(entry, judge, total) for entry, total in scores.items()]
    panel, cals = scoring.calibrate(rows)
    by_judge = {c.judge_id: c for c in cals}
    assert panel["count"] == 20
    assert by_judge[1].shared == 5 and by_judge[1].mean == pytest.approx(7.0)
    assert by_judge[3].spearman < 0 and "disagrees" in by_judge[3].flags
    assert by_judge[1].pearson > 0 and not by_judge[2].stands_out
