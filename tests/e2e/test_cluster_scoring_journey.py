"""A member of an emulation cluster enters its self-score and its cross-scores and sees the
ranking; the organiser closes the year with the summary and proposes the leading unit."""

from decimal import Decimal

import pytest

from guongsang.clusters import services
from guongsang.clusters.tests.factories import cluster_of_three
from guongsang.nominations.models import Dossier

from .support import no_sideways_scroll
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

# Points per criterion (out of 50 each) that the two other members already gave.
GIVEN = {
    ("B", "A"): (40, 42),
    ("B", "B"): (48, 47),
    ("B", "C"): (37, 36),
    ("C", "A"): (38, 40),
    ("C", "B"): (43, 44),
    ("C", "C"): (50, 50),
}
# What the department (A) types in the browser.
TYPED = {"A": (45, 45), "B": (44, 41), "C": (35, 36)}


def test_cross_scores_make_the_ranking_and_the_leader_is_proposed(
    live_server, world, titles, page_for, shot
):
    cluster, units = cluster_of_three(world)
    scoring = services.round_open(
        actor=None,
        cluster=cluster,
        year=2024,
        criteria=[("Nhiệm vụ chính trị", Decimal(50)), ("Phong trào thi đua", Decimal(50))],
    )
    first, second = scoring.criteria.all()
    for (scorer, scored), (p1, p2) in GIVEN.items():
        services.scores_enter(
            actor=None,
            scoring=scoring,
            scorer=units[scorer],
            scored=units[scored],
            points={first.pk: Decimal(p1), second.pk: Decimal(p2)},
        )
    # The answer, computed here: the average of the totals the two other members gave.
    totals = {
        **{k: sum(v) for k, v in GIVEN.items()},
        **{("A", k): sum(v) for k, v in TYPED.items()},
    }

    def average(key: str) -> Decimal:
        others = [totals[(s, key)] for s in "ABC" if s != key]
        return Decimal(sum(others)) / len(others)

    order = sorted("ABC", key=average, reverse=True)

    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")  # the department's secretariat
    nav = page.get_by_role("navigation", name="Menu chính")
    nav.get_by_role("button", name="Khen thưởng").click()
    nav.get_by_role("link", name="Cụm thi đua").click()
    page.get_by_role("link", name="Năm 2024").click()
    for key, (p1, p2) in TYPED.items():
        name = "Tự chấm" if key == "A" else f"Chấm {units[key].name}"
        page.get_by_role("link", name=name, exact=True).click()
        page.get_by_label("1. Nhiệm vụ chính trị").fill(str(p1))
        page.get_by_label("2. Phong trào thi đua").fill(str(p2))
        page.get_by_role("button", name="Lưu điểm").click()
        page.get_by_text("Đã lưu điểm").wait_for()

    ranking = page.locator("#ranking tbody tr")
    for i, key in enumerate(order):
        row = ranking.nth(i)
        assert row.locator("td").nth(0).inner_text() == str(i + 1)
        assert units[key].name in row.locator("td").nth(1).inner_text()
        expected = f"{average(key):.2f}".replace(".", ",")
        assert row.locator("td").nth(2).inner_text() == expected
    shot(page, "cluster-ranking-1366x768")
    # A department officer may not close the year: only the leader's or the city's secretariat.
    assert page.get_by_role("button", name="Tổng hợp kết quả").count() == 0

    city = page_for(*LAPTOP)
    login(city, live_server.url, "quantri")
    city.goto(f"{live_server.url}/cum-thi-dua/")
    city.get_by_role("link", name="Năm 2024").click()
    city.get_by_label("Báo cáo tổng hợp của cụm trưởng").fill("Các thành viên hoàn thành tốt.")
    city.get_by_role("button", name="Tổng hợp kết quả").click()
    city.get_by_text("Đã tổng hợp kết quả chấm điểm của cụm.").wait_for()
    city.get_by_label("Hình thức đề nghị").select_option(label="Cờ thi đua của UBND Thành phố")
    city.get_by_role("button", name="Lập hồ sơ đề nghị").click()
    city.get_by_text("gửi Thành phố").first.wait_for()
    dossier = Dossier.objects.get()
    assert (dossier.nominee_unit, dossier.unit) == (units[order[0]], world.city)

    phone = page_for(*PHONE)
    login(phone, live_server.url, "thuongtruc")
    phone.goto(f"{live_server.url}/cum-thi-dua/bang-diem/{scoring.uuid}/")
    phone.locator("#ranking").wait_for()
    no_sideways_scroll(phone)
    shot(phone, "cluster-ranking-390x844")
