import datetime as dt

from guongsang.movements.models import Movement, Pledge
from guongsang.movements.services import movement_create, pledge_register
from guongsang.org.models import Unit
from guongsang.org.selectors import today
from guongsang.people.models import Person


def make_movement(
    organiser: Unit,
    *,
    name: str = "Phong trào thi đua “Người tốt, việc tốt”",
    year: int | None = None,
    launched_on: dt.date | None = None,
    pledge_deadline: dt.date | None = None,
    open_days: int = 30,
    contents: tuple[str, ...] = ("Chăm lo người có công", "Giải quyết việc làm"),
    linked: tuple[Movement, ...] = (),
) -> Movement:
    """A movement still open for pledges (deadline `open_days` from today) unless told."""
    launched_on = launched_on or today() - dt.timedelta(days=10)
    if pledge_deadline is None:
        pledge_deadline = today() + dt.timedelta(days=open_days)
    return movement_create(
        actor=None,
        name=name,
        year=year or launched_on.year,
        organiser=organiser,
        launched_on=launched_on,
        pledge_deadline=pledge_deadline,
        contents=contents,
        linked=linked,
    )


def make_pledge(
    movement: Movement,
    unit: Unit,
    titles: list,
    *,
    person: Person | None = None,
    on: dt.date | None = None,
) -> Pledge:
    return pledge_register(
        actor=None,
        movement=movement,
        unit=unit,
        person=person,
        titles=titles,
        commitments="Hoàn thành xuất sắc nhiệm vụ",
        on=on or movement.launched_on,
    )
