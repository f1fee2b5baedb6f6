"""The small world most database tests share (the `world` fixture, built per test or per module)."""

from __future__ import annotations

from typing import Any


def seed_titles() -> None:
    """The catalogue the migration seeds (idempotent): a transactional test flushes it."""
    from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
    from guongsang.catalogue.seed import seed_catalogue

    seed_catalogue(Title, Prerequisite, BaseSalary)


def build_world() -> Any:
    """Two departments under a city; a centre in each; a person in each centre; users."""
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role
    from guongsang.org.models import UnitType
    from guongsang.org.tests.factories import make_unit
    from guongsang.people.tests.factories import make_person

    class World:
        pass

    w: Any = World()
    w.city = make_unit("Thành phố Hà Nội", unit_type=UnitType.CITY)
    w.dept = make_unit(
        "Sở Lao động - Thương binh và Xã hội", parent=w.city, unit_type=UnitType.DEPARTMENT
    )
    w.centre = make_unit("Trung tâm Bảo trợ xã hội 1", parent=w.dept)
    w.other_centre = make_unit("Trung tâm Bảo trợ xã hội 2", parent=w.dept)
    w.person = make_person("Lê Thị Bích Liên", unit=w.centre, female=True)
    w.other_person = make_person("Trần Văn Bình", unit=w.other_centre)
    w.officer = make_user("canbo", role=Role.UNIT_OFFICER, unit=w.centre)
    w.other_officer = make_user("canbo2", role=Role.UNIT_OFFICER, unit=w.other_centre)
    w.secretariat = make_user("thuongtruc", role=Role.SECRETARIAT, unit=w.dept)
    w.leader = make_user("lanhdao", role=Role.LEADER, unit=w.dept)
    w.admin = make_user("quantri", role=Role.ADMIN, unit=w.city, superuser=True)
    return w
