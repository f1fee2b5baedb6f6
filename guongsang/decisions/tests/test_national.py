"""The city forwards national titles to the Central Board outside the installation as a package
(ZIP with a manifest of checksums), and records the Board's decision when it comes back."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.awards.models import Award
from guongsang.core.models import AuditEntry
from guongsang.decisions import outcomes, package, selectors, services
from guongsang.decisions.models import OutsideDecision, SubmissionState
from guongsang.decisions.outcomes import LineIn
from guongsang.decisions.tests.factories import recommended
from guongsang.decisions.tests.national import at_city, city_secretariat
from guongsang.nominations.models import Notification
from guongsang.nominations.services import dossier_transition
from guongsang.people.tests.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
MEDAL = "huan-chuong-lao-dong-hang-ba"
PM = "bang-khen-thu-tuong"


def _sent_to_board(world):
    medal = at_city(world, code=MEDAL)
    world.binh = make_person("Phạm Văn Bình", unit=world.centre)
    pm = at_city(world, code=PM, person=world.binh)
    secretariat = city_secretariat(world)
    draft = services.submission_draft(actor=secretariat, authority=world.city, dossiers=[medal, pm])
    sent = services.submission_send(
        actor=secretariat, submission=draft, on=dt.date(2024, 4, 2), signer_name="Lê Hồng Sơn"
    )
    return sent, medal, pm


def test_the_city_sends_national_titles_to_the_central_board(world):
    sent, medal, _pm = _sent_to_board(world)
    assert sent.state == SubmissionState.SENT
    assert sent.to_unit.name == "Ban Thi đua - Khen thưởng Trung ương"
    assert sent.to_unit.parent is None
    medal.refresh_from_db()
    assert "Ban Thi đua - Khen thưởng Trung ương" in medal.outcome_note
    labels = [selectors.item_outcome_label(i) for i in selectors.submission_items(sent)]
    assert labels == ["Cấp trên đang xét", "Cấp trên đang xét"]


def test_the_forward_button_at_the_top_says_to_write_a_submission(world):
    medal = at_city(world, code=MEDAL)
    with pytest.raises(ValidationError, match="hãy lập tờ trình"):
        dossier_transition(actor=city_secretariat(world), dossier=medal, action="forward")


def test_the_package_zip_carries_every_file_with_its_checksum(world):
    sent, _medal, _pm = _sent_to_board(world)
    archive = zipfile.ZipFile(io.BytesIO(package.package_zip(sent)))
    manifest = json.loads(archive.read("manifest.json"))
    names = set(archive.namelist()) - {"manifest.json"}
    assert {f["path"] for f in manifest["files"]} == names
    for entry in manifest["files"]:
        content = archive.read(entry["path"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["size"]
    kinds = sorted(f["kind"] for f in manifest["files"])
    assert kinds == ["list", "report", "report", "submission", "submission"]
    assert manifest["to"]["name"] == "Ban Thi đua - Khen thưởng Trung ương"
    assert sorted(i["name"] for i in manifest["items"]) == ["Lê Thị Bích Liên", "Phạm Văn Bình"]

    from docx import Document

    report = next(f["path"] for f in manifest["files"] if f["kind"] == "report")
    text = "\n".join(p.text for p in Document(io.BytesIO(archive.read(report))).paragraphs)
    assert "BÁO CÁO THÀNH TÍCH" in text and "98/2023/NĐ-CP" in text
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text


def test_an_outside_decision_is_matched_recorded_and_checkable(world):
    sent, medal, pm = _sent_to_board(world)
    secretariat = city_secretariat(world)
    audited = AuditEntry.objects.count()
    decision = outcomes.outside_decision_record(
        actor=secretariat,
        recorded_by=world.city,
        authority="Chủ tịch nước",
        number="1234/QĐ-CTN",
        decision_date=dt.date(2024, 6, 1),
        lines=[
            LineIn(name="LE THI BICH LIEN", title="Huân chương Lao động hạng Ba"),
            LineIn(name="Phạm Văn Binh Ba", title="Bằng khen của Thủ tướng Chính phủ"),
        ],
    )
    first, second = selectors.outside_lines(decision)
    assert first.item.dossier == medal and second.item is None
    award = first.award
    assert award.person == world.person and award.title.code == MEDAL
    assert award.decision_number == "1234/QĐ-CTN" and award.year == 2024
    # The department's dossier, forwarded to the city, hears it too.
    lower = medal.forwarded_from
    lower.refresh_from_db()
    assert "1234/QĐ-CTN" in lower.outcome_note
    assert Notification.objects.filter(dossier=lower, user=world.officer).exists()
    found = selectors.certificate_lookup(first.certificate_code)
    assert found["recipient_name"] == "Lê Thị Bích Liên" and found["authority"] == "Chủ tịch nước"

    outcomes.outside_line_resolve(actor=secretariat, line=second, item=pm.submission_items.get())
    second.refresh_from_db()
    assert second.award.person == world.binh and second.resolved_by == secretariat
    package_items = selectors.submission_package(sent)["items"]
    assert [i["outcome"]["status"] for i in package_items] == ["conferred", "conferred"]
    logged = set(
        AuditEntry.objects.order_by("pk")[audited:].values_list("object_type", "object_id")
    )
    for obj in (decision, first, second, first.award, second.award, medal, lower):
        assert (obj._meta.label_lower, str(getattr(obj, "uuid", obj.pk))) in logged, obj
    with pytest.raises(ValidationError, match="đã được gắn"):
        outcomes.outside_line_resolve(
            actor=secretariat, line=second, item=pm.submission_items.get()
        )


def test_a_bad_outcome_changes_nothing(world):
    _sent_to_board(world)
    secretariat = city_secretariat(world)
    before = (Award.objects.count(), OutsideDecision.objects.count())
    with pytest.raises(ValidationError, match="danh hiệu, hình thức"):
        outcomes.outside_decision_record(
            actor=secretariat,
            recorded_by=world.city,
            authority="Chủ tịch nước",
            number="1/QĐ-CTN",
            decision_date=dt.date(2024, 6, 1),
            lines=[
                LineIn(name="Lê Thị Bích Liên", title="Huân chương Lao động hạng Ba"),
                LineIn(name="Phạm Văn Bình", title=""),
            ],
        )
    with pytest.raises(PermissionDenied):
        outcomes.outside_decision_record(
            actor=world.secretariat,
            recorded_by=world.city,
            authority="Chủ tịch nước",
            number="1/QĐ-CTN",
            decision_date=dt.date(2024, 6, 1),
            lines=[LineIn(name="Lê Thị Bích Liên", title="Huân chương Lao động hạng Ba")],
        )
    assert (Award.objects.count(), OutsideDecision.objects.count()) == before


# --- the pages ------------------------------------------------------------------------------


def test_the_outcome_form_refuses_a_line_without_a_title_and_writes_nothing(world, client):
    from django.urls import reverse

    _sent_to_board(world)
    client.force_login(city_secretariat(world))
    response = client.post(
        reverse("decisions:outcome_create"),
        {
            "recorded_by": str(world.city.uuid),
            "authority": "Chủ tịch nước",
            "number": "5/QĐ-CTN",
            "decision_date": "01/06/2024",
            "lines": "Lê Thị Bích Liên; Huân chương Lao động hạng Ba\nPhạm Văn Bình",
        },
    )
    assert response.status_code == 200
    assert "Dòng 2: ghi “Họ và tên; Danh hiệu, hình thức; Đơn vị”." in response.content.decode()
    assert not OutsideDecision.objects.exists() and not Award.objects.exists()


def test_an_officer_cannot_open_the_outcome_pages(world, client):
    from django.urls import reverse

    client.force_login(world.officer)
    assert client.get(reverse("decisions:outcomes")).status_code == 403
    assert client.get(reverse("decisions:outcome_create")).status_code == 403


def test_the_outcome_list_takes_a_fixed_number_of_queries(
    world, client, django_assert_max_num_queries
):
    from django.urls import reverse

    _sent_to_board(world)
    secretariat = city_secretariat(world)
    for n in range(3):
        outcomes.outside_decision_record(
            actor=secretariat,
            recorded_by=world.city,
            authority="Thủ tướng Chính phủ",
            number=f"{n + 1}/QĐ-TTg",
            decision_date=dt.date(2024, 6, 1),
            lines=[LineIn(name=f"Người {n}", title="Bằng khen")],
        )
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("decisions:outcomes"))
    assert page.status_code == 200 and "3/QĐ-TTg" in page.content.decode()


def test_a_collectives_report_uses_the_collective_form(world):
    import io

    from docx import Document

    from guongsang.decisions.tests.factories import recommended_collective

    dossier = recommended_collective(world, code="co-thi-dua-chinh-phu", year=2024)
    text = "\n".join(
        p.text for p in Document(io.BytesIO(package.achievement_report_docx(dossier))).paragraphs
    )
    assert "(Dùng cho tập thể)" in text and "I. ĐẶC ĐIỂM, TÌNH HÌNH" in text
    assert f"- Tên tập thể: {world.centre.name}" in text and "SƠ LƯỢC LÝ LỊCH" not in text


def test_the_citys_dossier_page_offers_no_forward_button(world, client):
    from django.urls import reverse

    medal = at_city(world, code=MEDAL)
    client.force_login(city_secretariat(world))
    page = client.get(reverse("nominations:detail", args=[medal.uuid])).content.decode()
    assert "Huân chương Lao động hạng Ba" in page and "Trình cấp trên" not in page
    # The department's page still has it, for a dossier its council recommended.
    lower = recommended(world, code=MEDAL, year=2023)
    client.force_login(world.secretariat)
    page = client.get(reverse("nominations:detail", args=[lower.uuid])).content.decode()
    assert "Trình cấp trên" in page


def test_the_outcome_form_opens_on_its_submission_even_from_an_old_link(world, client):
    from django.urls import reverse

    sent, _medal, _pm = _sent_to_board(world)
    client.force_login(city_secretariat(world))
    url = reverse("decisions:outcome_create")
    form = client.get(f"{url}?submission={sent.uuid}").context["form"]
    assert str(form["submission"].value()) == str(sent.uuid)
    old = client.get(f"{url}?to_trinh={sent.uuid}", follow=True)
    assert old.redirect_chain == [(f"{url}?submission={sent.uuid}", 301)]
    assert str(old.context["form"]["submission"].value()) == str(sent.uuid)
