"""Each role of the demo, built today, opens the day on its to-do list with the work that
waits for it, on a laptop and a phone (var/screenshots/demo-home-<login>-<size>.png)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from guongsang.decisions.models import Decision, DecisionState
from guongsang.demo import facts
from guongsang.movements.models import Movement, Pledge
from guongsang.nominations.models import Dossier, State
from guongsang.showcase.models import Tip, TipStatus

from .test_contest_demo_pages import LAPTOP, PHONE, demo_login, no_sideways_scroll

pytestmark = pytest.mark.e2e


def _expected() -> dict[str, dict[str, str]]:
    """Per login: the to-do item's words and its count, worked out from the demo's records."""
    year = timezone.localdate().year
    centre_drafts = Dossier.objects.filter(unit__code=facts.DIOXIN_CENTRE, state=State.DRAFT)
    movement = Movement.objects.get(organiser__code=facts.DEPARTMENT, year=year)
    pledged = Pledge.objects.filter(
        movement=movement, unit__code=facts.DIOXIN_CENTRE, person=None
    ).exists()
    waiting = Decision.objects.filter(
        state=DecisionState.DRAFT, authority__code=facts.DEPARTMENT
    ).count()
    return {
        "canbo": {
            "Hồ sơ đang soạn, chưa gửi": str(centre_drafts.count()),
            f"Đơn vị chưa đăng ký thi đua: {movement.name}": "0" if pledged else "1",
        },
        "thuongtruc": {
            "Tin báo việc tốt mới, chờ xử lý": str(
                Tip.objects.filter(status=TipStatus.NEW).count()
            ),
        },
        "giamdoc": {"Dự thảo quyết định chờ ký": str(waiting)},
        "hoidong": {"Hồ sơ chờ bạn bỏ phiếu": ""},
        "giamkhao": {"Bài dự thi chưa chấm xong": ""},
        "lanhdao": {f"Khen thưởng năm {year}": ""},
    }


def test_every_demo_role_opens_on_its_to_do_list(
    demo_db, live_server, transactional_db, page_for, shot
):
    expected = _expected()
    assert expected["giamdoc"]["Dự thảo quyết định chờ ký"] == "1"
    assert expected["canbo"][next(k for k in expected["canbo"] if "chưa đăng ký" in k)] == "1"
    for username, items in expected.items():
        for size in (LAPTOP, PHONE):
            page = page_for(*size)
            demo_login(page, live_server.url, username)
            todo = page.get_by_test_id("todo")
            todo.wait_for()
            for words, count in items.items():
                item = todo.get_by_role("listitem").filter(has_text=words)
                assert item.count() == 1, (username, words, todo.inner_text())
                badge = item.locator(".badge").inner_text().strip()
                assert badge == count if count else badge not in ("", "0"), (username, words)
            assert no_sideways_scroll(page), (username, size)
            shot(page, f"demo-home-{username}-{size[0]}x{size[1]}")
            page.context.close()
