"""Forms that help: a picker that finds people typed without diacritics and tells namesakes
apart, only the picker the title needs, an error summary that asks for the files again, files
replaced and deleted before the dossier is sent, and a judge's sheet that takes "7,5"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from guongsang.contests.models import Assignment, AssignmentStatus, Score
from guongsang.contests.services import panel_add
from guongsang.contests.tests.factories import make_contest, make_entry, make_judge
from guongsang.nominations.models import Dossier, DossierFile
from guongsang.people.models import Person, Position
from guongsang.people.tests.factories import make_person

from .support import picker_control
from .test_dossier_journey import PDF
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def _namesakes(world) -> tuple[Person, Person]:
    older = make_person("Nguyễn Minh Châm", unit=world.centre, born=dt.date(1985, 3, 2))
    younger = make_person("Nguyễn Minh Châm", unit=world.centre, born=dt.date(1990, 7, 9))
    Position.objects.create(
        person=younger, unit=world.centre, title="Điều dưỡng viên", valid_from=dt.date(2015, 1, 1)
    )
    make_person("Nguyễn Minh Chân", unit=world.centre)
    return older, younger


def _files(tmp_path) -> dict[str, str]:
    names = ("bien-ban.pdf", "bien-ban-moi.pdf", "minh-chung.pdf")
    for name in names:
        (tmp_path / name).write_bytes(PDF)
    return {name: str(tmp_path / name) for name in names}


def test_the_officer_picks_a_namesake_fixes_the_form_and_changes_files(
    live_server, world, titles, page_for, shot, tmp_path
):
    older, younger = _namesakes(world)
    files = _files(tmp_path)
    page = page_for(*LAPTOP)
    login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/ho-so/tao/")
    person_group, unit_group = (
        page.locator("#id_person_group"),
        page.locator("#id_nominee_unit_group"),
    )

    # A collective title shows the collective picker only; an individual one, the person's.
    page.get_by_label("Danh hiệu, hình thức đề nghị").select_option(
        label=titles["tap-the-tot"].name
    )
    assert unit_group.is_visible() and not person_group.is_visible()
    page.get_by_label("Danh hiệu, hình thức đề nghị").select_option(
        label=titles["nguoi-tot-viec-tot-co-so"].name
    )
    assert person_group.is_visible() and not unit_group.is_visible()
    assert not page.locator("#id_nominee_kind_group").is_visible()

    # Typed without diacritics: both namesakes, told apart by birth year and position.
    control = picker_control(page, "Cá nhân được đề nghị")
    control.click()
    control.press_sequentially("nguyen minh cham", delay=20)
    options = page.locator(".ts-dropdown .option")
    options.filter(has_text="sinh năm 1990").wait_for()
    texts = sorted(options.all_inner_texts())
    assert len(texts) == 2, texts  # "Chân" is another name
    assert "sinh năm 1985" in texts[0] and "sinh năm 1990" in texts[1]
    assert "Điều dưỡng viên" in texts[1]
    shot(page, "picker-namesakes-1366x768")
    options.filter(has_text="sinh năm 1990").click()

    # An error: the summary at the top says what to fix and to choose the files again.
    page.get_by_label("Tóm tắt thành tích").fill("Cứu hai em nhỏ đuối nước.")
    page.get_by_label("Số phiếu đồng ý").fill("25")
    page.get_by_label("Tổng số người dự họp").fill("22")
    page.get_by_label("Tệp biên bản họp xét (PDF, DOCX, ảnh)").set_input_files(
        files["bien-ban.pdf"]
    )
    page.get_by_label("Tệp minh chứng (chọn được nhiều tệp)").set_input_files(
        files["minh-chung.pdf"]
    )
    page.get_by_role("button", name="Lưu hồ sơ").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    text = summary.inner_text()
    assert "Số phiếu đồng ý" in text and "không thể lớn hơn" in text
    assert "hãy chọn lại tệp" in text and "bien-ban.pdf" in text and "minh-chung.pdf" in text
    expect(summary).to_be_focused()  # the page script moves the focus there once it runs
    shot(page, "form-error-summary-1366x768")
    assert Dossier.objects.count() == 0
    # The person chosen is still chosen.
    assert page.locator("#id_person").input_value() == str(younger.uuid)

    page.get_by_label("Số phiếu đồng ý").fill("20")
    page.get_by_label("Tệp biên bản họp xét (PDF, DOCX, ảnh)").set_input_files(
        files["bien-ban.pdf"]
    )
    page.get_by_label("Tệp minh chứng (chọn được nhiều tệp)").set_input_files(
        files["minh-chung.pdf"]
    )
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.get_by_text("Đã tạo hồ sơ đề nghị.").wait_for()
    dossier = Dossier.objects.get()
    assert dossier.person == younger and dossier.files.count() == 2

    # Replace the minutes before sending: the new one is the file in use.
    minutes = page.locator("#files-minutes")
    assert "Bản đang dùng" in minutes.inner_text()
    page.get_by_text("Thay tệp bien-ban.pdf").click()
    page.get_by_label("Tệp mới thay cho “bien-ban.pdf”").set_input_files(files["bien-ban-moi.pdf"])
    page.get_by_role("button", name="Tải lên và thay").click()
    page.get_by_text("Đã thay tệp “bien-ban.pdf” bằng “bien-ban-moi.pdf”.").wait_for()
    assert page.get_by_role("link", name="bien-ban-moi.pdf").is_visible()
    assert page.get_by_role("link", name="bien-ban.pdf", exact=True).count() == 0
    shot(page, "dossier-files-replaced-1366x768")

    # Delete the evidence, after saying yes.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Xoá minh-chung.pdf").click()
    page.get_by_text("Đã xoá tệp “minh-chung.pdf”.").wait_for()
    names = sorted(
        DossierFile.objects.filter(dossier=dossier).values_list("original_name", flat=True)
    )
    assert names == ["bien-ban-moi.pdf"]

    phone = page_for(*PHONE)
    login(phone, live_server.url, "canbo")
    phone.goto(f"{live_server.url}/ho-so/{dossier.uuid}/")
    shot(phone, "dossier-files-390x844")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.goto(f"{live_server.url}/ho-so/tao/")
    control = picker_control(phone, "Cá nhân được đề nghị")
    control.click()
    control.press_sequentially("nguyen minh cham", delay=20)
    phone.locator(".ts-dropdown .option").filter(has_text="sinh năm 1985").wait_for()
    shot(phone, "picker-namesakes-390x844")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_judge_types_a_comma_decimal_and_finishes_after_confirming(
    live_server, world, page_for, shot
):
    contest = make_contest(world.dept)
    entry = make_entry(contest, world.other_centre, code="A01")
    judge = make_judge("giamkhao", world.dept)
    panel_add(actor=None, contest=contest, judge=judge)
    sheet = Assignment.objects.create(round=contest.rounds.get(), entry=entry, judge=judge)
    content, form = contest.criteria.order_by("order")

    page = page_for(*PHONE)
    login(page, live_server.url, "giamkhao")
    page.goto(f"{live_server.url}/cuoc-thi/cham-diem/{sheet.uuid}/")
    page.get_by_label(content.name).fill("7,5")
    page.get_by_role("button", name="Lưu tạm").click()
    page.get_by_text("Đã lưu tạm phiếu chấm.").wait_for()
    assert page.get_by_label(content.name).input_value() == "7,5"
    assert Score.objects.get(assignment=sheet, criterion=content).value == Decimal("7.5")

    # Out of range: the browser says so and nothing is asked or sent.
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_label(form.name).fill("11")
    page.get_by_role("button", name="Hoàn thành chấm").click()
    message = page.get_by_label(form.name).evaluate("input => input.validationMessage")
    high = f"{form.max_score.normalize():f}".replace(".", ",")
    assert f"đến {high}" in message, message
    assert asked == []
    shot(page, "judge-sheet-range-390x844")

    page.get_by_label(form.name).fill("8.5")
    page.get_by_role("button", name="Hoàn thành chấm").click()
    page.get_by_text("Đã hoàn thành chấm bài A01").wait_for()
    assert len(asked) == 1 and "Hoàn thành chấm bài này?" in asked[0]
    sheet.refresh_from_db()
    assert sheet.status == AssignmentStatus.SUBMITTED
    values = dict(sheet.scores.values_list("criterion_id", "value"))
    assert values == {content.pk: Decimal("7.5"), form.pk: Decimal("8.5")}
    shot(page, "judge-sheet-done-390x844")

    laptop = page_for(*LAPTOP)
    login(laptop, live_server.url, "giamkhao")
    laptop.goto(f"{live_server.url}/cuoc-thi/cham-diem/{sheet.uuid}/")
    shot(laptop, "judge-sheet-done-1366x768")
