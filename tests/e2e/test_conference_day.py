"""The conference day page on a phone (current item highlighted, honourees listed, public when
marked so); the secretariat adds a programme item and reorders the book's chapters."""

import datetime as dt

import pytest
from django.utils import timezone

from guongsang.books import services as book_services
from guongsang.books.tests.factories import make_book, make_story
from guongsang.conference import services
from guongsang.conference.tests.factories import make_award, make_conference

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def _today_conference(world):
    now = timezone.localtime()
    start = (now - dt.timedelta(minutes=40)).replace(second=0, microsecond=0)
    if start.date() != now.date():  # just after midnight: start at 00:00
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    conference = make_conference(
        world.dept, held_on=now.date(), starts_at=start.time(), is_public=False
    )
    for minutes, title, speaker in (
        (0, "Đón tiếp đại biểu", "Ban Tổ chức"),
        (min(30, (now - start).seconds // 60), "Báo cáo điển hình", "Lê Thị Bích Liên"),
        (24 * 60 - 1 - start.hour * 60 - start.minute, "Bế mạc hội nghị", "Giám đốc Sở"),
    ):
        at = (dt.datetime.combine(now.date(), start.time()) + dt.timedelta(minutes=minutes)).time()
        services.item_add(
            actor=None, conference=conference, starts_at=at, title=title, speaker=speaker
        )
    services.guest_add(
        actor=None, conference=conference, full_name="Bạch Liên Hương", role="Giám đốc Sở"
    )
    awards = [make_award(unit=world.centre, person=world.person), make_award(unit=world.centre)]
    services.honourees_add(actor=None, conference=conference, awards=awards)
    return conference


def test_the_day_page_on_a_phone_highlights_the_current_item(
    live_server, world, titles, page_for, shot
):
    conference = _today_conference(world)
    url = f"{live_server.url}/hoi-nghi/{conference.uuid}/ngay-hoi-nghi/"
    phone = page_for(*PHONE)
    phone.goto(url)
    assert "Không tìm thấy" in phone.content()  # not public: anonymous gets 404
    login(phone, live_server.url, "lanhdao")
    phone.goto(url)
    current = phone.locator("[aria-current=true]")
    assert current.count() == 1 and "Báo cáo điển hình" in current.inner_text()
    assert "Lê Thị Bích Liên" in phone.locator("#day-honourees + ol").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE[0], "the day page must not scroll sideways on a phone"
    shot(phone, "conference-day-phone")
    services.conference_update(actor=None, conference=conference, is_public=True)
    citizen = page_for(*PHONE)
    citizen.goto(url)
    assert "Bạch Liên Hương" in citizen.content()
    shot(citizen, "conference-day-public-phone")


def test_secretariat_adds_an_item_and_moves_a_chapter_up(
    live_server, world, titles, page_for, shot
):
    conference = make_conference(world.dept)
    book = make_book(world.dept)
    stories = [
        make_story(unit=world.centre, person=world.person, title="Bàn tay ấm"),
        make_story(unit=world.centre, title="Mái nhà chung", collective_name="Phòng Y tế"),
    ]
    book_services.book_add_stories(actor=None, book=book, stories=stories)
    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/hoi-nghi/{conference.uuid}/")
    page.get_by_label("Thời gian").fill("09:30")
    page.locator("#id_item_title").fill("Trao danh hiệu “Người tốt, việc tốt”")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.get_by_role("cell", name="Trao danh hiệu “Người tốt, việc tốt”").wait_for()
    shot(page, "conference-detail-laptop")
    page.goto(f"{live_server.url}/sach/{book.uuid}/")
    page.get_by_role("button", name="Lên: Mái nhà chung").click()
    page.locator("#chapter-list li").first.get_by_text("Mái nhà chung").wait_for()
    assert [e.story.title for e in book.entries.all()] == ["Mái nhà chung", "Bàn tay ấm"]
    shot(page, "book-detail-laptop")
