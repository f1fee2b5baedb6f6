"""A judge of the demo opens the day on the home page: this year's contest is in its judging
round, and the sheets still to finish are one click away (the module has its own demo copy)."""

import pytest
from django.utils import timezone

from guongsang.contests.models import Assignment, Contest

from .test_contest_demo_pages import LAPTOP, PHONE, demo_login, no_sideways_scroll

pytestmark = pytest.mark.e2e


def test_a_demo_judge_finds_this_years_sheets_on_the_home_page(
    demo_db, live_server, transactional_db, page_for, shot
):
    contest = Contest.objects.get(year=timezone.localdate().year)
    waiting = Assignment.objects.filter(round__contest=contest, judge__username="giamkhao")
    for size in (LAPTOP, PHONE):
        judge = page_for(*size)
        demo_login(judge, live_server.url, "giamkhao")
        todo = judge.get_by_role("link", name="Bài dự thi chưa chấm xong")
        item = judge.locator("li.gs-todo-item", has=todo)
        assert item.locator(".badge").inner_text().strip() == str(waiting.count())
        shot(judge, f"demo-judge-home-{size[0]}x{size[1]}")
        todo.click()
        judge.wait_for_url("**/cuoc-thi/cham-diem/**")
        assert str(contest.year) in judge.content()
        assert no_sideways_scroll(judge) or size == LAPTOP
