"""Every transition × every role: allowed ones move the dossier, refused ones change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.accounts.tests.factories import make_user
from guongsang.core.models import AuditEntry
from guongsang.core.roles import Role
from guongsang.nominations import services
from guongsang.nominations.models import Dossier, DossierEvent, State, Track
from guongsang.nominations.tests.factories import make_dossier
from guongsang.nominations.workflow import TRANSITIONS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


@pytest.fixture
def actors(world):
    """One user per role, each granted where that role acts on the centre's dossiers."""
    return {
        Role.UNIT_OFFICER: world.officer,
        Role.SECRETARIAT: world.secretariat,
        Role.LEADER: world.leader,
        Role.SIGNER: make_user("giamdoc", role=Role.SIGNER, unit=world.dept),
        Role.COUNCIL_MEMBER: make_user("hoidong", role=Role.COUNCIL_MEMBER, unit=world.dept),
        Role.JUDGE: make_user("giamkhao", role=Role.JUDGE, unit=world.dept),
        Role.ADMIN: world.admin,
    }


def _reason(transition) -> str:
    return "Lý do ghi rõ" if transition.needs_reason else ""


def _step(transition):
    """Steps of the council procedure are taken by their services through procedure_step."""
    return services.procedure_step if transition.procedure else services.dossier_transition


# What the law's procedure decides, not a person on the dossier page.
PROCEDURE_ACTIONS = {"publish", "to_council", "recommend", "not_recommend", "decide"}


@pytest.mark.parametrize("action", sorted(PROCEDURE_ACTIONS))
def test_no_one_takes_a_procedure_step_by_hand(world, actors, action):
    transition = TRANSITIONS[action]
    dossier = make_dossier(world, track=Track.AD_HOC)
    source = sorted(transition.sources | transition.ad_hoc_sources)[0]
    for role, user in actors.items():
        Dossier.objects.filter(pk=dossier.pk).update(state=source)
        events = DossierEvent.objects.count()
        with pytest.raises(ValidationError, match="chỉ diễn ra qua"):
            services.dossier_transition(
                actor=user, dossier=dossier, action=action, reason="Lý do ghi rõ"
            )
        dossier.refresh_from_db()
        assert dossier.state == source, (action, role)
        assert DossierEvent.objects.count() == events


def test_recommended_and_not_recommended_are_reached_by_no_direct_step():
    direct = [t for t in TRANSITIONS.values() if t.action not in PROCEDURE_ACTIONS]
    assert direct, "the table has direct steps"
    assert all(t.target not in {State.RECOMMENDED, State.NOT_RECOMMENDED} for t in direct)
    assert all(TRANSITIONS[a].procedure for a in PROCEDURE_ACTIONS)


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_each_transition_is_allowed_exactly_for_its_roles(world, actors, action):
    transition = TRANSITIONS[action]
    dossier = make_dossier(world)
    source = sorted(transition.sources)[0]
    for role, user in actors.items():
        Dossier.objects.filter(pk=dossier.pk).update(state=source)
        events = DossierEvent.objects.count()
        if role in transition.roles:
            if action == "forward":
                continue  # forwarding is walked on its own below
            _step(transition)(
                actor=user, dossier=dossier, action=action, reason=_reason(transition)
            )
            dossier.refresh_from_db()
            assert dossier.state == transition.target, (action, role)
            assert DossierEvent.objects.count() == events + 1
        else:
            with pytest.raises(PermissionDenied):
                _step(transition)(
                    actor=user, dossier=dossier, action=action, reason=_reason(transition)
                )
            dossier.refresh_from_db()
            assert dossier.state == source, (action, role)
            assert DossierEvent.objects.count() == events


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_a_transition_from_a_wrong_state_is_refused_with_a_message(world, actors, action):
    transition = TRANSITIONS[action]
    dossier = make_dossier(world)
    wrong = next(s for s in State if s not in transition.sources | transition.ad_hoc_sources)
    Dossier.objects.filter(pk=dossier.pk).update(state=wrong)
    user = actors[sorted(transition.roles)[0]]
    with pytest.raises(ValidationError, match="Không thể"):
        _step(transition)(actor=user, dossier=dossier, action=action, reason=_reason(transition))
    dossier.refresh_from_db()
    assert dossier.state == wrong


def test_returning_needs_a_reason_and_the_reason_is_kept(world, actors):
    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    with pytest.raises(ValidationError, match="lý do"):
        services.dossier_transition(actor=world.secretariat, dossier=dossier, action="return")
    services.dossier_transition(
        actor=world.secretariat,
        dossier=dossier,
        action="return",
        reason="Thiếu xác nhận của địa phương",
    )
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED
    assert dossier.events.last().reason == "Thiếu xác nhận của địa phương"
    entry = AuditEntry.objects.filter(action="state", object_id=str(dossier.uuid)).first()
    assert entry.reason == "Thiếu xác nhận của địa phương"
    assert entry.before["state"] == "submitted" and entry.after["state"] == "returned"


def test_an_incomplete_dossier_cannot_be_submitted(world):
    dossier = make_dossier(world, complete=False)
    with pytest.raises(ValidationError) as refused:
        services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    messages = " ".join(refused.value.messages)
    assert "tóm tắt thành tích" in messages and "biên bản họp xét" in messages
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT


def test_the_ad_hoc_track_goes_to_the_council_without_public_notice(world):
    dossier = make_dossier(world, track=Track.AD_HOC)
    Dossier.objects.filter(pk=dossier.pk).update(state=State.ACCEPTED)
    services.procedure_step(actor=world.secretariat, dossier=dossier, action="to_council")
    dossier.refresh_from_db()
    assert dossier.state == State.COUNCIL
    from guongsang.people.tests.factories import make_person

    yearly = make_dossier(world, person=make_person("Đỗ Văn Hùng", unit=world.centre))
    Dossier.objects.filter(pk=yearly.pk).update(state=State.ACCEPTED)
    with pytest.raises(ValidationError):
        services.procedure_step(actor=world.secretariat, dossier=yearly, action="to_council")


def test_an_officer_of_another_unit_cannot_act_on_the_dossier(world):
    dossier = make_dossier(world)
    with pytest.raises(PermissionDenied):
        services.dossier_transition(actor=world.other_officer, dossier=dossier, action="submit")


def test_forwarding_creates_the_city_dossier_and_its_outcome_comes_back(world, actors):
    from guongsang.accounts.tests.factories import make_user as user_for

    dossier = make_dossier(world, code="nguoi-tot-viec-tot-thanh-pho")
    Dossier.objects.filter(pk=dossier.pk).update(state=State.RECOMMENDED)
    services.dossier_transition(actor=world.secretariat, dossier=dossier, action="forward")
    upper = Dossier.objects.get(forwarded_from=dossier)
    assert upper.level_unit == world.city and upper.unit == world.dept
    assert upper.state == State.SUBMITTED and upper.files.count() == dossier.files.count()
    # The department's secretariat does not handle the city's dossier.
    with pytest.raises(PermissionDenied):
        services.dossier_transition(actor=world.secretariat, dossier=upper, action="accept")
    city = user_for("bantdkt", role=Role.SECRETARIAT, unit=world.city)
    services.dossier_transition(
        actor=city, dossier=upper, action="reject", reason="Chưa đủ tiêu chuẩn cấp Thành phố"
    )
    dossier.refresh_from_db()
    assert world.city.name in dossier.outcome_note and "Không tiếp nhận" in dossier.outcome_note
