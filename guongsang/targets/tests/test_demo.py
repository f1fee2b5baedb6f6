from decimal import Decimal

import pytest

from guongsang.core.formatting import vn_percent


@pytest.mark.django_db
def test_demo_reproduces_the_2023_percentages_of_the_article():
    from guongsang.demo.org_tree import build_org
    from guongsang.targets import demo

    build_org()  # the demo's units are all the targets need (the full demo: reports test)
    assert demo.seed() > 0
    assert demo.seed() == 0  # idempotent
    found = demo.check_percentages()
    assert vn_percent(found["viec-lam"]) == "105,7%"
    assert vn_percent(found["tuyen-sinh-gdnn"]) == "88,1%"
    assert vn_percent(found["cai-nghien-bat-buoc"]) == "103,6%"
    from guongsang.demo import facts
    from guongsang.org.models import Unit
    from guongsang.targets.selectors import attainment

    dept = Unit.objects.get(code=facts.DEPARTMENT)
    rows = {r.code: r for r in attainment(user=None, year=2023, unit=dept, to_month=9)}
    assert rows["viec-lam"].actual == Decimal(171_228)
    assert rows["viec-lam"].plan == Decimal(162_000)
    assert rows["tuyen-sinh-gdnn"].actual == Decimal(202_590)
    assert rows["cai-nghien-bat-buoc"].actual == Decimal(1_243)
