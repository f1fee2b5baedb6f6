"""The lists' filters write English names and values into the address, and a link saved with
the old Vietnamese ones (`?nam=…&trang_thai=…`, `?loc=chua`) still opens the same filtered list.

Screenshots at 1366×768 and 390×844 go to var/screenshots/filter-names-*.png and
filter-values-*.png."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.nominations.services import dossier_transition
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.tests.factories import make_person

from .support import open_menu, shot_both_sizes
from .test_shell import LAPTOP

pytestmark = [pytest.mark.e2e, pytest.mark.prod_journey]


def _query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def test_an_officer_filters_dossiers_and_an_old_saved_link_lands_on_the_same_list(
    app_url, login, give_totp, world, titles, page_for, shot
):
    year = timezone.localdate().year
    sent = make_dossier(world, person=make_person("Lê Văn An", unit=world.centre), year=year)
    dossier_transition(actor=world.officer, dossier=sent, action="submit")
    make_dossier(world, person=make_person("Phạm Thị Bình", unit=world.centre), year=year)
    earlier = make_dossier(
        world, person=make_person("Vũ Văn Cường", unit=world.centre), year=year - 1
    )
    dossier_transition(actor=world.officer, dossier=earlier, action="submit")
    give_totp(world.officer)

    page = page_for(*LAPTOP)
    login(page, "canbo")
    open_menu(page, "Khen thưởng", "Hồ sơ khen thưởng")
    page.wait_for_url("**/ho-so/")
    rows = page.locator("#dossier-results tbody tr")
    expect(rows).to_have_count(3)

    # The filter form: a year, then a status; the list follows and the address says so.
    page.get_by_label("Năm", exact=True).select_option(label=str(year))
    page.wait_for_url(lambda url: _query(url).get("year") == str(year))
    expect(rows).to_have_count(2)
    page.get_by_label("Trạng thái", exact=True).select_option(label="Đã gửi")
    page.wait_for_url(lambda url: _query(url).get("status") == "submitted")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lê Văn An")
    query = _query(page.url)
    assert (query["year"], query["status"]) == (str(year), "submitted")
    assert not {"nam", "trang_thai", "danh_hieu", "phong_trao", "don_vi"} & set(query)
    shot_both_sizes(page, page_for, shot, "filter-names-english")

    # A bookmark saved before the rename: the same list, under the new names.
    page.goto(f"{app_url}/ho-so/?nam={year}&trang_thai=submitted")
    assert urlsplit(page.url).path == "/ho-so/"
    assert _query(page.url) == {"year": str(year), "status": "submitted"}
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lê Văn An")
    expect(page.get_by_label("Năm", exact=True)).to_have_value(str(year))
    expect(page.get_by_label("Trạng thái", exact=True)).to_have_value("submitted")
    shot_both_sizes(page, page_for, shot, "filter-names-old-link")


def test_the_secretariat_lists_the_units_yet_to_pledge_and_an_old_link_lands_there(
    app_url, login, give_totp, world, titles, page_for, shot
):
    movement = make_movement(world.dept, name="Phong trào “Người tốt, việc tốt” năm nay")
    make_pledge(movement, world.centre, [titles["tap-the-tot"]])
    give_totp(world.secretariat)

    page = page_for(*LAPTOP)
    login(page, "thuongtruc")
    page.goto(f"{app_url}/phong-trao/")
    page.get_by_role("link", name=movement.name).click()
    page.get_by_role("link", name="Tình hình đăng ký").click()
    units = page.locator("table tbody tr")
    expect(units).to_have_count(2)

    # The tab of the units that have not pledged: its value in the address is English too.
    page.get_by_role("link", name="Chưa đăng ký").click()
    page.wait_for_url(lambda url: _query(url).get("show") == "not_pledged")
    expect(units).to_have_count(1)
    expect(units.first).to_contain_text(world.other_centre.name)
    shot_both_sizes(page, page_for, shot, "filter-values-not-pledged")

    # The same tab bookmarked before, with the Vietnamese name and value.
    page.goto(f"{page.url.split('?')[0]}?loc=chua")
    assert _query(page.url) == {"show": "not_pledged"}
    expect(units).to_have_count(1)
    expect(units.first).to_contain_text(world.other_centre.name)
    expect(page.get_by_role("link", name="Chưa đăng ký")).to_have_attribute("aria-current", "page")
