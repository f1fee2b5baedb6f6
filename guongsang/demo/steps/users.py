"""One demo login per role, all with the same password (printed by `manage.py demo_logins`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password

from guongsang.accounts.models import RoleGrant, User
from guongsang.accounts.services import grant_role, user_create
from guongsang.core.roles import Role
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.org.models import Unit
from guongsang.people.models import Person

PASSWORD = "GuongSang@2024"  # noqa: S105 - the published demo password


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    unit_code: str
    full_name: str
    person_name: str = ""  # links the account to this person of the demo
    superuser: bool = False


LOGINS = (
    DemoLogin("admin", Role.ADMIN, facts.CITY, "Quản trị hệ thống", superuser=True),
    DemoLogin("thuongtruc", Role.SECRETARIAT, facts.DEPARTMENT, "Trần Thu Hà"),
    DemoLogin("bantdkt", Role.SECRETARIAT, facts.CITY, "Phạm Minh Đức"),
    DemoLogin("hoidong", Role.COUNCIL_MEMBER, facts.DEPARTMENT, "Vũ Thị Lan Anh"),
    DemoLogin(
        "giamdoc",
        Role.SIGNER,
        facts.DEPARTMENT,
        facts.DIRECTOR.full_name,
        person_name=facts.DIRECTOR.full_name,
    ),
    DemoLogin("giamkhao", Role.JUDGE, facts.DEPARTMENT, "Đỗ Quang Huy"),
    DemoLogin("lanhdao", Role.LEADER, facts.DEPARTMENT, "Hoàng Văn Thắng"),
    DemoLogin("canbo", Role.UNIT_OFFICER, facts.DIOXIN_CENTRE, "Ngô Thị Thu Trang"),
    DemoLogin("canbo2", Role.UNIT_OFFICER, facts.MECHANICAL_SCHOOL, "Lê Văn Hùng"),
)


_HASHES: dict[tuple[str, ...], str] = {}


def _password_hash() -> str:
    """The demo password hashed once per hasher setting: a hash costs a third of a second by
    design, and the demo's twenty logins all share the published password."""
    key = tuple(settings.PASSWORD_HASHERS)
    if key not in _HASHES:
        _HASHES[key] = make_password(PASSWORD)
    return _HASHES[key]


def demo_user_create(**fields: Any) -> User:
    """`user_create` (audited, checked) for a demo login, with the shared demo password."""
    # None: no hash is computed for an unusable password; the shared hash is set just after.
    user = user_create(password=None, **fields)
    user.password = _password_hash()
    user.save(update_fields=["password"])
    return user


def build_users(units: dict[str, Unit], people: dict[str, Person]) -> list[User]:
    users = []
    for login in LOGINS:
        user = demo_user_create(
            actor=None,
            username=login.username,
            full_name=login.full_name,
            person=people.get(login.person_name),
            is_staff=login.superuser,
            is_superuser=login.superuser,
        )
        grant_role(actor=None, user=user, role=login.role, unit=units[login.unit_code])
        users.append(user)
    return users


@dataclass(frozen=True)
class LoginRow:
    role: str
    username: str
    password: str
    scope: str


def login_rows() -> list[LoginRow]:
    """The demo logins that exist in this database, in the order of LOGINS."""
    grants = {
        (g.user.username, g.role): g
        for g in RoleGrant.objects.select_related("user", "unit").filter(
            user__username__in=[login.username for login in LOGINS]
        )
    }
    rows = []
    for login in LOGINS:
        grant = grants.get((login.username, login.role))
        if grant is None:
            continue
        rows.append(LoginRow(str(login.role.label), login.username, PASSWORD, grant.unit.name))
    return rows


def step(ctx: DemoContext) -> None:
    ctx.made["users"] = len(build_users(ctx.units, ctx.officials))
