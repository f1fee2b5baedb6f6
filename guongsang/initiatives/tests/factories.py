import datetime as dt
from decimal import Decimal

from guongsang.initiatives import services
from guongsang.initiatives.models import Assessment, Field, Initiative


def make_initiative(
    world, *, authors=None, title="Phần mềm quản lý hồ sơ đối tượng", registered_on=None
) -> Initiative:
    registered_on = registered_on or dt.date(2024, 2, 1)
    return services.initiative_register(
        actor=world.officer,
        unit=world.centre,
        title=title,
        field=Field.MANAGEMENT,
        started_on=registered_on - dt.timedelta(days=300),
        registered_on=registered_on,
        description="Số hoá hồ sơ, rút thời gian tra cứu từ 30 phút xuống 2 phút.",
        authors=authors or [(world.person, Decimal("100"))],
    )


def recognise(world, initiative, *, scope, on=dt.date(2024, 6, 1), number="12/QĐ-HĐSK"):
    return services.initiative_assess(
        actor=world.secretariat,
        initiative=initiative,
        council="Hội đồng sáng kiến cơ sở",
        score=Decimal("85"),
        recognised=True,
        scope=scope,
        decision_number=number,
        decision_date=on,
    )


__all__ = ["Assessment", "make_initiative", "recognise"]
