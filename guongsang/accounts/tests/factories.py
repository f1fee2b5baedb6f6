from guongsang.accounts.models import User
from guongsang.accounts.services import grant_role, user_create
from guongsang.org.models import Unit

PASSWORD = "Mat-khau-thu-2024"


def make_user(
    username: str, *, role: str | None = None, unit: Unit | None = None, superuser: bool = False
) -> User:
    user = user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        full_name=username,
        is_superuser=superuser,
        is_staff=superuser,
    )
    if role is not None:
        assert unit is not None
        grant_role(actor=None, user=user, role=role, unit=unit)
    return user
