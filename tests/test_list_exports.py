"""Every list page has one "Xuất Excel" link, and its workbook holds the rows of the page.

The walk below names each list page (its route, arguments, the user, the filters of the query
string); the test builds a few records by hand, opens the page, follows the link marked
`data-export`, opens the download with openpyxl and compares the key column of the sheet with
the records the test expects on the page (and finds each of them on the page)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from lxml import html
from openpyxl import load_workbook

from guongsang.accounts.models import User
from guongsang.conference.tests.factories import make_award, make_conference
from guongsang.contests.models import EntryStatus, RoundEntry
from guongsang.contests.tests.factories import make_contest, make_entry
from guongsang.core.models import AuditEntry
from guongsang.council.models import PublicNotice
from guongsang.council.tests.factories import accepted_dossier, make_council, open_session
from guongsang.decisions import services as decisions
from guongsang.decisions.tests.factories import recommended, signed_decision
from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.tests.factories import make_person
from guongsang.showcase.tests.factories import make_story, make_tip

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Case:
    route: str
    user: Any
    column: str  # the sheet's header whose values identify the rows
    expected: list[str]  # the rows the page shows, worked out by the test
    args: tuple = ()
    query: str = ""
    link: str = ""  # on a page of several tables: the words naming the table's export link


def _cases(world, titles) -> list[Case]:
    this_year = dt.date.today().year
    lan = make_person("Nguyễn Minh Châm", unit=world.centre, female=True)

    movement = make_movement(world.dept, name="Phong trào Thi đua Nước rút")
    make_movement(world.dept, name="Phong trào năm trước", year=this_year - 1)
    make_pledge(movement, world.centre, [titles["tap-the-tot"]])
    make_pledge(movement, world.other_centre, [titles["tap-the-tot"]])

    council = make_council(world, 3)
    open_session(world, council, [accepted_dossier(world, name="Phạm Văn Đồng")])
    notice = PublicNotice.objects.get()

    older = signed_decision(
        world, dossiers=[recommended(world, year=2021)], on=dt.date(2021, 9, 15)
    )
    newer = signed_decision(world, dossiers=[recommended(world, year=2023)])
    forwarded = recommended(world, code="nguoi-tot-viec-tot-thanh-pho", year=2024)
    submission = decisions.submission_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[forwarded]
    )

    contest = make_contest(world.dept, year=this_year)
    first_round = contest.rounds.get(number=1)
    for entry in (
        make_entry(contest, world.centre, title="Người mẹ hiền", code="A01"),
        make_entry(contest, world.other_centre, title="Cô giáo vùng cao", code="A02"),
    ):
        RoundEntry.objects.create(round=first_round, entry=entry, advanced=entry.code == "A01")
    last = make_contest(world.dept, year=this_year - 1, name="Cuộc thi năm trước")
    make_entry(last, world.centre, title="Bác bảo vệ", code="B01")
    make_entry(last, world.centre, title="Bản nháp", status=EntryStatus.DRAFT)

    make_story("Người giữ lửa", unit=world.centre)
    make_story("Bản thảo chưa đăng", unit=world.centre, published=False)
    make_tip(about_who="Anh Trần Văn Tâm")
    make_tip(about_who="Chị Đặng Ngọc Lan")
    make_conference(world.dept, name="Hội nghị biểu dương 2022")

    User.objects.filter(pk=world.leader.pk).update(full_name="Đỗ Thị Hằng")
    make_award(unit=world.centre, person=lan, year=2021)
    make_award(unit=world.centre, person=lan, year=2023)
    make_award(unit=world.centre, year=2020)
    make_dossier(world, person=lan)
    logged = sorted(
        AuditEntry.objects.filter(object_repr__contains="Nguyễn Minh Châm").values_list(
            "object_repr", flat=True
        )
    )
    assert logged, "the test needs audit entries naming the person"

    sec, admin = world.secretariat, world.admin
    return [
        Case(
            "org:tree",
            sec,
            "Đơn vị",
            [world.dept.name, world.centre.name, world.other_centre.name],
        ),
        Case("org:tree", sec, "Đơn vị", [world.centre.name], query="q=bao+tro+xa+hoi+1"),
        Case(
            "movements:list",
            sec,
            "Phong trào",
            ["Phong trào Thi đua Nước rút"],
            query=f"year={this_year}",
        ),
        Case(
            "movements:detail",
            sec,
            "Đơn vị",
            [world.centre.name, world.other_centre.name],
            args=(movement.uuid,),
        ),
        Case("council:notice_list", sec, "Tiêu đề", [notice.title]),
        Case("council:session_list", sec, "Hội đồng", [council.name]),
        Case("decisions:list", sec, "Trích yếu", [newer.summary], query="year=2023"),
        Case("decisions:list", sec, "Trích yếu", sorted([newer.summary, older.summary])),
        Case("decisions:submissions", sec, "Trích yếu", [submission.summary]),
        Case(
            "contests:detail",
            sec,
            "Tên bài",
            ["Cô giáo vùng cao", "Người mẹ hiền"],
            args=(contest.uuid,),
        ),
        Case(
            "contests:stats",
            sec,
            "Năm",
            [str(this_year - 1), str(this_year)],
            link="Bài dự thi cấp Sở theo năm",
        ),
        # Each contest's tables: the units with entries sent (drafts are not counted), and
        # the rounds with the entries in them.
        Case(
            "contests:stats",
            sec,
            "Đơn vị",
            [world.centre.name, world.other_centre.name],
            link=f"Theo đơn vị — {contest.name} {contest.year}",
        ),
        Case(
            "contests:stats",
            sec,
            "Đơn vị",
            [world.centre.name],
            link=f"Theo đơn vị — {last.name} {last.year}",
        ),
        Case(
            "contests:stats",
            sec,
            "Tên vòng",
            [first_round.name],
            link=f"Theo vòng — {contest.name} {contest.year}",
        ),
        Case(
            "showcase:manage_stories",
            sec,
            "Tiêu đề",
            ["Người giữ lửa"],
            query="status=published",
        ),
        Case(
            "showcase:tips",
            sec,
            "Người làm việc tốt",
            ["Anh Trần Văn Tâm", "Chị Đặng Ngọc Lan"],
        ),
        Case("conference:list", sec, "Hội nghị", ["Hội nghị biểu dương 2022"]),
        Case("accounts:user_list", admin, "Tên đăng nhập", ["lanhdao"], query="q=do+thi+hang"),
        Case("core:audit_list", admin, "Đối tượng", logged, query="query=nguyen+minh+cham"),
        Case("people:detail", sec, "Năm", ["2021", "2023"], args=(lan.uuid,)),
        Case("org:unit_detail", sec, "Năm", ["2020"], args=(world.centre.uuid,)),
        Case(
            "nominations:list",
            sec,
            "Đối tượng được đề nghị",
            ["Nguyễn Minh Châm"],
            query="q=nguyen+minh+cham",
        ),
    ]


def _export_link(page: bytes, words: str = "") -> str:
    """The page's one export link, or on a page of several tables the one named `words`."""
    tree = html.fromstring(page)
    links = tree.xpath("//a[@data-export]")
    if words:
        links = [a for a in links if a.text_content().strip().endswith(f"— {words}")]
    assert len(links) == 1, f"{len(links)} export links"
    return links[0].get("href")


