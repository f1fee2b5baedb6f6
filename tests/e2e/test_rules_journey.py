"""An officer opens a dossier and reads the quota with both its numbers, and the earlier
dossier whose deed it repeats, side by side; the secretariat records a discipline, and the
person's dossier is refused with the reason."""

import pytest

from guongsang.awards.services import award_record
from guongsang.nominations.models import Dossier
from guongsang.nominations.services import dossier_create
from guongsang.nominations.tests.test_rules import EARLIER, REWORDED
from guongsang.people.tests.factories import letters, make_person

from .support import fill_dossier, open_new_dossier, pick
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _history(world, titles) -> None:
    """20 Lao động tiên tiến of 2024 on record in the centre (world.person among them), 2
    Chiến sĩ thi đua cơ sở; an earlier dossier of world.person telling the same deed."""
    people = [world.person] + [
        make_person(f"Cán bộ {letters(i)}", unit=world.centre) for i in range(19)
    ]
    for person in people:
        award_record(
            actor=None,
            title=titles["lao-dong-tien-tien"],
            year=2024,
            unit=world.centre,
            person=person,
        )
    for person in people[1:3]:
        award_record(
            actor=None,
            title=titles["chien-si-thi-dua-co-so"],
            year=2024,
            unit=world.centre,
            person=person,
        )
    dossier_create(
        actor=None,
        unit=world.centre,
        title=titles["nguoi-tot-viec-tot-co-so"],
        year=2022,
        person=world.person,
        summary=EARLIER,
    )


def test_an_officer_reads_the_quota_and_the_repeated_deed_on_the_dossier(
    live_server, world, titles, page_for, shot, tmp_path
):
    _history(world, titles)
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(PDF)
    officer = page_for(*LAPTOP)
    login(officer, live_server.url, "canbo")
    open_new_dossier(officer, value=str(titles["chien-si-thi-dua-co-so"].pk))
    fill_dossier(
        officer,
        year="2024",
        person=world.person.full_name,
        summary=REWORDED,
        report="Có sáng kiến được công nhận.",
        votes_for="18",
        present="20",
        minutes=str(minutes),
    )

    # 15% × 20 = 3 allowed; 2 awarded + this one = 3: within the quota, both numbers shown.
    quota = officer.get_by_test_id("finding-quota_info")
    assert "20 “Lao động tiên tiến” năm 2024 (20 đã được tặng, 0 hồ sơ đang đề nghị)" in (
        quota.inner_text()
    )
    assert "tối đa 3" in quota.inner_text()
    assert "hiện có 3 (2 đã được tặng, 1 hồ sơ đang đề nghị" in quota.inner_text()
    pair = officer.get_by_test_id("text-pair")
    assert "năm 2022" in pair.inner_text()
    assert pair.locator("mark").count() >= 2
    assert "song Hong" in pair.inner_text() and "sông Hồng" in pair.inner_text()
    shot(officer, "rules-dossier-1366x768")

    phone = page_for(*PHONE)
    login(phone, live_server.url, "canbo")
    phone.goto(f"{live_server.url}/ho-so/{Dossier.objects.get(year=2024).uuid}/")
    phone.get_by_test_id("text-pair").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "rules-dossier-390x844")


def test_the_secretariat_records_a_discipline_and_the_dossier_is_refused(
    live_server, world, titles, page_for, shot
):
    dossier = dossier_create(
        actor=None,
        unit=world.centre,
        title=titles["giay-khen-giam-doc-so"],
        year=2024,
        person=world.person,
        summary="Hoàn thành xuất sắc nhiệm vụ.",
    )
    secretariat = page_for(*LAPTOP)
    login(secretariat, live_server.url, "thuongtruc")
    menu = secretariat.get_by_role("navigation", name="Menu chính")
    menu.get_by_role("button", name="Khen thưởng").click()
    menu.get_by_role("link", name="Kỷ luật").click()
    secretariat.get_by_role("link", name="Ghi quyết định kỷ luật").click()
    secretariat.get_by_label("Đối tượng bị kỷ luật").select_option("person")
    secretariat.locator("#id_person-ts-control").wait_for()
    pick(secretariat, "Cá nhân", "le thi bich lien", world.person.full_name)
    secretariat.get_by_label("Hình thức kỷ luật").select_option(label="Khiển trách")
    secretariat.get_by_label("Số quyết định").fill("12/QĐ-SLĐTBXH")
    secretariat.get_by_label("Ngày quyết định").fill("2024-03-01")
    secretariat.get_by_label("Thi hành từ ngày").fill("2024-03-01")
    secretariat.get_by_role("button", name="Ghi", exact=True).click()
    secretariat.get_by_text("Đã ghi quyết định kỷ luật.").wait_for()
    assert "12/QĐ-SLĐTBXH" in secretariat.content()
    shot(secretariat, "rules-discipline-list-1366x768")
    phone = page_for(*PHONE)
    login(phone, live_server.url, "thuongtruc")
    phone.goto(f"{live_server.url}/ky-luat/ghi/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "rules-discipline-form-390x844")

    officer = page_for(*LAPTOP)
    login(officer, live_server.url, "canbo")
    officer.goto(f"{live_server.url}/ho-so/{dossier.uuid}/")
    refusal = officer.get_by_test_id("finding-discipline")
    assert "Khiển trách" in refusal.inner_text()
    assert "trong thời gian thi hành kỷ luật" in refusal.inner_text()
