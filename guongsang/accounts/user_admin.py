"""The administrator's work on accounts (quản trị người dùng): a new user with the first role
grant, more grants and their removal, locking and unlocking, a forced reset of the second
factor. Every write is checked against the admin's own scope and written to the audit log."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.accounts import services
from guongsang.accounts.models import RoleGrant, User
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.permissions import forget, in_scope, is_superuser
from guongsang.core.roles import Role
from guongsang.core.types import Actor, actor_user
from guongsang.org.models import Unit

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,29}$")


def _check_scope(actor: Actor, unit: Unit) -> None:
    if not in_scope(actor_user(actor), unit.pk, Role.ADMIN):
        raise PermissionDenied(
            _("Đơn vị “%(unit)s” ngoài phạm vi quản trị của bạn.") % {"unit": unit}
        )


@transaction.atomic
def user_create_with_grant(
    *, actor: Actor, username: str, full_name: str, email: str, role: str, unit: Unit
) -> tuple[User, str]:
    """A new account with its first role; no password is chosen for it: the returned path is
    the one-time link where the user sets one."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise ValidationError(
            _(
                "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang, "
                "gạch dưới; dài 3–30 ký tự."
            )
        )
    _check_scope(actor, unit)
    if role == Role.ADMIN and not is_superuser(actor_user(actor)):
        raise PermissionDenied(_("Chỉ quản trị tối cao mới cấp được quyền quản trị."))
    user = services.user_create(
        actor=actor,
        username=username,
        password=None,
        full_name=nfc(full_name).strip(),
        email=email.strip(),
    )
    services.grant_role(actor=actor, user=user, role=role, unit=unit)
    return user, services.password_link(user)


@transaction.atomic
def grant_add(*, actor: Actor, user: User, role: str, unit: Unit) -> RoleGrant:
    _check_scope(actor, unit)
    if role == Role.ADMIN and not is_superuser(actor_user(actor)):
        raise PermissionDenied(_("Chỉ quản trị tối cao mới cấp được quyền quản trị."))
    if user.grants.filter(role=role, unit=unit).exists():
        raise ValidationError(_("Người dùng đã có quyền này ở đơn vị này."))
    return services.grant_role(actor=actor, user=user, role=role, unit=unit)


@transaction.atomic
def grant_remove(*, actor: Actor, grant: RoleGrant) -> None:
    _check_scope(actor, grant.unit)
    if grant.user_id == getattr(actor_user(actor), "pk", None) and grant.role == Role.ADMIN:
        raise ValidationError(_("Bạn không thể tự bỏ quyền quản trị của chính mình."))
    services.revoke_role(actor=actor, grant=grant)


@transaction.atomic
def user_set_active(*, actor: Actor, user: User, active: bool, reason: str = "") -> User:
    """Khoá / mở khoá: a locked user cannot log in, and a session already open ends at its
    next request (the auth backend refuses an inactive user); API tokens stop too."""
    if user.pk == getattr(actor_user(actor), "pk", None):
        raise ValidationError(_("Bạn không thể tự khoá tài khoản của chính mình."))
    reason = nfc(reason).strip()
    if not active and not reason:
        raise ValidationError(_("Cần ghi rõ lý do khoá tài khoản."))
    if user.is_active == active:
        return user
    before = audit.snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.audit_update(actor=actor, obj=user, before=before, reason=reason)
    forget(user)
    return user


@transaction.atomic
def two_factor_reset(*, actor: Actor, user: User) -> int:
    """Xoá xác thực hai bước: the authenticator app and the backup codes of the user stop
    working; the user sets up a new second factor at the next login. The password stays."""
    removed = services.clear_second_factor(user)
    audit.audit_log(
        actor=actor,
        action=AuditAction.PASSWORD,
        obj=user,
        reason=f"Quản trị buộc cài lại xác thực hai bước (xoá {removed} thiết bị)",
    )
    return removed
