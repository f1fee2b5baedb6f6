"""Closing the loop: the Director signs a decision; the officer of the unit that proposed the
dossier reads the notification, opens the dossier from the list, reads the number, date and
amount, downloads the certificate and follows its public check link."""

import io
import math
from decimal import Decimal

import pytest
from django.utils import timezone

from guongsang.catalogue.models import BaseSalary
from guongsang.core.formatting import vn_date
from guongsang.decisions import services
from guongsang.decisions.models import Decision
from guongsang.decisions.tests.factories import recommended, signer

from .support import no_sideways_scroll
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e
NAME = "Lê Thị Bích Liên"


def open_menu(page, group: str, item: str) -> None:
    """Through the main menu, as a person would (the phone's menu opens with its button; a
    group with one entry for the role is drawn as that entry)."""
    nav = page.get_by_role("navigation", name="Menu chính")
    toggler = nav.get_by_role("button", name="Mở menu")
    if toggler.is_visible():
        toggler.click()
    button = nav.get_by_role("button", name=group)
    if button.count():  # a group of one entry is drawn as that entry
        button.click()
    nav.get_by_role("link", name=item).click()


def expected_amount(coefficient: Decimal, on) -> str:
    """Coefficient × the base salary in force, rounded up to 10,000 đồng, as "710.000 đ"."""
    salary = BaseSalary.objects.filter(valid_from__lte=on).order_by("-valid_from")[0].amount
    amount = math.ceil(coefficient * salary / 10_000) * 10_000
    return f"{amount:,}".replace(",", ".") + " đ"


def test_the_officer_sees_the_signed_outcome_and_checks_the_certificate(
    live_server, world, titles, page_for, shot
):
    today = timezone.localdate()
    dossier = recommended(world, year=today.year)
    services.decision_draft(actor=world.secretariat, authority=world.dept, dossiers=[dossier])
    signer(world)

    director = page_for(*LAPTOP)
    login(director, live_server.url, "giamdoc")
    open_menu(director, "Khen thưởng", "Quyết định")
    director.get_by_role("link", name="(chưa có số)").click()
    director.get_by_role("link", name="Ký quyết định").click()
    director.get_by_label("Tôi xác nhận ký").check()
    director.get_by_role("button", name="Ký và cấp số").click()
    director.get_by_text("Đã ký quyết định số").wait_for()
    decision = Decision.objects.get()
    assert decision.is_signed and decision.decision_date == today
    number, on = decision.full_number, vn_date(today)
    amount = expected_amount(Decimal(titles["nguoi-tot-viec-tot-co-so"].coefficient), today)

    for width, height in (LAPTOP, PHONE):
        size = f"{width}x{height}"
        officer = page_for(width, height)
        login(officer, live_server.url, "canbo")
        # The notification says it, with the certificate's links.
        open_menu(officer, "Khen thưởng", "Hồ sơ khen thưởng")
        officer.get_by_role("main").get_by_role("link", name="Thông báo").click()
        note = officer.get_by_role("listitem").filter(has_text=number).first
        assert on in note.inner_text() and amount in note.inner_text()
        assert note.get_by_role("link", name="Tải giấy khen (PDF)").is_visible()
        assert note.get_by_role("link", name="Kiểm tra công khai").is_visible()
        no_sideways_scroll(officer)
        shot(officer, f"outcome-notification-{size}")

        # The dossier, opened from the list.
        open_menu(officer, "Khen thưởng", "Hồ sơ khen thưởng")
        officer.get_by_role("link", name=NAME).click()
        outcome = officer.locator("#outcome")
        outcome.wait_for()
        assert f"Quyết định số {number} {on}" in outcome.inner_text()
        assert amount in outcome.inner_text()
        no_sideways_scroll(officer)
        shot(officer, f"outcome-dossier-{size}")

        with officer.expect_download() as info:
            outcome.get_by_role("link", name="Tải giấy khen (PDF)").click()
        from pypdf import PdfReader

        with open(info.value.path(), "rb") as pdf:
            content = pdf.read()
        assert content.startswith(b"%PDF")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        assert NAME in text and number in text

        outcome.get_by_role("link", name="Kiểm tra công khai").click()
        officer.get_by_text(NAME).first.wait_for()
        body = officer.locator("main").inner_text()
        assert NAME in body and number in body
        no_sideways_scroll(officer)
        shot(officer, f"outcome-public-check-{size}")
