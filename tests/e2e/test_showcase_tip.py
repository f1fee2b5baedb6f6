"""A citizen sends a tip from the public Vườn hoa; the secretariat accepts it and turns it
into a draft nomination. The public pages are looked at on a phone and a laptop."""

import pytest

from guongsang.nominations.models import Dossier
from guongsang.showcase.models import Tip, TipStatus
from guongsang.showcase.tests.factories import make_story

from .support import no_sideways_scroll, pick
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


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
    no_sideways_scroll(citizen)
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
    office.locator("#id_person-ts-control").wait_for()  # the pickers are ready
    pick(office, "Đơn vị đề nghị", "bao tro xa hoi 1", world.centre.name)
    office.get_by_role("combobox", name="Danh hiệu đề nghị").select_option(
        "nguoi-tot-viec-tot-co-so"
    )
    office.get_by_role("spinbutton", name="Năm").fill("2024")
    pick(office, "Cá nhân được đề nghị", "le thi bich", world.person.full_name)
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
        no_sideways_scroll(page)
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


def test_a_tip_with_a_photo_reaches_the_moderator_without_its_gps(
    live_server, world, page_for, shot, tmp_path
):
    import io

    from django.core.files.storage import default_storage
    from PIL import Image

    from guongsang.showcase.models import TipPhoto
    from guongsang.showcase.tests.test_tip_photos import GPS_IFD, photo_with_gps

    picture = tmp_path / "viec-tot.jpg"
    picture.write_bytes(photo_with_gps(size=(320, 240)).read())
    with Image.open(picture) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the phone's position is in the file sent

    citizen = page_for(*PHONE)
    citizen.goto(f"{live_server.url}/vuon-hoa/bao-tin/")
    citizen.get_by_role("textbox", name="Người / tập thể làm việc tốt", exact=True).fill(
        "Anh Ngô Văn Sơn"
    )
    citizen.get_by_role("textbox", name="Ở đâu", exact=True).fill("Phường Kim Liên")
    citizen.get_by_role("textbox", name="Việc tốt", exact=True).fill("Dập lửa cứu một ngôi nhà.")
    citizen.get_by_label("Ảnh (không bắt buộc)").set_input_files(str(picture))
    citizen.get_by_role("textbox", name="Họ tên người báo tin", exact=True).fill("Vũ Thị Mai")
    citizen.get_by_role("textbox", name="Điện thoại hoặc email người báo tin", exact=True).fill(
        "0912000111"
    )
    citizen.get_by_label("Tôi đồng ý").check()
    no_sideways_scroll(citizen)
    shot(citizen, "showcase-tip-photo-form-390x844")
    citizen.wait_for_timeout(4500)
    citizen.get_by_role("button", name="Gửi tin báo").click()
    citizen.get_by_text("Cảm ơn bạn đã báo tin!").wait_for()
    photo = TipPhoto.objects.get()
    with Image.open(io.BytesIO(default_storage.open(photo.file.name, "rb").read())) as stored:
        assert dict(stored.getexif()) == {} and stored.size == (320, 240)

    office = page_for(*LAPTOP)
    login(office, live_server.url, "thuongtruc")
    office.goto(f"{live_server.url}/vuon-hoa/quan-ly/tin-bao/")
    office.get_by_role("link", name="Anh Ngô Văn Sơn").click()
    image = office.get_by_role("img", name="Ảnh 1 gửi kèm tin báo")
    image.wait_for()
    office.wait_for_function(
        "() => { const i = document.querySelector('#tip-photos img'); "
        "return i && i.complete && i.naturalWidth > 0; }"
    )
    assert image.evaluate("i => i.naturalWidth") == 320
    shot(office, "showcase-tip-photo-detail-1366x768")

    officer = page_for(*LAPTOP)
    login(officer, live_server.url, "canbo")
    response = officer.goto(f"{live_server.url}{image.get_attribute('src')}")
    assert response is not None and response.status == 403
