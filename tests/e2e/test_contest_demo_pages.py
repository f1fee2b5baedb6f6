"""The demo contests as the secretariat and a judge see them, on a laptop and a phone."""

import pytest

from guongsang.contests.models import Contest, DuplicateMatch

from .test_shell import LAPTOP, PHONE

pytestmark = pytest.mark.e2e


def demo_login(page, base_url: str, username: str) -> None:
    from guongsang.demo.steps.users import PASSWORD

    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_demo_contest_pages(demo_db, live_server, transactional_db, page_for, shot):
    c2022 = Contest.objects.get(year=2022)
    c2023 = Contest.objects.get(year=2023)
    match = DuplicateMatch.objects.select_related("entry").get()

    for size in (LAPTOP, PHONE):
        page = page_for(*size)
        demo_login(page, live_server.url, "thuongtruc")
        tag = f"{size[0]}x{size[1]}"
        page.goto(f"{live_server.url}/cuoc-thi/{c2023.uuid}/")
        assert page.get_by_role("heading", name="Các vòng thi").is_visible()
        shot(page, f"contest-detail-2023-{tag}")
        page.goto(f"{live_server.url}/cuoc-thi/{c2022.uuid}/vong/1/")
        assert "1=" in page.content() or page.locator("#ranking tbody tr").count() == 43
        shot(page, f"contest-round-2022-{tag}")
        page.goto(f"{live_server.url}/cuoc-thi/bai/{match.entry.uuid}/trung-lap/")
        assert page.locator("mark").count() >= 2
        shot(page, f"contest-duplicates-{tag}")
        page.goto(f"{live_server.url}/cuoc-thi/thong-ke/")
        body = page.locator("#by-year").inner_text()
        assert "43" in body and "41" in body
        shot(page, f"contest-stats-{tag}")
        if size == PHONE:
            assert no_sideways_scroll(page)

    judge = page_for(*PHONE)
    demo_login(judge, live_server.url, "giamkhao")
    judge.goto(f"{live_server.url}/cuoc-thi/cham-diem/")
    shot(judge, "contest-judge-home-390x844")
    assert no_sideways_scroll(judge)
