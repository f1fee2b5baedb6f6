"""The demo's award history reproduces the articles' figures, counted from the records.

The demo is built once per module (in a transaction rolled back at the end).
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from guongsang.awards.models import Award
from guongsang.awards.selectors import count_by_title
from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
from guongsang.catalogue.seed import seed_catalogue
from guongsang.catalogue.selectors import reward_amount
from guongsang.core.models import AuditEntry
from guongsang.demo import facts
from guongsang.demo.awards import AUDIT_TYPE
from guongsang.demo.org_tree import MERGE_ON, MERGED, MERGED_AWAY
from guongsang.org.models import Unit

pytestmark = pytest.mark.django_db

BASE = "nguoi-tot-viec-tot-co-so"
CITY = "nguoi-tot-viec-tot-thanh-pho"
COLLECTIVE = "tap-the-tot"
ADVANCED = "lao-dong-tien-tien"
FIGHTER = "chien-si-thi-dua-co-so"
FIRST, LAST = facts.HISTORY_YEARS


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Seed once for the module; every test runs in a savepoint inside this transaction.

    Transactional tests elsewhere flush the catalogue a data migration seeds: seed it first.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        seed_catalogue(Title, Prerequisite, BaseSalary)
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def department():
    return Unit.objects.get(code=facts.DEPARTMENT)


def test_the_history_2009_2021_adds_up_to_the_reported_figures(department):
    counts = count_by_title(unit=department, year_from=FIRST, year_to=LAST)
    assert counts[BASE] == facts.GOOD_PEOPLE_DEPARTMENT_2009_2021 == 661
    assert counts[COLLECTIVE] == facts.GOOD_COLLECTIVES_DEPARTMENT_2009_2021 == 13
    assert counts[CITY] == facts.GOOD_PEOPLE_CITY_2009_2021 == 122


def test_2022_and_2023_give_the_reported_city_and_department_levels(department):
    in_2022 = count_by_title(unit=department, year_from=2022, year_to=2022)
    in_2023 = count_by_title(unit=department, year_from=2023, year_to=2023)
    assert (in_2022[CITY], in_2022[BASE]) == (5, 21)
    assert (in_2023[CITY], in_2023[BASE]) == (5, 22)
    assert COLLECTIVE not in in_2022 and COLLECTIVE not in in_2023


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
