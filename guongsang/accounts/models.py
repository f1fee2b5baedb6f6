"""Users, the roles they are granted over unit subtrees, and API tokens."""

import hashlib
import secrets
import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.core.roles import Role
from guongsang.org.models import Unit


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="users"
    )
    must_change_password = models.BooleanField(default=False)
    # The person's own choice, on their account page: notifications by e-mail as well.
    notify_by_email = models.BooleanField(_("nhận thông báo qua thư điện tử"), default=True)

    SECRET_FIELDS = ("password",)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleGrant(models.Model):
    """Phân quyền: a role held over a unit and everything under it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="grants", verbose_name=_("phạm vi (đơn vị)")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="grant_unique")
        ]
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A token for machine clients of the API; only its hash is stored."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    SECRET_FIELDS = ("key_hash",)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "gs_" + secrets.token_urlsafe(32)
