"""Digital signatures in the browser: the Director signs a numbered decision with the key kept
on the server (typing the passphrase); anyone checks the signed PDF on the public page, and a
copy with one byte changed is said to be changed. A decision signed with the agency's own tool
(here pyHanko stands in for that tool) is uploaded back and accepted; one signed by another
person is refused with the reason."""

from __future__ import annotations

import pytest

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.signatures import pdf
from guongsang.signatures.tests.factories import PASSPHRASE, make_pki, numbered_decision, register

from .test_shell import LAPTOP, PHONE

pytestmark = pytest.mark.e2e


def _open_decision(page, base: str, decision) -> None:
    page.goto(f"{base}/quyet-dinh/")
    page.get_by_role("link", name=decision.full_number).first.click()


def test_the_director_signs_digitally_and_anyone_checks_the_pdf(
    app_url, login, give_totp, world, titles, page_for, shot, tmp_path
):
    keys = make_pki()
    register(world, keys)
    decision = numbered_decision(world)
    give_totp(world.signer)

    director = page_for(*LAPTOP)
    login(director, "giamdoc", PASSWORD)
    _open_decision(director, app_url, decision)
    assert "chưa được ký số" in director.locator("#signature-state").inner_text()
    director.get_by_role("link", name="Ký số văn bản").click()
    director.get_by_label("Mật khẩu chứng thư số hoặc mã PIN của thiết bị ký số").fill(
        "sai-mat-khau"
    )
    director.get_by_label("Tôi xác nhận ký số văn bản này", exact=False).check()
    director.get_by_role("button", name="Ký số", exact=True).click()
    director.get_by_text("Mật khẩu của chứng thư số không đúng.").wait_for()
    director.get_by_label("Mật khẩu chứng thư số hoặc mã PIN của thiết bị ký số").fill(PASSPHRASE)
    director.get_by_label("Tôi xác nhận ký số văn bản này", exact=False).check()
    shot(director, "signature-01-sign-1366x768")
    director.get_by_role("button", name="Ký số", exact=True).click()
    director.get_by_text(f"Đã ký số quyết định số {decision.full_number}.").wait_for()
    assert "Bạch Liên Hương" in director.locator("#signature-state").inner_text()
    shot(director, "signature-02-signed-1366x768")
    with director.expect_download() as download:
        director.get_by_role("link", name="Tải bản PDF đã ký số").click()
    signed = download.value.path().read_bytes()
    checks = pdf.check(signed, [keys.root.pem])
    assert [c.signer_common_name for c in checks] == [
        "Bạch Liên Hương",
        "Sở Lao động - Thương binh và Xã hội",
    ]

    # Anyone, on a phone, brings the PDF to the public check.
    good = tmp_path / "quyet-dinh.pdf"
    good.write_bytes(signed)
    changed = bytearray(signed)
    changed[changed.index(b"stream", 200) + 20] ^= 0x01
    bad = tmp_path / "quyet-dinh-da-sua.pdf"
    bad.write_bytes(bytes(changed))
    citizen = page_for(*PHONE)
    citizen.goto(f"{app_url}/vuon-hoa/xac-minh/")
    citizen.get_by_role("link", name="Kiểm tra văn bản ký số").click()
    citizen.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(good))
    citizen.get_by_role("button", name="Kiểm tra", exact=True).click()
    verdict = citizen.locator("#verdict")
    verdict.wait_for()
    text = verdict.inner_text()
    assert "Văn bản hợp lệ" in text and decision.full_number in text
    assert "Bạch Liên Hương" in text
    overflow = citizen.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    shot(citizen, "signature-03-public-valid-390x844")
    citizen.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(bad))
    citizen.get_by_role("button", name="Kiểm tra", exact=True).click()
    citizen.locator("#verdict").wait_for()
    assert "thay đổi" in citizen.locator("#verdict").inner_text()
    shot(citizen, "signature-04-public-changed-390x844")
    wide = page_for(*LAPTOP)
    wide.goto(f"{app_url}/vuon-hoa/xac-minh-van-ban/")
    wide.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(good))
    wide.get_by_role("button", name="Kiểm tra", exact=True).click()
    wide.locator("#verdict").wait_for()
    shot(wide, "signature-03-public-valid-1366x768")


def test_a_pdf_signed_outside_comes_back_and_another_signer_is_refused(
    app_url, login, give_totp, world, titles, page_for, shot, tmp_path
):
    keys = make_pki()
    register(world, keys, seal=False)
    decision = numbered_decision(world)
    give_totp(world.signer)

    director = page_for(*LAPTOP)
    login(director, "giamdoc", PASSWORD)
    _open_decision(director, app_url, decision)
    director.get_by_role("link", name="Ký số văn bản").click()
    with director.expect_download() as download:
        director.get_by_role("link", name="Tải bản PDF chuẩn bị để ký").click()
    prepared = download.value.path().read_bytes()

    # The agency's signing tool: first another person's key, then the Director's.
    other = pdf.signer_from_pkcs12(keys.other.pkcs12("x"), "x")
    wrong = tmp_path / "ky-nham.pdf"
    wrong.write_bytes(pdf.sign_as_person(prepared, other, name="Trần Văn Khác", agency="Sở"))
    mine = pdf.signer_from_pkcs12(keys.signer.pkcs12("x"), "x")
    right = tmp_path / "ky-dung.pdf"
    right.write_bytes(pdf.sign_as_person(prepared, mine, name="Bạch Liên Hương", agency="Sở"))

    director.get_by_label("Tệp PDF đã ký số").set_input_files(str(wrong))
    director.get_by_role("button", name="Tải lên bản đã ký").click()
    director.locator(".invalid-feedback").get_by_text(
        "Văn bản được ký bởi Trần Văn Khác"
    ).wait_for()
    shot(director, "signature-05-outside-refused-1366x768")
    director.get_by_label("Tệp PDF đã ký số").set_input_files(str(right))
    director.get_by_role("button", name="Tải lên bản đã ký").click()
    director.get_by_text(f"Đã nhận bản ký số của quyết định số {decision.full_number}.").wait_for()
    assert "Bạch Liên Hương" in director.locator("#signature-state").inner_text()
    phone = page_for(*PHONE)
    phone.context.add_cookies(director.context.cookies())
    phone.goto(director.url)
    shot(phone, "signature-06-outside-accepted-390x844")
