"""The threshold arithmetic of the tally and the words of the rule, without a database: the
edges of each rule worked out by hand (50% of 9 members is 4.5 votes, 90% of 10 is 9)."""

from decimal import Decimal

import pytest

from guongsang.catalogue.models import BallotRule
from guongsang.council.models import AgendaItem
from guongsang.council.services.tally import _not_recommended_reason, passes, rule_text


@pytest.mark.parametrize(
    ("yes", "base", "threshold", "strictly_above", "expected"),
    [
        # "quá 50%" of 9: 5 passes (55,6%), 4 does not (44,4%).
        (5, 9, "50", True, True),
        (4, 9, "50", True, False),
        # Exactly half: passes "từ 50%", not "quá 50%".
        (5, 10, "50", True, False),
        (5, 10, "50", False, True),
        (6, 10, "50", True, True),
        # "từ 90%" of 10 members: 9 passes, 8 does not.
        (9, 10, "90", False, True),
        (8, 10, "90", False, False),
        # 2/3 as 66.67%: 2 of 3 is 66.666…%, short of 66.67.
        (2, 3, "66.67", False, False),
        (3, 3, "66.67", False, True),
        # No one to count: nothing passes, not even with every vote.
        (0, 0, "50", False, False),
        (1, 0, "0", False, False),
        (1, -1, "0", False, False),
        # A base of one member.
        (1, 1, "50", True, True),
        (0, 1, "0", False, True),
        (0, 1, "0", True, False),
    ],
)
def test_yes_votes_pass_the_threshold_exactly_at_the_edge(
    yes, base, threshold, strictly_above, expected
):
    assert (
        passes(yes=yes, base=base, threshold=Decimal(threshold), strictly_above=strictly_above)
        is expected
    )


def _item(rule, threshold, strictly_above, **votes) -> AgendaItem:
    return AgendaItem(
        ballot_rule=rule, threshold=Decimal(threshold), strictly_above=strictly_above, **votes
    )


def test_the_rule_is_written_with_its_share_and_its_base():
    assert rule_text(_item(BallotRule.OF_PRESENT, "50", True)) == "quá 50% số thành viên có mặt"
    assert (
        rule_text(_item(BallotRule.OF_ALL_MEMBERS, "90", False))
        == "từ 90% tổng số thành viên Hội đồng"
    )
    assert (
        rule_text(_item(BallotRule.OF_ALL_MEMBERS, "66.67", True))
        == "quá 66,67% tổng số thành viên Hội đồng"
    )
    assert (
        rule_text(_item(BallotRule.OF_PRESENT, "75.5", False)) == "từ 75,50% số thành viên có mặt"
    )


def test_the_reason_of_a_refusal_gives_the_votes_the_share_and_the_rule():
    # Of all members: 6 in the room and 2 written = 8 of 10, 80%, short of 90%.
    item = _item(BallotRule.OF_ALL_MEMBERS, "90", False, yes=6, written_yes=2, base=10, no=2)
    assert _not_recommended_reason(item) == (
        "Kết quả bỏ phiếu kín: 8/10 phiếu đồng ý (80,0%), chưa đạt "
        "từ 90% tổng số thành viên Hội đồng."
    )
    # Of those present: written opinions do not count; 1 of 3 is 33,3%.
    item = _item(BallotRule.OF_PRESENT, "50", True, yes=1, written_yes=4, base=3)
    assert _not_recommended_reason(item) == (
        "Kết quả bỏ phiếu kín: 1/3 phiếu đồng ý (33,3%), chưa đạt quá 50% số thành viên có mặt."
    )
    # A base of 1.234 members shows the thousands separator; no base shows 0%.
    item = _item(BallotRule.OF_PRESENT, "50", True, yes=1000, base=1234)
    assert "1.000/1.234 phiếu đồng ý (81,0%)" in _not_recommended_reason(item)
    item = _item(BallotRule.OF_PRESENT, "50", True, yes=0, base=0)
    assert "0/0 phiếu đồng ý (0,0%)" in _not_recommended_reason(item)
