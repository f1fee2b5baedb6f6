"""Users, role grants, passwords, API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from guongsang.accounts.models import ApiToken, RoleGrant, User
from guongsang.core import audit
from guongsang.core.models import AuditAction
from guongsang.core.permissions import forget
from guongsang.core.roles import Role
from guongsang.core.types import Actor
from guongsang.org.models import Unit


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    person: Any = None,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("Tên đăng nhập “%(name)s” đã tồn tại.") % {"name": username})
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        person=person,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password is None:  # the user sets it through a one-time link
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    audit.audit_create(actor=actor, obj=user)
    return user


@transaction.atomic
def grant_role(*, actor: Actor, user: User, role: str, unit: Unit) -> RoleGrant:
    if role not in Role.values:
        raise ValidationError(_("Vai trò “%(role)s” không tồn tại.") % {"role": role})
    grant, created = RoleGrant.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit.audit_create(actor=actor, obj=grant)
        if role == Role.ADMIN and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    forget(user)
    return grant


@transaction.atomic
def revoke_role(*, actor: Actor, grant: RoleGrant) -> None:
    audit.audit_delete(actor=actor, obj=grant)
    user = grant.user
    grant.delete()
    forget(user)


BACKUP_CODE_COUNT = 10


def clear_second_factor(user: User) -> int:
    """Removes every factor device (authenticator app and backup codes) of the user."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


@transaction.atomic
def password_reset_by_admin(*, actor: Actor, user: User) -> str:
    """Đặt lại mật khẩu: the old password and the second factor stop working at once, and the
    user chooses a new password through a one-time link (path returned). Nobody but the user
    ever knows the new password; the link dies when it is used or after
    PASSWORD_RESET_TIMEOUT."""
    user.set_unusable_password()
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    removed = clear_second_factor(user)
    audit.audit_log(
        actor=actor,
        action=AuditAction.PASSWORD,
        obj=user,
        reason=f"Quản trị đặt lại mật khẩu (gửi liên kết một lần; xoá {removed} thiết bị xác thực)",
    )
    return password_link(user)


def password_link(user: User) -> str:
    """The path of the one-time link where the user chooses a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", args=[uid, token])


@transaction.atomic
def password_reset_completed(*, user: User) -> None:
    """The user set a new password through the link: a new second factor is set up at the
    next login (any device left from before is removed again)."""
    clear_second_factor(user)
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit.audit_log(
        actor=user, action=AuditAction.PASSWORD, obj=user, reason="Đặt mật khẩu qua liên kết"
    )


@transaction.atomic
def backup_codes_generate(*, user: User) -> list[str]:
    """Mã dự phòng: new single-use codes replace the old ones; shown once, then only usable."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Mã dự phòng", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.audit_log(actor=user, action=AuditAction.PASSWORD, obj=user, reason="Tạo mã dự phòng")
    return codes


@transaction.atomic
def password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit.audit_log(actor=user, action=AuditAction.PASSWORD, obj=user, reason="Tự đổi mật khẩu")


@transaction.atomic
def api_token_create(*, actor: Actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is shown once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[:10], key_hash=ApiToken.hash_key(key)
    )
    audit.audit_create(actor=actor, obj=token)
    return token, key


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    before = audit.snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.audit_update(actor=actor, obj=token, before=before)


@transaction.atomic
def profile_update(*, user: User, email: str, notify_by_email: bool) -> User:
    """Tài khoản của tôi: the person's own address and whether notifications also come by
    e-mail."""
    before = audit.snapshot(user)
    user.email = email.strip()
    user.notify_by_email = notify_by_email
    user.save(update_fields=["email", "notify_by_email"])
    audit.audit_update(actor=user, obj=user, before=before)
    return user
