import datetime as dt
import itertools

from guongsang.org.models import Unit, UnitType
from guongsang.org.services import unit_create

_codes = itertools.count(1)


def _code() -> str:
    """Letters only: admin searches by digits in names must not match test codes."""
    n, letters = next(_codes), ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"u-{letters}"


def make_unit(
    name: str = "Đơn vị thử",
    *,
    parent: Unit | None = None,
    unit_type: str = UnitType.CENTRE,
    valid_from: dt.date = dt.date(2005, 1, 1),
) -> Unit:
    return unit_create(
        actor=None,
        code=_code(),
        name=name,
        unit_type=unit_type,
        parent=parent,
        valid_from=valid_from,
    )
