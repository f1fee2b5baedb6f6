"""The council pages, driven as the secretariat, a member and outsiders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.council.models import CouncilSession, Objection, SessionStatus
from guongsang.council.tests.factories import (
    accepted_dossier,
    make_council,
    members_of,
    open_encrypted_session,
    open_session,
)

pytestmark = pytest.mark.django_db


def test_the_secretariat_publishes_a_notice_and_answers_an_objection(client, world, titles):
    dossier = accepted_dossier(world)
    client.force_login(world.secretariat)
    response = client.post(
        reverse("council:notice_create"),
        {"title": "", "starts_on": "04/11/2024", "working_days": 5, "dossiers": [dossier.pk]},
    )
    assert response.status_code == 302
    detail = client.get(response.url).content.decode()
    assert "08/11/2024" in detail or "ngày 8 tháng 11 năm 2024" in detail
    notice_uuid = response.url.rstrip("/").split("/")[-1]
    client.post(
        reverse("council:objection_create", args=[notice_uuid]),
        {
            "dossier": dossier.pk,
            "who": "Nguyễn Văn Tâm",
            "contact": "0912345678",
            "text": "Cần xác minh.",
        },
    )
    objection = Objection.objects.get()
    body = client.get(reverse("council:notice_detail", args=[notice_uuid])).content.decode()
    assert "Nguyễn Văn Tâm" in body and "0912345678" not in body and "091***" in body
    client.post(
        reverse("council:objection_answer", args=[objection.uuid]), {"answer": "Đã xác minh."}
    )
    objection.refresh_from_db()
    assert objection.answer == "Đã xác minh."


def test_a_session_is_run_from_the_pages(client, world, titles):
    council = make_council(world, 3)
    dossier = accepted_dossier(world)
    from guongsang.council import services

    services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    client.force_login(world.secretariat)
    response = client.post(
        reverse("council:session_create"),
        {
            "council": council.pk,
            "held_on": "20/11/2024",
            "place": "Phòng họp số 1",
            "dossiers": [dossier.pk],
            "quorum": "2/3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    session = CouncilSession.objects.get()
    assert (session.quorum_numerator, session.quorum_denominator) == (2, 3)
    members = list(council.members.order_by("order"))
    client.post(
        reverse("council:session_attendance", args=[session.uuid]),
        {"present": [members[0].pk, members[1].pk]},
    )
    client.post(reverse("council:session_open", args=[session.uuid]))
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN and session.present_total == 2
    # The member votes and sees the receipt, once.
    voter = members_of(council)[0]
    client.force_login(voter)
    page = client.get(reverse("council:my_ballots")).content.decode()
    assert "Lê Thị Bích Liên" in page
    item = session.items.get()
    asked = client.post(reverse("council:vote", args=[item.uuid]), {"choice": "yes"})
    assert "Xác nhận bỏ phiếu" in asked.content.decode() and not item.ballots.exists()
    voted = client.post(
        reverse("council:vote", args=[item.uuid]), {"choice": "yes", "confirm": "1"}
    )
    assert voted.status_code == 200 and "Mã biên nhận" in voted.content.decode()
    again = client.post(reverse("council:vote", args=[item.uuid]), {"choice": "no", "confirm": "1"})
    assert again.status_code == 400 and "đã bỏ phiếu" in again.content.decode()
    # An outsider and the absent member cannot vote.
    client.force_login(world.officer)
    assert (
        client.post(reverse("council:vote", args=[item.uuid]), {"choice": "yes"}).status_code == 404
    )
    client.force_login(members_of(council)[2])
    assert (
        client.post(
            reverse("council:vote", args=[item.uuid]), {"choice": "yes", "confirm": "1"}
        ).status_code
        == 400
    )
    # The secretariat confirms, closes and downloads the minutes.
    client.force_login(world.secretariat)
    assert (
        "Xác nhận"
        in client.get(reverse("council:session_close", args=[session.uuid])).content.decode()
    )
    client.post(reverse("council:session_close", args=[session.uuid]))
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    tally = client.get(reverse("council:tally", args=[session.uuid])).content.decode()
    assert item.ballots.get().receipt in tally
    docx = client.get(reverse("council:minutes_docx", args=[session.uuid]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Có mặt 2/3 thành viên" in text


def test_a_leader_reads_but_cannot_run_a_session(client, world, titles):
    council = make_council(world, 3)
    session = open_session(world, council, [accepted_dossier(world)])
    client.force_login(world.leader)
    assert client.get(reverse("council:session_detail", args=[session.uuid])).status_code == 200
    assert client.get(reverse("council:session_close", args=[session.uuid])).status_code == 403
    assert client.get(reverse("council:session_create")).status_code == 403


def test_a_member_of_another_council_sees_nothing(client, world, titles):
    council = make_council(world, 3)
    session = open_session(world, council, [accepted_dossier(world)])
    stranger = make_user("uvkhac", role=Role.COUNCIL_MEMBER, unit=world.centre)
    client.force_login(stranger)
    assert client.get(reverse("council:session_detail", args=[session.uuid])).status_code == 404
    assert "Lê Thị Bích Liên" not in client.get(reverse("council:my_ballots")).content.decode()


def test_the_agenda_flags_conflicts_of_interest(client, world, titles):
    import datetime as dt

    from guongsang.people.services import position_assign
    from guongsang.people.tests.factories import make_person

    council = make_council(world, 3)
    chair = members_of(council)[0]
    head = make_person("Trịnh Văn Quang", unit=world.centre)
    position_assign(
        actor=None,
        person=head,
        unit=world.centre,
        title="Giám đốc",
        valid_from=dt.date(2020, 1, 1),
    )
    chair.person = head
    chair.save(update_fields=["person"])
    # The department's director is not a centre employee's direct superior.
    director = make_person("Bạch Liên Hương", unit=world.dept, female=True)
    position_assign(
        actor=None,
        person=director,
        unit=world.dept,
        title="Giám đốc",
        valid_from=dt.date(2020, 1, 1),
    )
    vice = members_of(council)[1]
    vice.person = director
    vice.save(update_fields=["person"])
    session = open_session(world, council, [accepted_dossier(world)])
    client.force_login(world.secretariat)
    with_flags = client.get(reverse("council:session_detail", args=[session.uuid])).content.decode()
    assert "Nguyễn Thị Hồng Nhung: là lãnh đạo trực tiếp" in with_flags
    assert "Trần Quốc Việt:" not in with_flags


def test_the_session_list_does_not_query_per_row(client, world, titles, django_assert_num_queries):
    council = make_council(world, 3)
    for name in ("Mai Văn Tú", "Lý Thị Hoa", "Tô Văn Hải"):
        open_session(world, council, [accepted_dossier(world, name=name)])
    client.force_login(world.secretariat)
    with django_assert_num_queries(5):
        assert client.get(reverse("council:session_list")).status_code == 200


def test_my_ballots_costs_a_fixed_number_of_queries_per_dossier(client, world, titles):
    """The ballot page runs the eligibility checks of each dossier (a few queries each); the
    rest of the page costs the same however many sessions and dossiers are open."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guongsang.council import services

    council = make_council(world, 3)
    names = ["Mai Văn Tú", "Lý Thị Hoa", "Tô Văn Hải", "Đỗ Thị Lan"]
    sessions = [open_session(world, council, [accepted_dossier(world, name=names[0])])]
    voter = members_of(council)[0]
    client.force_login(voter)
    client.get(reverse("council:my_ballots"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("council:my_ballots"))
    sessions += [
        open_session(world, council, [accepted_dossier(world, name=name)]) for name in names[1:]
    ]
    services.ballot_cast(voter=voter, item=sessions[1].items.get(), choice="yes")
    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("council:my_ballots")).content.decode()
    per_dossier = (len(four) - len(one)) / 3
    assert per_dossier == int(per_dossier) and per_dossier <= 12, (len(one), len(four))
    for name in names:
        assert name in page
    assert page.count("Bạn đã bỏ phiếu cho hồ sơ này") == 1


def test_a_member_tells_two_open_sessions_of_one_council_apart(client, world, titles):
    council = make_council(world, 3)
    plain = open_session(world, council, [accepted_dossier(world, name="Mai Văn Tú")])
    sealed = open_encrypted_session(world, council, [accepted_dossier(world, name="Lý Thị Hoa")])
    client.force_login(members_of(council)[1])
    page = client.get(reverse("council:my_ballots")).content.decode()
    first = page.index(f'id="session-{sealed.uuid}"')  # the newer session first
    second = page.index(f'id="session-{plain.uuid}"')
    assert "Phiên họp thứ 2" in page[first:second] and "Phiên họp thứ 1" in page[second:]
    assert "Phiếu mã hóa" in page[first:second] and "Phiếu mã hóa" not in page[second:]
    assert page[first:second].count('data-ballot-kind="encrypted"') == 1
    assert "mã theo dõi" in page[first:second]
    assert "Họp ngày 20/11/2024 tại Phòng họp số 1" in page
    assert page.count("mở bỏ phiếu lúc") == 2
    assert page.count('href="#session-') == 2  # the list of open sessions at the top
