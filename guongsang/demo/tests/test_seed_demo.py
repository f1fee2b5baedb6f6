"""The demo as `seed_demo` builds it: units, staff, officials, logins (built once per session)."""

import datetime as dt
import io
import re
import unicodedata

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from guongsang.accounts.models import User
from guongsang.core.models import AuditEntry
from guongsang.demo import facts
from guongsang.demo.builder import AUDIT_TYPE
from guongsang.demo.identities import Identities
from guongsang.demo.steps.org import MERGE_ON, MERGED, MERGED_AWAY
from guongsang.demo.steps.users import LOGINS, PASSWORD
from guongsang.org.models import Cluster, Unit, UnitType
from guongsang.org.selectors import unit_ids_for_counting, units_under
from guongsang.people.models import Person, PersonKind, Position
from guongsang.people.validators import validate_citizen_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("org", "people", "accounts", "core")
        for model in apps.get_app_config(app).get_models()
    }


def _run(command: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_the_first_run_says_what_it_created(demo_db):
    assert "Đã tạo dữ liệu mẫu" in demo_db


def test_seeding_twice_changes_nothing():
    before = _counts()
    last_change = Unit.objects.latest("updated_at").updated_at
    assert "đã có sẵn" in _run("seed_demo")
    assert _counts() == before
    assert Unit.objects.latest("updated_at").updated_at == last_change


def test_the_seed_writes_one_audit_entry_for_the_bulk_rows():
    entry = AuditEntry.objects.get(object_type=AUDIT_TYPE)
    assert entry.object_repr == "Dữ liệu mẫu"
    assert entry.action == "create"
    # Only the few named people went through the services, one entry each.
    named = len(facts.NAMED_PEOPLE)
    assert AuditEntry.objects.filter(object_type="people.person").count() == named


def test_the_department_has_about_thirty_units_besides_its_divisions():
    department = Unit.objects.get(code=facts.DEPARTMENT)
    beneath = units_under(department).exclude(pk=department.pk).exclude(unit_type=UnitType.DIVISION)
    assert 25 <= beneath.count() <= 35
    assert department.parent.code == facts.CITY
    assert department.valid_from == dt.date(2008, 8, 1)


def test_the_named_sub_units_are_under_their_centre_and_school():
    medical = Unit.objects.get(code=facts.DIOXIN_MEDICAL_DIVISION)
    faculty = Unit.objects.get(code=facts.MECHANICAL_FACULTY)
    assert medical.name == "Phòng Y tế - Khử khuẩn"
    assert medical.parent.code == facts.DIOXIN_CENTRE
    assert faculty.name == "Khoa Cơ khí"
    assert faculty.parent.name == "Trường Trung cấp nghề Cơ khí I Hà Nội"


def test_there_are_about_three_thousand_staff():
    staff = Person.objects.filter(kind=PersonKind.STAFF)
    assert 2_900 <= staff.count() <= 3_100
    current = Position.objects.filter(valid_to=None).values("person").distinct().count()
    assert current == staff.count()


def test_the_merged_centres_point_to_the_new_centre_and_count_under_it():
    merged = Unit.objects.get(code=MERGED.code)
    old = Unit.objects.filter(code__in=[spec.code for spec in MERGED_AWAY])
    assert {(u.current_id, u.successor_id, u.valid_to) for u in old} == {
        (merged.pk, merged.pk, MERGE_ON)
    }
    before_merge = Position.objects.filter(unit__in=old, valid_to=MERGE_ON)
    assert before_merge.count() == sum(spec.staff for spec in MERGED_AWAY)
    counted = Position.objects.filter(
        unit_id__in=unit_ids_for_counting(merged), valid_from__lt=MERGE_ON
    )
    assert counted.count() == before_merge.count()
    moved = Position.objects.filter(unit=merged, person__positions__in=before_merge)
    assert moved.count() == before_merge.count()


def test_the_department_is_in_cluster_seven_of_the_city():
    cluster = Cluster.objects.get(number=facts.CLUSTER_NUMBER, organiser__code=facts.CITY)
    members = dict(cluster.memberships.values_list("unit__code", "is_head"))
    assert facts.DEPARTMENT in members
    assert sum(members.values()) == 1


def test_the_officials_hold_their_public_roles_without_personal_data():
    for role in facts.NAMED_PEOPLE:
        person = Person.objects.get(full_name=role.full_name)
        assert person.positions.get().unit.code == role.unit_code
        assert person.positions.get().title == role.title
        assert not (person.citizen_id or person.phone or person.address or person.date_of_birth)
    ministry = Unit.objects.get(code=facts.MINISTRY)
    assert ministry.parent is None
    assert ministry.unit_type == UnitType.MINISTRY


def test_each_printed_login_authenticates():
    output = _run("demo_logins")
    request = RequestFactory().post("/accounts/login/")
    printed = {}
    for line in output.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 4 and cells[2] == PASSWORD:
            printed[cells[1]] = cells
    assert set(printed) == {login.username for login in LOGINS}
    for username, (_role, _username, password, _scope) in printed.items():
        user = authenticate(request, username=username, password=password)
        assert user is not None, username
        assert user.full_name
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.get(username="giamdoc").person.full_name == facts.DIRECTOR.full_name


def test_all_names_are_nfc():
    texts = [
        *Person.objects.values_list("full_name", flat=True),
        *Person.objects.exclude(address="").values_list("address", flat=True),
        *Unit.objects.values_list("name", flat=True),
        *Position.objects.values_list("title", flat=True).distinct(),
        *User.objects.values_list("full_name", flat=True),
    ]
    assert texts
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)


def test_every_citizen_id_is_valid_and_unique():
    rows = list(
        Person.objects.exclude(citizen_id=None).values_list("citizen_id", "date_of_birth", "gender")
    )
    assert len(rows) >= 2_900
    assert len({cid for cid, _, _ in rows}) == len(rows)
    for cid, born, gender in rows:
        validate_citizen_id(cid, date_of_birth=born, female=gender == "female")
        assert cid.startswith("001")


def test_phones_are_ten_digits_starting_with_zero():
    phones = Person.objects.exclude(phone="").values_list("phone", flat=True)
    assert all(re.fullmatch(r"0\d{9}", phone) for phone in phones)


def test_the_generated_people_are_the_same_on_every_run():
    named = [role.full_name for role in facts.NAMED_PEOPLE]
    first, second = Identities(reserved=named), Identities(reserved=named)
    names = [first.full_name(female=i % 2 == 0) for i in range(50)]
    assert names == [second.full_name(female=i % 2 == 0) for i in range(50)]
    assert Person.objects.filter(full_name=names[0]).exists()