def _column(content: bytes, header: str) -> list[str]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    index = list(rows[0]).index(header)
    return sorted(str(row[index]) for row in rows[1:])


def test_every_list_page_exports_the_rows_it_shows(client, world, titles):
    for case in _cases(world, titles):
        client.force_login(case.user)
        url = reverse(case.route, args=case.args) + (f"?{case.query}" if case.query else "")
        page = client.get(url)
        assert page.status_code == 200, url
        text = html.fromstring(page.content).text_content()
        for key in case.expected:
            assert key in text, (url, key)
        href = _export_link(page.content, case.link)
        if case.query:
            assert case.query in href, (url, href)
        download = client.get(href)
        assert download.status_code == 200, href
        assert download["Content-Type"] == XLSX, href
        assert ".xlsx" in download["Content-Disposition"]
        assert _column(download.content, case.column) == sorted(case.expected), url


def test_an_export_is_refused_to_who_cannot_see_the_list(client, world):
    client.force_login(world.officer)
    for route in ("accounts:user_list_xlsx", "core:audit_list_xlsx", "decisions:list_xlsx"):
        assert client.get(reverse(route)).status_code == 403, route


def test_the_tree_export_leaves_out_the_other_units(client, world):
    client.force_login(world.officer)
    names = _column(client.get(reverse("org:tree_xlsx")).content, "Đơn vị")
    assert names == [world.centre.name]
