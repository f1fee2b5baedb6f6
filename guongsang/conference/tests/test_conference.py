import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from guongsang.conference import documents, services
from guongsang.conference.models import Conference
from guongsang.conference.tests.factories import make_award, make_conference
from guongsang.core.documents import docx_bytes, docx_document
from guongsang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(world, titles):
    conference = make_conference(world.dept)
    services.guest_add(
        actor=world.secretariat,
        conference=conference,
        full_name="Bạch Liên Hương",
        role="Giám đốc Sở",
        organisation="Sở Lao động - Thương binh và Xã hội",
    )
    services.item_add(
        actor=world.secretariat,
        conference=conference,
        starts_at=dt.time(8, 0),
        title="Khai mạc hội nghị",
        speaker="Bạch Liên Hương",
    )
    services.item_add(
        actor=world.secretariat,
        conference=conference,
        starts_at=dt.time(9, 0),
        title="Báo cáo điển hình",
        speaker="Lê Thị Bích Liên",
    )
    awards = [
        make_award(unit=world.centre, person=world.person),
        make_award(unit=world.centre),
    ]
    services.honourees_add(actor=world.secretariat, conference=conference, awards=awards)
    return conference


def test_honourees_come_from_awards_and_are_not_added_twice(world, conference):
    award = conference.honourees.first().award
    assert services.honourees_add(actor=None, conference=conference, awards=[award]) == 0
    assert conference.honourees.count() == 2


def test_an_award_of_another_department_cannot_be_honoured(world, titles):
    from guongsang.org.tests.factories import make_unit

    other_dept = make_unit("Sở Y tế", parent=world.city)
    conference = make_conference(other_dept)
    award = make_award(unit=world.centre, person=world.person)
    with pytest.raises(ValidationError):
        services.honourees_add(actor=None, conference=conference, awards=[award])
    assert conference.honourees.count() == 0


def test_a_programme_item_before_the_opening_is_refused(world, conference):
    with pytest.raises(ValidationError):
        services.item_add(actor=None, conference=conference, starts_at=dt.time(7, 0), title="Đón")
    assert conference.items.count() == 2


def test_changes_are_in_the_audit_log(world, conference):
    entries = AuditEntry.objects.filter(object_id=str(conference.uuid))
    assert entries.filter(action="create").count() == 1
    assert entries.filter(action="update").count() == 4


def test_a_report_is_read_from_an_uploaded_docx(world, conference):
    document = docx_document()
    document.add_paragraph("Hơn mười năm chăm sóc nạn nhân chất độc da cam.")
    upload = SimpleUploadedFile("bao-cao.docx", docx_bytes(document))
    report = services.report_add(
        actor=None,
        conference=conference,
        speaker="Lê Thị Bích Liên",
        title="Tham luận",
        upload=upload,
    )
    assert "chất độc da cam" in report.body and report.source_name == "bao-cao.docx"
    with pytest.raises(ValidationError):
        services.report_add(
            actor=None,
            conference=conference,
            speaker="X",
            title="Y",
            upload=SimpleUploadedFile("a.pdf", b"%PDF"),
        )


def test_programme_docx_has_items_guests_and_pdf_keeps_diacritics(world, conference):
    conference = Conference.objects.get(pk=conference.pk)
    text = "\n".join(
        p.text for p in Document(io.BytesIO(documents.programme_docx(conference))).paragraphs
    )
    body = Document(io.BytesIO(documents.programme_docx(conference)))
    cells = " ".join(c.text for t in body.tables for row in t.rows for c in row.cells)
    assert "Bạch Liên Hương, Giám đốc Sở" in text
    assert "Khai mạc hội nghị" in cells and "09:00" in cells
    pdf = PdfReader(io.BytesIO(documents.render_pdf(conference, "chuong-trinh")))
    pdf_text = "".join(page.extract_text() for page in pdf.pages)
    assert "CHƯƠNG TRÌNH" in pdf_text and "Báo cáo điển hình" in pdf_text
    assert "Bạch Liên Hương" in pdf_text


def test_honourees_list_and_cards(world, conference):
    body = Document(io.BytesIO(documents.honourees_docx(conference)))
    cells = " ".join(c.text for t in body.tables for row in t.rows for c in row.cells)
    assert "Lê Thị Bích Liên" in cells and world.centre.name in cells
    pdf_text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(documents.render_pdf(conference, "danh-sach"))).pages
    )
    pdf_text = pdf_text.replace("-\n", "-").replace("\n", " ")  # cells wrap their lines
    assert "Lê Thị Bích Liên" in pdf_text and "1234/QĐ-SLĐTBXH" in pdf_text
    cards = PdfReader(io.BytesIO(documents.render_pdf(conference, "bien-ten")))
    assert len(cards.pages) == 3  # one guest, two honourees
    width, height = cards.pages[0].mediabox.width, cards.pages[0].mediabox.height
    assert width > height  # A4 landscape
    cards_docx = Document(io.BytesIO(documents.cards_docx(conference)))
    assert "Bạch Liên Hương" in "\n".join(p.text for p in cards_docx.paragraphs)


def test_secretariat_manages_leader_reads_officer_is_refused(client, world, conference):
    detail = reverse("conference:detail", args=[conference.uuid])
    client.force_login(world.leader)
    assert client.get(detail).status_code == 200
    assert client.get(reverse("conference:edit", args=[conference.uuid])).status_code == 403
    client.force_login(world.officer)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("conference:list")).status_code == 403
    client.force_login(world.secretariat)
    response = client.post(
        reverse("conference:item_add", args=[conference.uuid]),
        {"starts_at": "10:00", "title": "Trao tặng danh hiệu", "speaker": "Lãnh đạo Sở"},
    )
    assert response.status_code == 302 and conference.items.count() == 3


