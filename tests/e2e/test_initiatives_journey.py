"""A unit officer registers an initiative with its authors and evidence; the secretariat
records the initiative council's finding; the register filters by recognised scope."""

import datetime as dt

import pytest
from django.utils import timezone

from guongsang.initiatives.models import Initiative, Scope, Status
from guongsang.people.tests.factories import make_person

from .support import no_sideways_scroll, pick
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Sổ theo dõi đối tượng bảo trợ xã hội điện tử"


def test_an_initiative_is_registered_and_recognised(live_server, world, page_for, shot, tmp_path):
    co_author = make_person("Phạm Thu Hà", unit=world.centre, female=True)
    evidence = tmp_path / "bao-cao-ap-dung.pdf"
    evidence.write_bytes(PDF)
    today = timezone.localdate()
    registered = today - dt.timedelta(days=10)

    officer = page_for(*LAPTOP)
    login(officer, live_server.url, "canbo")
    nav = officer.get_by_role("navigation", name="Menu chính")
    nav.get_by_role("button", name="Khen thưởng").click()
    nav.get_by_role("link", name="Sổ sáng kiến").click()
    officer.get_by_role("link", name="Đăng ký sáng kiến").click()
    officer.get_by_label("Tên sáng kiến").fill(TITLE)
    officer.get_by_label("Lĩnh vực").select_option(label="Giải pháp quản lý")
    officer.get_by_label("Ngày bắt đầu áp dụng").fill(f"{today.year - 1}-03-01")
    officer.get_by_label("Ngày đăng ký").fill(registered.isoformat())
    officer.get_by_label("Mô tả sáng kiến").fill("Thay sổ giấy bằng bảng tra cứu dùng chung.")
    officer.locator("#id_author_1-ts-control").wait_for()
    pick(officer, "Tác giả 1", "le thi bich", world.person.full_name)
    officer.get_by_label("Tỷ lệ đóng góp của tác giả 1 (%)").fill("60")
    pick(officer, "Tác giả 2", "pham thu ha", co_author.full_name)
    officer.get_by_label("Tỷ lệ đóng góp của tác giả 2 (%)").fill("30")
    officer.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    officer.get_by_role("button", name="Đăng ký", exact=True).click()
    # 60 + 30 is not the whole initiative: refused, nothing written.
    officer.get_by_text("phải bằng 100% (đang là 90%)").wait_for()
    assert not Initiative.objects.exists()
    officer.get_by_label("Tỷ lệ đóng góp của tác giả 2 (%)").fill("40")
    officer.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    officer.get_by_role("button", name="Đăng ký", exact=True).click()
    officer.get_by_text(f"Đã đăng ký sáng kiến “{TITLE}”.").wait_for()
    initiative = Initiative.objects.get()
    assert initiative.evidence.get().original_name == "bao-cao-ap-dung.pdf"
    assert officer.get_by_role("link", name="bao-cao-ap-dung.pdf").is_visible()
    # An officer does not record the council's finding.
    assert officer.get_by_role("button", name="Ghi kết quả").count() == 0

    secretariat = page_for(*LAPTOP)
    login(secretariat, live_server.url, "thuongtruc")
    secretariat.goto(f"{live_server.url}/sang-kien/")
    secretariat.get_by_role("link", name=TITLE).click()
    secretariat.get_by_label("Hội đồng sáng kiến").fill("Hội đồng sáng kiến Sở")
    secretariat.get_by_label("Điểm đánh giá (0–100)").fill("86.5")
    secretariat.get_by_label("Kết quả").select_option(label="Công nhận")
    secretariat.get_by_label("Phạm vi công nhận").select_option(label="Cơ sở")
    secretariat.get_by_label("Số quyết định").fill("15/QĐ-SLĐTBXH")
    secretariat.get_by_label("Ngày quyết định").fill(today.isoformat())
    secretariat.get_by_role("button", name="Ghi kết quả").click()
    secretariat.get_by_text("Đã ghi kết quả đánh giá của hội đồng sáng kiến.").wait_for()
    initiative.refresh_from_db()
    assert (initiative.status, initiative.scope) == (Status.RECOGNISED, Scope.BASE)
    assert secretariat.get_by_text("Đã công nhận, phạm vi Cơ sở").is_visible()
    shot(secretariat, "initiative-detail-1366x768")

    # The register, filtered: recognised at city scope or wider → none; at the base → it.
    secretariat.get_by_role("link", name="Sổ sáng kiến").first.click()
    secretariat.get_by_label("Phạm vi công nhận từ").select_option(label="Thành phố")
    secretariat.get_by_role("button", name="Lọc").click()
    secretariat.get_by_text("Không có sáng kiến nào khớp điều kiện lọc.").wait_for()
    secretariat.get_by_label("Phạm vi công nhận từ").select_option(label="Cơ sở")
    secretariat.get_by_role("button", name="Lọc").click()
    secretariat.get_by_role("link", name=TITLE).wait_for()
    shot(secretariat, "initiative-register-1366x768")

    phone = page_for(*PHONE)
    login(phone, live_server.url, "thuongtruc")
    phone.goto(f"{live_server.url}/sang-kien/")
    phone.get_by_role("link", name=TITLE).wait_for()
    no_sideways_scroll(phone)
    shot(phone, "initiative-register-390x844")
    phone.get_by_role("link", name=TITLE).click()
    phone.get_by_text("Đã công nhận, phạm vi Cơ sở").wait_for()
    no_sideways_scroll(phone)
    shot(phone, "initiative-detail-390x844")
