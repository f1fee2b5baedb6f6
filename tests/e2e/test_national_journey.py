"""Up to the nation: the city's secretariat sends the national titles its council recommended
to the Central Board (outside the system), downloads the package ZIP, and records the Board's
decision through the form, picking the dossier of the one line the system could not match."""

import hashlib
import io
import json
import zipfile

import pytest
from django.utils import timezone

from guongsang.awards.models import Award
from guongsang.core.models import AuditEntry
from guongsang.decisions.tests.national import at_city, city_secretariat
from guongsang.people.tests.factories import make_person

from .support import no_sideways_scroll
from .test_outcome_journey import open_menu
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e
BOARD = "Ban Thi đua - Khen thưởng Trung ương"


def test_the_city_sends_a_package_to_the_board_and_records_its_decision(
    live_server, world, titles, page_for, shot
):
    year = timezone.localdate().year
    binh = make_person("Phạm Văn Bình", unit=world.centre)
    at_city(world, code="huan-chuong-lao-dong-hang-ba", year=year)
    pm = at_city(world, code="bang-khen-thu-tuong", person=binh, year=year)
    city_secretariat(world)

    page = page_for(*LAPTOP)
    login(page, live_server.url, "bantdkt")
    open_menu(page, "Khen thưởng", "Tờ trình cấp trên")
    page.get_by_role("link", name="Lập tờ trình").click()
    page.get_by_label("Lê Thị Bích Liên", exact=False).check()
    page.get_by_label("Phạm Văn Bình", exact=False).check()
    page.get_by_role("button", name="Lập dự thảo tờ trình").click()
    page.get_by_text("Đã lập dự thảo tờ trình.").wait_for()
    assert BOARD in page.locator(".gs-page-header").inner_text()
    page.get_by_role("link", name="Trình cấp trên").click()
    page.get_by_label("Họ và tên người ký tờ trình").fill("Lê Hồng Sơn")
    page.get_by_label("Tôi xác nhận trình").check()
    page.get_by_role("button", name="Trình", exact=True).click()
    page.get_by_text("Đã trình tờ trình số").wait_for()
    assert page.get_by_text("Cấp trên đang xét").count() == 2

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải gói hồ sơ (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["to"]["name"] == BOARD and manifest["state"] == "sent"
    assert sorted(i["name"] for i in manifest["items"]) == ["Lê Thị Bích Liên", "Phạm Văn Bình"]
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    assert {"to-trinh.docx", "to-trinh.pdf", "danh-sach.xlsx"} <= set(archive.namelist())
    assert sum(1 for f in manifest["files"] if f["kind"] == "report") == 2
    shot(page, "national-submission-1366x768")

    # The Board's decision comes back on paper: the secretariat types it in.
    page.get_by_role("link", name="Ghi nhận kết quả").click()
    chosen = page.get_by_label("Theo tờ trình").locator("option:checked").inner_text()
    assert chosen.startswith(manifest["number"])
    page.get_by_label("Cấp quyết định").fill("Chủ tịch nước")
    page.get_by_label("Số quyết định").fill("88/QĐ-CTN")
    page.get_by_label("Danh sách được khen").fill(
        "Lê Thị Bích Liên; Huân chương Lao động hạng Ba; Trung tâm Bảo trợ xã hội 1\n"
        "Phạm Bình; Bằng khen của Thủ tướng Chính phủ; Trung tâm Bảo trợ xã hội 1\n"
    )
    audited = AuditEntry.objects.count()
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    page.get_by_text("Đã ghi nhận Quyết định số 88/QĐ-CTN.").wait_for()
    assert page.get_by_text("1 dòng chưa gắn được với hồ sơ nào").is_visible()
    assert Award.objects.filter(person=world.person, decision_number="88/QĐ-CTN").exists()
    assert not Award.objects.filter(person=binh).exists()
    shot(page, "national-unmatched-1366x768")

    number = pm.submission_items.get().submission.full_number
    page.get_by_label("Hồ sơ tương ứng").select_option(
        label=f"Phạm Văn Bình — Bằng khen của Thủ tướng Chính phủ {year} ({number})"
    )
    page.get_by_role("button", name="Gắn hồ sơ").click()
    page.get_by_text("Đã gắn “Phạm Bình” với hồ sơ.").wait_for()
    assert page.get_by_text("Đã gắn thủ công").is_visible()
    award = Award.objects.get(person=binh)
    assert award.decision_number == "88/QĐ-CTN" and award.title.code == "bang-khen-thu-tuong"
    assert AuditEntry.objects.count() > audited
    shot(page, "national-outcome-1366x768")

    phone = page_for(*PHONE)
    login(phone, live_server.url, "bantdkt")
    phone.goto(page.url)
    no_sideways_scroll(phone)
    shot(phone, "national-outcome-390x844")
    phone.get_by_role("link", name="Kết quả từ cấp trên").click()
    phone.get_by_role("link", name="Ghi nhận kết quả").click()
    no_sideways_scroll(phone)
    shot(phone, "national-outcome-form-390x844")

    # The public check of the award's code shows it.
    page.get_by_role("link", name=award.outside_line.grouped_code).click()
    assert "Phạm Văn Bình" in page.content() and "88/QĐ-CTN" in page.content()
