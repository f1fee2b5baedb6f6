"""A unit submits a contest entry; a judge scores it blind; the secretariat closes the round."""

import pytest

from guongsang.accounts.tests.factories import make_user
from guongsang.contests.models import Assignment, AssignmentStatus, Entry, RoundEntry
from guongsang.contests.tests.factories import judged_contest, make_contest
from guongsang.core.roles import Role
from guongsang.org.tests.factories import make_unit

from .support import pick, shot_both_sizes
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

AUTHOR = "Đinh Thị Thu Hằng"
TEXT = (
    f"Tác giả: {AUTHOR}\n"
    "Mỗi sáng, chị Liên là người đầu tiên có mặt ở khoa, lau rửa và thay băng cho từng bệnh "
    "nhân. Hơn mười năm qua, chị chưa một lần từ chối ca trực nào.\n"
    "Các cháu gọi chị là mẹ Liên, bởi chị chăm các cháu như con của mình."
)


def test_entry_is_submitted_scored_blind_and_the_round_closed(live_server, world, page_for, shot):
    contest, judges = judged_contest(world)
    rnd = contest.rounds.get(number=1)
    rnd.advance_count = 1
    rnd.save()

    officer = page_for(*LAPTOP)
    _write_entry(
        officer,
        live_server,
        "canbo",
        contest,
        "Mẹ Liên của những bệnh nhân da cam",
        "Lê Thị Bích Liên",
    )
    officer.get_by_role("button", name="Lưu bài").click()
    officer.get_by_text("Đã lưu bài dự thi.").wait_for()
    officer.get_by_label("Tôi xác nhận nộp bài; sau khi nộp không sửa được.").check()
    officer.get_by_role("button", name="Nộp bài", exact=True).click()
    officer.get_by_text("Đã nộp bài dự thi.").wait_for()
    shot(officer, "contest-entry-submitted-1366x768")
    entry = Entry.objects.get()
    assert entry.status == "submitted" and entry.unit == world.centre
    assert RoundEntry.objects.filter(round=rnd, entry=entry).exists()

    secretariat = page_for(*LAPTOP)
    login(secretariat, live_server.url, "thuongtruc")
    secretariat.goto(f"{live_server.url}/cuoc-thi/{contest.uuid}/vong/1/")
    secretariat.get_by_label("Số giám khảo mỗi bài").fill("1")
    secretariat.get_by_role("button", name="Phân công tự động").click()
    secretariat.get_by_text("Đã phân công 1 lượt chấm.").wait_for()
    sheet = Assignment.objects.get(entry=entry)
    assert sheet.judge != judges[0]  # judges[0] works at the entry's unit

    judge = page_for(*PHONE)
    login(judge, live_server.url, sheet.judge.username)
    judge.goto(f"{live_server.url}/cuoc-thi/cham-diem/")
    judge.get_by_role("link", name="Mẹ Liên của những bệnh nhân da cam").click()
    content = judge.content()
    assert AUTHOR not in content and world.centre.name not in content
    assert "Mỗi sáng, chị Liên" in content
    c1, c2 = contest.criteria.all()
    judge.get_by_label(c1.name).fill("8.5")
    judge.get_by_role("button", name="Lưu tạm").click()
    judge.get_by_text("Đã lưu tạm phiếu chấm.").wait_for()
    assert judge.get_by_label(c1.name).input_value() == "8,5"
    judge.get_by_label(c2.name).fill("7")
    judge.get_by_label("Nhận xét").fill("Bài viết chân thực, cảm động.")
    shot(judge, "contest-judge-sheet-390x844")
    judge.once("dialog", lambda dialog: dialog.accept())
    judge.get_by_role("button", name="Hoàn thành chấm").click()
    judge.get_by_text(f"Đã hoàn thành chấm bài {entry.code}").wait_for()
    sheet.refresh_from_db()
    assert sheet.status == AssignmentStatus.SUBMITTED
    overflow = judge.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0

    secretariat.reload()
    assert secretariat.locator("#ranking").get_by_text(entry.code).is_visible()
    secretariat.get_by_label("Tôi xác nhận kết thúc vòng thi (không chấm thêm được).").check()
    secretariat.get_by_role("button", name="Kết thúc vòng và chọn bài").click()
    secretariat.get_by_text("Đã kết thúc Vòng 1, chọn 1 bài.").wait_for()
    shot(secretariat, "contest-round-closed-1366x768")
    rnd.refresh_from_db()
    assert rnd.is_closed and RoundEntry.objects.get(round=rnd, entry=entry).advanced


def test_an_officer_over_many_units_types_the_entrys_unit(live_server, world, page_for, shot):
    """A branch officer submits for one of the branch's centres, found by typing its name."""
    branch = make_unit("Chi cục Phòng, chống tệ nạn xã hội", parent=world.dept)
    for n in range(1, 13):
        make_unit(f"Cơ sở cai nghiện ma tuý số {n}", parent=branch)
    make_user("canbochicuc", role=Role.UNIT_OFFICER, unit=branch)
    contest = make_contest(world.dept)

    page = page_for(*LAPTOP)
    title = "Người thầy thuốc của những học viên cai nghiện"
    _write_entry(page, live_server, "canbochicuc", contest, title, "Nguyễn Văn Hùng")
    pick(page, "Đơn vị dự thi", "cai nghien so 12", "Cơ sở cai nghiện ma tuý số 12")
    shot_both_sizes(page, page_for, shot, "contest-entry-unit-typed")
    page.get_by_role("button", name="Lưu bài").click()
    page.get_by_text("Đã lưu bài dự thi.").wait_for()
    assert Entry.objects.get().unit.name == "Cơ sở cai nghiện ma tuý số 12"


def _write_entry(page, live_server, username, contest, title, subject):
    """`username` logs in, opens the contest from the list and types a new entry (not saved)."""
    login(page, live_server.url, username)
    page.goto(f"{live_server.url}/cuoc-thi/")
    page.get_by_role("link", name=contest.name).click()
    page.get_by_role("link", name="Nộp bài dự thi").click()
    page.get_by_label("Tên bài viết").fill(title)
    page.get_by_label("Tác giả").fill(AUTHOR)
    page.get_by_label("Nhân vật được viết về").fill(subject)
    page.get_by_label("Nội dung bài viết").fill(TEXT)
