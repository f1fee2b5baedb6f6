"""The demo contests reproduce the figures of the articles."""

import pytest

from guongsang.contests import selectors
from guongsang.contests.models import Assignment, Commendation, Contest, DuplicateMatch, Entry
from guongsang.demo.steps import contests as demo


@pytest.mark.django_db
def test_demo_contests_reproduce_the_figures(demo_db):
    assert Contest.objects.exists()
    counts = selectors.entry_counts_by_year()
    assert {year: counts[year] for year in (2022, 2023)} == {2022: 43, 2023: 41}
    assert selectors.sent_to_city_counts() == {2022: 5, 2023: 41}
    c2023 = Contest.objects.get(year=2023)
    final = c2023.rounds.get(number=3)
    assert final.round_entries.count() == 5
    commended = list(
        Commendation.objects.filter(entry__contest=c2023).select_related("recipient__decision")
    )
    assert len(commended) == 2
    decision = commended[0].decision
    assert decision.is_signed and decision.signed_by.username == "giamdoc"
    assert {c.decision for c in commended} == {decision}
    assert decision.full_number.endswith("/QĐ-SLĐTBXH") and decision.decision_date.year == 2023
    for c in commended:
        assert c.award.decision_number == decision.full_number and c.award.year == 2023
        assert c.award.title.code == "giay-khen-giam-doc-so" and c.award.source == "decision"
    c2022 = Contest.objects.get(year=2022)
    assert (
        c2022.status == "published"
        and Entry.objects.filter(contest=c2022, prize__isnull=False).count() == 5
    )
    # The planted pair is flagged, and nothing else.
    planted = Entry.objects.get(contest=c2023, code="23-008")
    matches = list(DuplicateMatch.objects.all())
    assert [(m.entry_id, m.object_id) for m in matches] == [
        (planted.pk, str(Entry.objects.get(contest=c2022, code="22-013").pk))
    ]
    # The judge who works at a centre never got that centre's entries.
    from guongsang.accounts.models import User

    gk3 = User.objects.get(username="giamkhao3")
    assert gk3.person is not None
    assert not Assignment.objects.filter(judge=gk3, entry__unit=gk3.person.home_unit).exists()
    assert Assignment.objects.filter(judge__username="giamkhao").count() > 10
    assert demo.seed() == {}  # idempotent
    assert demo.seed_this_year() == {}


@pytest.mark.django_db
def test_this_years_contest_is_in_its_judging_round_with_sheets_to_finish(demo_db):
    from django.utils import timezone

    from guongsang.contests.models import ContestStatus

    today = timezone.localdate()
    contest = Contest.objects.get(year=today.year)
    assert contest.status == ContestStatus.JUDGING
    assert contest.submission_deadline < today < contest.judging_deadline
    sheets = Assignment.objects.filter(round__contest=contest)
    # Two judges an entry, none finished yet; the demo judge has some of them.
    assert sheets.count() == 2 * contest.entries.count() == 2 * demo.ENTRIES_THIS_YEAR
    assert not sheets.filter(submitted_at__isnull=False).exists()
    assert sheets.filter(judge__username="giamkhao").exists()
