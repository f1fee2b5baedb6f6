"""The secretariat's pages and exports: blind documents read back, Excel read back,
confirmation before closing, query counts, the API's results."""

import io

import pytest
from django.urls import reverse

from guongsang.contests import services
from guongsang.contests.models import Assignment, Contest, RoundEntry
from guongsang.contests.tests.factories import judged_contest, make_entry

AUTHOR = "Hoàng Thị Minh Nguyệt"


def _round_with_scores(world, n=4):
    contest, judges = judged_contest(world)
    rnd = contest.rounds.get(number=1)
    c1, c2 = contest.criteria.all()
    for i in range(n):
        entry = make_entry(
            contest,
            world.other_centre,
            title=f"Bài số {i}",
            authors=AUTHOR,
            text=f"Tác giả: {AUTHOR}\nNội dung bài số {i} kể về chị Liên ở trung tâm.",
            code=f"26-{i + 1:03d}",
        )
        RoundEntry.objects.create(round=rnd, entry=entry)
        for judge in judges[1:]:
            sheet = Assignment.objects.create(round=rnd, entry=entry, judge=judge)
            services.score_save(
                actor=judge, assignment=sheet, values={c1.pk: 9 - i, c2.pk: 8}, submit=True
            )
    return contest, rnd


def test_blind_docx_and_pdf_carry_no_author_or_unit(client, world):
    from docx import Document
    from pypdf import PdfReader

    contest, rnd = _round_with_scores(world, n=2)
    client.force_login(world.secretariat)
    docx = client.get(reverse("contests:export_blind", args=[contest.uuid, 1, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Số phách: 26-001" in text and "Nội dung bài số 1" in text
    assert AUTHOR not in text and world.other_centre.name not in text
    pdf = client.get(reverse("contests:export_blind", args=[contest.uuid, 1, "pdf"]))
    pages = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "26-002" in pages and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages
    assert AUTHOR not in pages and world.other_centre.name not in pages
    assert (
        client.get(reverse("contests:export_blind", args=[contest.uuid, 1, "exe"])).status_code
        == 404
    )


def test_scores_excel_has_both_rankings_and_the_calibration(client, world):
    from openpyxl import load_workbook

    contest, _ = _round_with_scores(world)
    client.force_login(world.secretariat)
    response = client.get(reverse("contests:export_scores", args=[contest.uuid, 1]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Xếp hạng", "Phiếu chấm", "Hiệu chuẩn giám khảo"]
    rows = list(book["Xếp hạng"].iter_rows(min_row=3, values_only=True))
    assert [r[2] for r in rows] == ["26-001", "26-002", "26-003", "26-004"]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"] and rows[0][6] == pytest.approx(8.6)
    assert book["Phiếu chấm"].max_row == 1 + 8


def test_round_page_needs_confirmation_and_shows_the_ranking(
    client, world, django_assert_num_queries
):
    contest, rnd = _round_with_scores(world, n=6)
    client.force_login(world.secretariat)
    url = reverse("contests:round", args=[contest.uuid, 1])
    with django_assert_num_queries(15):
        body = client.get(url).content.decode()
    assert "26-006" in body and "Hiệu chuẩn giám khảo" in body
    client.post(reverse("contests:round_close", args=[contest.uuid, 1]))
    rnd.refresh_from_db()
    assert not rnd.is_closed
    client.post(reverse("contests:round_close", args=[contest.uuid, 1]), {"confirm": "1"})
    rnd.refresh_from_db()
    assert rnd.is_closed and rnd.round_entries.filter(advanced=True).count() == 5


def test_contest_detail_lists_entries_without_a_query_per_row(
    client, world, django_assert_num_queries
):
    contest, _ = _round_with_scores(world, n=8)
    client.force_login(world.secretariat)
    with django_assert_num_queries(18):
        response = client.get(reverse("contests:detail", args=[contest.uuid]))
    assert response.status_code == 200 and "26-008" in response.content.decode()


def test_secretariat_creates_a_contest_and_officer_cannot(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("contests:create")).status_code == 403
    client.force_login(world.secretariat)
    response = client.post(
        reverse("contests:create"),
        {
            "name": "Cuộc thi viết 2027",
            "year": 2027,
            "level": "department",
            "submission_deadline": "31/08/2027",
            "min_words": 1000,
            "max_words": 3000,
            "advance_count": 5,
        },
    )
    contest = Contest.objects.get(year=2027)
    assert response.status_code == 302 and contest.organiser == world.dept
    assert contest.criteria.count() == 4 and contest.rounds.get().advance_count == 5


def test_results_api_is_closed_to_officers_until_published(client, world):
    contest, rnd = _round_with_scores(world)
    services.round_close(actor=world.secretariat, round=rnd)
    client.force_login(world.officer)
    url = f"/api/v1/contests/{contest.uuid}/results"
    assert client.get(url).status_code == 403
    services.contest_publish(actor=world.secretariat, contest=contest)
    rows = client.get(url).json()
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4"]
    assert AUTHOR not in str(rows)
    client.force_login(world.secretariat)
    assert client.get(url).status_code == 200


def test_commending_from_the_contest_page_drafts_a_decision_and_shows_its_number(client, world):
    import datetime as dt

    from guongsang.accounts.tests.factories import make_user
    from guongsang.contests.tests.factories import make_contest
    from guongsang.core.roles import Role
    from guongsang.decisions.models import Decision
    from guongsang.decisions.services import decision_sign

    contest = make_contest(world.dept, year=2023)
    entry = make_entry(contest, world.centre, code="23-001", author_person=world.person)
    client.force_login(world.officer)
    refused = client.post(
        reverse("contests:commend", args=[contest.uuid]), {"entries": [str(entry.uuid)]}
    )
    assert refused.status_code in {403, 404} and not Decision.objects.exists()
    client.force_login(world.secretariat)
    url = reverse("contests:commend", args=[contest.uuid])
    response = client.post(url, {"entries": [str(entry.uuid)], "note": "Giải Nhất"})
    draft = Decision.objects.get()
    assert response.url == reverse("decisions:detail", args=[draft.uuid])
    page = client.get(reverse("contests:detail", args=[contest.uuid])).content.decode()
    assert "Dự thảo quyết định" in page and "chờ ký" in page
    signer = make_user("giamdoc", role=Role.SIGNER, unit=world.dept)
    signed = decision_sign(actor=signer, decision=draft, on=dt.date(2023, 12, 20))
    page = client.get(reverse("contests:detail", args=[contest.uuid])).content.decode()
    assert f"Quyết định số {signed.full_number}" in page and "20/12/2023" in page