def test_create_then_pick_honourees_through_the_pages(client, world, titles):
    award = make_award(unit=world.centre, person=world.person)
    client.force_login(world.secretariat)
    response = client.post(
        reverse("conference:create"),
        {
            "name": "Hội nghị biểu dương",
            "organiser": world.dept.uuid,
            "held_on": "23/09/2022",
            "starts_at": "08:00",
            "place": "Hà Nội",
            "award_year": 2022,
        },
    )
    assert response.status_code == 302
    conference = Conference.objects.get()
    pick = reverse("conference:honourees_pick", args=[conference.uuid])
    page = client.get(pick, {"year": 2022, "decision_number": "1234/QĐ-SLĐTBXH"}).content.decode()
    assert "Lê Thị Bích Liên" in page
    # a link saved with the old names opens the same choice
    old = client.get(f"{pick}?nam=2022&so_qd=1234%2FQ%C4%90-SL%C4%90TBXH", follow=True)
    new = f"{pick}?year=2022&decision_number=1234%2FQ%C4%90-SL%C4%90TBXH"
    assert old.redirect_chain == [(new, 301)] and "Lê Thị Bích Liên" in old.content.decode()
    client.post(pick, {"award": [award.pk]})
    assert list(conference.honourees.values_list("award_id", flat=True)) == [award.pk]
    response = client.get(
        reverse("conference:document", args=[conference.uuid, "danh-sach", "docx"])
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd")


def test_current_item_is_the_last_started_on_the_day(world, conference):
    from guongsang.conference.selectors import current_item_index

    day = conference.held_on
    assert current_item_index(conference, dt.datetime.combine(day, dt.time(8, 30))) == 0
    assert current_item_index(conference, dt.datetime.combine(day, dt.time(9, 5))) == 1
    assert current_item_index(conference, dt.datetime.combine(day, dt.time(7, 0))) is None
    assert current_item_index(conference, dt.datetime(2022, 9, 24, 9, 0)) is None


def test_day_page_highlights_now_and_is_public_only_when_marked(client, world, titles):
    from django.utils import timezone

    conference = make_conference(world.dept, held_on=timezone.localdate(), starts_at=None)
    services.item_add(
        actor=None, conference=conference, starts_at=dt.time(0, 0), title="Đón đại biểu"
    )
    services.item_add(actor=None, conference=conference, starts_at=dt.time(23, 59), title="Bế mạc")
    url = reverse("conference:day", args=[conference.uuid])
    assert client.get(url).status_code == 404  # anonymous, not public
    client.force_login(world.leader)
    body = client.get(url).content.decode()
    assert 'aria-current="true"' in body and "Đang diễn ra" in body
    client.logout()
    services.conference_update(actor=None, conference=conference, is_public=True)
    assert "Đón đại biểu" in client.get(url).content.decode()


def test_api_lists_and_details_conferences_in_scope(client, world, conference):
    client.force_login(world.leader)
    listed = client.get("/api/v1/conferences").json()
    assert [c["id"] for c in listed["items"]] == [str(conference.uuid)]
    detail = client.get(f"/api/v1/conferences/{conference.uuid}").json()
    assert len(detail["honourees"]) == 2 and detail["programme"][0]["title"] == "Khai mạc hội nghị"
    client.force_login(world.officer)
    assert client.get(f"/api/v1/conferences/{conference.uuid}").status_code == 404


def test_list_and_detail_pages_do_not_query_per_row(
    client, world, conference, django_assert_num_queries
):
    for n in range(3):
        make_conference(world.dept, name=f"Hội nghị số {n}")
    awards = [make_award(unit=world.centre) for _ in range(10)]
    services.honourees_add(actor=None, conference=conference, awards=awards)
    client.force_login(world.secretariat)
    with django_assert_num_queries(5):
        assert client.get(reverse("conference:list")).status_code == 200
    with django_assert_num_queries(10):
        body = client.get(reverse("conference:detail", args=[conference.uuid])).content.decode()
    assert body.count('name="honouree"') == 12
    with django_assert_num_queries(9):
        assert client.get(reverse("conference:day", args=[conference.uuid])).status_code == 200


def test_the_reports_are_compiled_one_a_page(world, conference):
    for speaker, title in (("Lê Thị Bích Liên", "Tận tụy"), ("Nguyễn Thị Bích Thủy", "Dạy nghề")):
        services.report_add(
            actor=None,
            conference=conference,
            speaker=speaker,
            title=title,
            body="Đoạn một của bài.\nĐoạn hai: “Người tốt, việc tốt”.",
        )
    pdf = PdfReader(io.BytesIO(documents.render_pdf(conference, "tham-luan")))
    assert len(pdf.pages) == 3 and "Nguyễn Thị Bích Thủy" in pdf.pages[2].extract_text()
    docx = Document(io.BytesIO(documents.render_docx(conference, "tham-luan")))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "TẬN TỤY" in text and "Đoạn hai: “Người tốt, việc tốt”." in text


def test_the_organiser_is_found_by_typing_and_kept_when_editing(client, world):
    url = reverse("conference:pick_organiser")
    client.force_login(world.secretariat)
    found = client.get(url, {"q": "so lao dong"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.dept.uuid)]
    assert f'data-picker="{url}"' in client.get(reverse("conference:create")).content.decode()
    conference = make_conference(world.dept, name="Hội nghị điển hình tiên tiến")
    edit = client.get(reverse("conference:edit", args=[conference.uuid])).content.decode()
    assert f'value="{world.dept.uuid}" selected' in edit
    client.force_login(world.officer)
    assert client.get(url, {"q": "so lao dong"}).status_code == 403
