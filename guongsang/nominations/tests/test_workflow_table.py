"""The transition table read as data: the roles, sources and reasons of each step, written out
here by hand from the procedure (not read back from the table), and the ad-hoc short path.
No database: these run in a blink, so a change to the table fails at once."""

from guongsang.core.roles import Role
from guongsang.nominations.models import State, Track
from guongsang.nominations.workflow import DIRECT_ACTIONS, TRANSITIONS, Transition, _t, sources_for

OFFICER, SECRETARIAT, SIGNER = Role.UNIT_OFFICER, Role.SECRETARIAT, Role.SIGNER

# action: (from, to, who, needs a reason)
EXPECTED = {
    "submit": ({State.DRAFT, State.RETURNED}, State.SUBMITTED, {OFFICER, SECRETARIAT}, False),
    "withdraw": (
        {State.DRAFT, State.SUBMITTED, State.RETURNED},
        State.WITHDRAWN,
        {OFFICER, SECRETARIAT},
        True,
    ),
    "return": ({State.SUBMITTED}, State.RETURNED, {SECRETARIAT}, True),
    "accept": ({State.SUBMITTED}, State.ACCEPTED, {SECRETARIAT}, False),
    "reject": (
        {State.SUBMITTED, State.ACCEPTED, State.PUBLIC_NOTICE},
        State.REJECTED,
        {SECRETARIAT},
        True,
    ),
    "publish": ({State.ACCEPTED}, State.PUBLIC_NOTICE, {SECRETARIAT}, False),
    "to_council": ({State.PUBLIC_NOTICE}, State.COUNCIL, {SECRETARIAT}, False),
    "recommend": ({State.COUNCIL}, State.RECOMMENDED, {SECRETARIAT}, False),
    "not_recommend": ({State.COUNCIL}, State.NOT_RECOMMENDED, {SECRETARIAT}, True),
    "decide": ({State.RECOMMENDED}, State.DECIDED, {SIGNER}, False),
    "forward": ({State.RECOMMENDED}, State.FORWARDED, {SECRETARIAT}, False),
}


def test_each_step_goes_from_its_states_to_its_state_for_its_roles():
    assert set(TRANSITIONS) == set(EXPECTED)
    for action, (sources, target, roles, needs_reason) in EXPECTED.items():
        t = TRANSITIONS[action]
        assert (t.action, t.sources, t.target, t.roles, t.needs_reason) == (
            action,
            frozenset(sources),
            target,
            frozenset(roles),
            needs_reason,
        ), action


def test_only_the_council_steps_are_left_to_the_procedure():
    assert {"submit", "withdraw", "return", "accept", "reject", "forward"} == DIRECT_ACTIONS


def test_an_ad_hoc_dossier_reaches_the_council_from_accepted_a_yearly_one_does_not():
    to_council = TRANSITIONS["to_council"]
    assert sources_for(to_council, Track.AD_HOC) == {State.PUBLIC_NOTICE, State.ACCEPTED}
    assert sources_for(to_council, Track.YEARLY) == {State.PUBLIC_NOTICE}
    assert sources_for(to_council, Track.THEMATIC) == {State.PUBLIC_NOTICE}
    # A step without a short path is the same on both tracks.
    assert sources_for(TRANSITIONS["accept"], Track.AD_HOC) == {State.SUBMITTED}


def test_a_row_of_the_table_keeps_every_field_as_given():
    row = _t(
        "x",
        "Nhãn",
        {State.DRAFT},
        State.SUBMITTED,
        {OFFICER},
        needs_reason=True,
        ad_hoc_sources={State.RETURNED},
        procedure="thủ tục",
    )
    assert row == Transition(
        "x",
        "Nhãn",
        frozenset({State.DRAFT}),
        State.SUBMITTED,
        frozenset({OFFICER}),
        True,
        frozenset({State.RETURNED}),
        "thủ tục",
    )
    plain = _t("y", "Nhãn", {State.DRAFT}, State.SUBMITTED, {OFFICER})
    assert (plain.needs_reason, plain.ad_hoc_sources, plain.procedure) == (False, frozenset(), None)
