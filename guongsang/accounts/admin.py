"""Users with their role grants, and API tokens (read-only: they are made with the command)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guongsang.accounts.models import ApiToken, RoleGrant, User
from guongsang.accounts.services import api_token_revoke
from guongsang.core.admin import AuditedModelAdmin, AuditedTabularInline, ReadOnlyModelAdmin

# Access is given by role grants over units, not by Django groups.
admin.site.unregister(Group)


class UserCreationForm(forms.ModelForm):
    """A new account has no password: the user sets one through the one-time link of
    “Đặt lại mật khẩu”, so no admin ever knows it."""

    class Meta:
        model = User
        fields = ("username",)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):  # type: ignore[name-defined]
        model = User


class RoleGrantInline(AuditedTabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["role", "unit", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin, auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin"), {"fields": ("full_name", "email", "person")}),
        (
            _("Trạng thái"),
            {"fields": ("is_active", "is_staff", "is_superuser", "must_change_password")},
        ),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "grants__role"]
    search_fields = ["username", "full_name", "email"]
    filter_horizontal = []
    autocomplete_fields = ["person"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [RoleGrantInline]

    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username",)}),)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """No admin types a password for someone else: the reset sends a one-time link."""
        messages.warning(
            request,
            _(
                "Quản trị không đặt mật khẩu thay người dùng. Hãy dùng “Đặt lại mật khẩu” "
                "trong danh sách người dùng: người dùng nhận liên kết đặt mật khẩu dùng một lần."
            ),
        )
        return HttpResponseRedirect(reverse("accounts:user_list"))


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    fields = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    @admin.action(description=_("Thu hồi các mã đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at=None))
        for token in tokens:
            api_token_revoke(actor=request.user, token=token)
        messages.success(request, _("Đã thu hồi %(n)d mã.") % {"n": len(tokens)})
