"""The secretariat drafts a decision from the council's recommended dossiers; the Director
signs it after confirming; the PDF downloads with its number. Runs against the production
server too (GS_E2E_PROD=1), where both roles log in with two-factor codes."""

import pytest

from guongsang.decisions.models import Decision
from guongsang.decisions.tests.factories import recommended, signer
from guongsang.people.tests.factories import make_person

from .test_shell import LAPTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.prod_journey]


def test_a_decision_is_drafted_signed_and_downloaded(
    app_url, login, give_totp, world, titles, page_for, shot
):
    recommended(world)
    recommended(world, person=make_person("Nguyễn Thị Bích Thủy", unit=world.centre, female=True))
    give_totp(world.secretariat)
    give_totp(signer(world))

    secretariat = page_for(*LAPTOP)
    login(secretariat, "thuongtruc")
    secretariat.goto(f"{app_url}/quyet-dinh/")
    secretariat.get_by_role("link", name="Soạn quyết định").click()
    secretariat.get_by_label("Chọn tất cả").check()
    shot(secretariat, "decision-draft-1366x768")
    secretariat.get_by_role("button", name="Soạn dự thảo").click()
    secretariat.get_by_text("Đã soạn dự thảo quyết định.").wait_for()
    decision = Decision.objects.get()
    assert decision.recipients.count() == 2 and decision.number is None
    shot(secretariat, "decision-detail-draft-1366x768")

    director = page_for(*PHONE)
    login(director, "giamdoc")
    director.goto(f"{app_url}/quyet-dinh/{decision.uuid}/")
    director.get_by_role("link", name="Ký quyết định").click()
    # The signing date stays today's: an earlier one would ask for a reason.
    assert director.get_by_label("Ngày ký", exact=True).input_value()
    director.get_by_label("Họ và tên người ký").fill("Bạch Liên Hương")
    director.get_by_label("Lý do ghi ngày ký sớm hơn hôm nay").fill("Ký bản giấy, nhập sau.")
    director.get_by_role("button", name="Ký và cấp số").click()
    director.get_by_text("Cần xác nhận trước khi ký.", exact=True).wait_for()  # nothing signed yet
    decision.refresh_from_db()
    assert decision.number is None
    director.get_by_label("Tôi xác nhận ký").check()
    shot(director, "decision-sign-390x844")
    director.get_by_role("button", name="Ký và cấp số").click()
    director.get_by_text("Đã ký quyết định số 1/QĐ-SLĐTBXH.").wait_for()
    overflow = director.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways"
    shot(director, "decision-detail-signed-390x844")

    with director.expect_download() as info:
        director.locator("#download-pdf").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    decision.refresh_from_db()
    assert decision.full_number == "1/QĐ-SLĐTBXH"
