"""The demo's award history: spread over the years, consistent, merged units counted right
(the articles' figures themselves: test_figures.py).

The demo is built once per test session (the `demo_db` fixture).
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from guongsang.awards.models import Award
from guongsang.awards.selectors import count_by_title
from guongsang.catalogue.models import BaseSalary, Title
from guongsang.catalogue.selectors import reward_amount
from guongsang.core.models import AuditEntry
from guongsang.demo import facts
from guongsang.demo.steps.awards import AUDIT_TYPE
from guongsang.demo.steps.org import MERGE_ON, MERGED, MERGED_AWAY
from guongsang.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

BASE = "nguoi-tot-viec-tot-co-so"
CITY = "nguoi-tot-viec-tot-thanh-pho"
COLLECTIVE = "tap-the-tot"
ADVANCED = "lao-dong-tien-tien"
FIGHTER = "chien-si-thi-dua-co-so"
FIRST, LAST = facts.HISTORY_YEARS


@pytest.fixture
def department():
    return Unit.objects.get(code=facts.DEPARTMENT)


def test_the_history_is_spread_over_every_year():
    per_year = dict(
        Award.objects.filter(title__code=BASE, year__lte=LAST)
        .values_list("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    assert set(per_year) == set(range(FIRST, LAST + 1))
    assert min(per_year.values()) >= 20


def test_the_two_honourees_hold_the_2022_award():
    for role in facts.HONOUREES:
        award = Award.objects.get(person__full_name=role.full_name, year=2022, title__code=CITY)
        assert award.unit.code == role.unit_code
        assert award.decision_date < facts.CONFERENCE_2022
        earlier = Award.objects.filter(person=award.person, title__code=BASE, year__lt=2022)
        assert earlier.exists()


def test_the_merged_centre_counts_what_its_two_old_centres_hold():
    merged = Unit.objects.get(code=MERGED.code)
    old = Award.objects.filter(unit__code__in=[spec.code for spec in MERGED_AWAY])
    held = dict(
        old.values_list("title__code").annotate(n=Count("id")).values_list("title__code", "n")
    )
    assert held.get(BASE, 0) > 0
    assert not old.filter(year__gte=MERGE_ON.year).exists()
    before_merge = count_by_title(unit=merged, year_from=FIRST, year_to=MERGE_ON.year - 1)
    assert before_merge == held


def test_the_history_reaches_last_year_and_this_years_targets_reach_last_month():
    """The demo lives in the present: every title of the history in every year up to last
    year, and this year's targets reported up to the month that ended last."""
    from guongsang.targets.models import Plan, Result

    today = timezone.localdate()
    held = set(Award.objects.values_list("year", "title__code"))
    for year in range(2024, today.year):
        assert {(year, code) for code in (BASE, CITY, COLLECTIVE, ADVANCED, FIGHTER)} <= held
    planned = set(Plan.objects.values_list("year", flat=True))
    assert set(range(2022, today.year + 1)) <= planned
    months = set(Result.objects.filter(year=today.year).values_list("month", flat=True))
    assert months == set(range(1, today.month))


def test_no_one_holds_the_same_title_twice_in_a_year():
    twice = (
        Award.objects.exclude(person=None)
        .values("person", "title", "year")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not twice.exists()


def test_city_level_people_had_the_base_level_in_an_earlier_year():
    city = Award.objects.filter(title__code=CITY, year__gt=FIRST + 2)
    earlier = sum(
        Award.objects.filter(person=a.person, title__code=BASE, year__lt=a.year).exists()
        for a in city
    )
    assert earlier == city.count()


def test_base_fighters_hold_advanced_worker_and_stay_within_the_quota():
    fighter = Title.objects.get(code=FIGHTER)
    assert fighter.quota_percent == Decimal(15)
    kept = Award.objects.filter(revoked_on=None)
    advanced = {
        (unit_id, year): n
        for unit_id, year, n in kept.filter(title__code=ADVANCED)
        .values("unit", "year")
        .annotate(n=Count("id"))
        .values_list("unit", "year", "n")
    }
    fighters = (
        kept.filter(title__code=FIGHTER)
        .values("unit", "year")
        .annotate(n=Count("id"))
        .values_list("unit", "year", "n")
    )
    assert len(fighters) > 10
    for unit_id, year, n in fighters:
        assert n * 100 <= advanced[unit_id, year] * fighter.quota_percent, (unit_id, year)
    for award in kept.filter(title__code=FIGHTER):
        assert kept.filter(person=award.person, year=award.year, title__code=ADVANCED).exists()
    people = kept.filter(title__code=ADVANCED).values("person").distinct().count()
    assert 200 <= people <= 1_000


def test_each_award_carries_a_decision_of_its_year_a_source_and_its_reward():
    expected: dict[tuple, int | None] = {}
    for award in Award.objects.select_related("title"):
        issuer = "QĐ-UBND" if award.level == "city" else "QĐ-SLĐTBXH"
        number, _, suffix = award.decision_number.partition("/")
        assert number.isdigit() and suffix == issuer
        assert award.decision_date.year == award.year
        assert award.source == ("import" if award.year <= LAST else "decision")
        key = (award.title, award.decision_date, award.person_id is None)
        if key not in expected:
            on_record = BaseSalary.objects.filter(valid_from__lte=award.decision_date).exists()
            expected[key] = (
                reward_amount(title=key[0], on=key[1], collective=key[2]) if on_record else None
            )
        assert award.amount == expected[key]


def test_one_audit_entry_covers_the_award_history():
    """The history before 2022 is written in one go; 2022–2023 come from signed decisions,
    each award with its own audit entry."""
    decided = Award.objects.filter(decision_line__isnull=False)
    decided_ids = {str(uuid) for uuid in decided.values_list("uuid", flat=True)}
    [entry] = AuditEntry.objects.filter(object_type=AUDIT_TYPE).exclude(object_id__in=decided_ids)
    assert entry.after["awards"] == Award.objects.filter(decision_line__isnull=True).count()


def test_seeding_twice_adds_no_award():
    before = Award.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Award.objects.count() == before


def test_this_year_has_a_dossier_in_every_state_walked_through_the_workflow():
    from django.utils import timezone

    from guongsang.nominations.models import Dossier, DossierEvent, State

    year = timezone.localdate().year
    states = set(Dossier.objects.filter(year=year).values_list("state", flat=True))
    assert states == set(State.values)
    returned = Dossier.objects.get(year=year, state=State.RETURNED)
    assert DossierEvent.objects.filter(dossier=returned, action="return").exclude(reason="")
    assert Dossier.objects.filter(forwarded_from__year=year).exists()
