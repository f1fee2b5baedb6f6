"""A citizen sends a tip from the public Vườn hoa; the secretariat accepts it and turns it
into a draft nomination. The public pages are looked at on a phone and a laptop."""

import pytest

from guongsang.nominations.models import Dossier
from guongsang.showcase.models import Tip, TipStatus
from guongsang.showcase.tests.factories import make_story

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways"


def test_a_citizen_tip_becomes_a_draft_nomination(live_server, world, titles, page_for, shot):
    citizen = page_for(*PHONE)
    citizen.goto(f"{live_server.url}/vuon-hoa/")
    citizen.get_by_role("link", name="Báo tin việc tốt").first.click()
    citizen.get_by_role("textbox", name="Người / tập thể làm việc tốt", exact=True).fill(
        "Chị Lê Thị Bích Liên"
    )
    citizen.get_by_role("textbox", name="Ở đâu", exact=True).fill("Trung tâm Bảo trợ xã hội 1")
    citizen.get_by_role("textbox", name="Việc tốt", exact=True).fill(
        "Thức trắng đêm chăm sóc một cụ bà ốm nặng."
    )
    citizen.get_by_role("textbox", name="Họ tên người báo tin", exact=True).fill("Phạm Văn Khải")
    citizen.get_by_role("textbox", name="Điện thoại hoặc email người báo tin", exact=True).fill(
        "0983111222"
    )
    citizen.get_by_label("Tôi đồng ý").check()
    _no_sideways_scroll(citizen)
    shot(citizen, "showcase-tip-form-390x844")
    citizen.wait_for_timeout(4500)  # a person takes longer than the form's minimum fill time
    citizen.get_by_role("button", name="Gửi tin báo").click()
    citizen.get_by_text("Cảm ơn bạn đã báo tin!").wait_for()
    tip = Tip.objects.get()
    assert citizen.get_by_test_id("tip-reference").inner_text() == tip.reference
    shot(citizen, "showcase-tip-thanks-390x844")
    assert tip.status == TipStatus.NEW and tip.tipster_contact == "0983111222"

    office = page_for(*LAPTOP)
    login(office, live_server.url, "thuongtruc")
    office.goto(f"{live_server.url}/vuon-hoa/quan-ly/tin-bao/")
    assert "0983111222" not in office.content() and "098****222" in office.content()
    office.get_by_role("link", name="Chị Lê Thị Bích Liên").click()
    office.get_by_role("button", name="Xem thông tin liên hệ (được ghi nhật ký)").click()
    office.locator("#tipster-contact").wait_for()
    assert office.locator("#tipster-contact").inner_text() == "0983111222"
    office.get_by_role("button", name="Tiếp nhận").click()
    office.get_by_text("Đã tiếp nhận tin báo.").wait_for()
    tip.refresh_from_db()
    assert tip.status == TipStatus.ACCEPTED
    shot(office, "showcase-tip-detail-1366x768")
    office.get_by_role("link", name="Lập hồ sơ đề nghị").click()
    office.get_by_role("combobox", name="Đơn vị đề nghị").select_option(str(world.centre.uuid))
    office.get_by_role("combobox", name="Danh hiệu đề nghị").select_option(
        "nguoi-tot-viec-tot-co-so"
    )
    office.get_by_role("spinbutton", name="Năm").fill("2024")
    office.get_by_role("combobox", name="Cá nhân được đề nghị").select_option(
        str(world.person.uuid)
    )
    office.get_by_role("button", name="Lập hồ sơ (bản nháp)").click()
    office.get_by_text("Đã lập hồ sơ đề nghị (bản nháp) từ tin báo.").wait_for()
    dossier = Dossier.objects.get()
    tip.refresh_from_db()
    assert tip.dossier == dossier and dossier.state == "draft"
    assert dossier.person == world.person and dossier.unit == world.centre
    assert f"/ho-so/{dossier.uuid}/" in office.url


@pytest.mark.parametrize(("width", "height"), [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_public_pages_fit_the_screen(live_server, world, page_for, shot, width, height):
    for n in range(4):
        make_story(
            f"Người tốt, việc tốt số {n + 1}: chăm sóc các cháu nạn nhân da cam",
            unit=world.centre,
            person=world.person,
            featured=n < 2,
            summary="Chị tận tụy chăm sóc, phục hồi chức năng cho các cháu.",
            body="Đoạn thứ nhất của câu chuyện.\nĐoạn thứ hai của câu chuyện.",
        )
    story = make_story(
        "Tập thể Phòng Công tác xã hội",
        unit=world.other_centre,
        collective_name="Phòng Công tác xã hội",
        body="Câu chuyện.\nTiếp.",
    )
    page = page_for(width, height)
    pages = {
        "home": "/vuon-hoa/",
        "browse": "/vuon-hoa/duyet/",
        "search": "/vuon-hoa/tim-kiem/?q=nguoi+tot+viec+tot",
        "story": f"/vuon-hoa/{story.year}/{story.slug}/",
        "check": "/vuon-hoa/xac-minh/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").first.is_visible()
        _no_sideways_scroll(page)
        shot(page, f"showcase-{name}-{width}x{height}")
    # Keyboard: the first Tab reaches the skip link, which moves to the main content.
    page.goto(f"{live_server.url}/vuon-hoa/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, tới nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    # Reading works without JavaScript.
    context = page.context.browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{live_server.url}/vuon-hoa/tim-kiem/?q=cong+tac+xa+hoi")
    plain.get_by_role("link", name="Tập thể Phòng Công tác xã hội").click()
    assert plain.locator("h1").inner_text() == "Tập thể Phòng Công tác xã hội"
    context.close()
