"""The council API: a member votes with their own identity; the tally lists counts and
receipts, never a voter's choice."""

from __future__ import annotations

import pytest

from guongsang.council import services
from guongsang.council.tests.factories import (
    accepted_dossier,
    make_council,
    members_of,
    open_session,
)

pytestmark = pytest.mark.django_db


def test_a_member_votes_through_the_api_and_the_tally_lists_the_receipt(client, world, titles):
    council = make_council(world, 3)
    session = open_session(world, council, [accepted_dossier(world)])
    item = session.items.get()
    voter = members_of(council)[0]
    client.force_login(voter)
    url = f"/api/v1/council/items/{item.uuid}/vote"
    response = client.post(url, {"choice": "yes"}, content_type="application/json")
    assert response.status_code == 200
    receipt = response.json()["receipt"]
    again = client.post(url, {"choice": "no"}, content_type="application/json")
    assert again.status_code == 400 and "đã bỏ phiếu" in again.json()["detail"]
    detail = client.get(f"/api/v1/council/sessions/{session.uuid}").json()
    assert detail["items"][0]["yes"] is None and detail["items"][0]["receipts"] == []
    services.voting_close(actor=world.secretariat, session=session)
    client.force_login(world.leader)
    detail = client.get(f"/api/v1/council/sessions/{session.uuid}").json()
    [row] = detail["items"]
    assert (row["yes"], row["no"], row["base"], row["receipts"]) == (1, 0, 3, [receipt])
    assert voter.username not in str(detail)
    listed = client.get("/api/v1/council/sessions").json()
    assert [s["id"] for s in listed] == [str(session.uuid)]


def test_an_officer_cannot_list_or_vote(client, world, titles):
    council = make_council(world, 3)
    session = open_session(world, council, [accepted_dossier(world)])
    item = session.items.get()
    client.force_login(world.officer)
    assert client.get("/api/v1/council/sessions").status_code == 403
    url = f"/api/v1/council/items/{item.uuid}/vote"
    assert client.post(url, {"choice": "yes"}, content_type="application/json").status_code == 404
