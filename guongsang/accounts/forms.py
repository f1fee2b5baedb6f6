from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core.roles import Role
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.pickers import UnitChoiceField


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khoá."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class TokenForm(forms.Form):
    """A 6-digit code from the authenticator app, or one of the 8-character backup codes."""

    token = forms.CharField(
        label=_("Mã xác thực 6 số (hoặc mã dự phòng)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split()).replace("-", "").lower()
        if token.isascii() and token.isdigit() and len(token) == 6:
            return token
        if len(token) == 8 and token.isascii() and token.isalnum():
            return token
        raise forms.ValidationError(
            _("Nhập mã 6 chữ số từ ứng dụng xác thực, hoặc một mã dự phòng 8 ký tự.")
        )

    @property
    def is_backup_code(self) -> bool:
        return len(self.cleaned_data.get("token", "")) == 8


class GrantForm(BootstrapFormMixin, forms.Form):
    """A role over a unit and everything under it; the units are those of the admin's scope,
    found by typing (`accounts:pick_unit` answers from the same scope)."""

    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = UnitChoiceField(
        label=_("Phạm vi (đơn vị và các đơn vị trực thuộc)"),
        queryset=None,
        picker="accounts:pick_unit",
    )

    def __init__(self, *args: Any, units: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class UserCreateForm(GrantForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=30,
        help_text=_("Chữ thường không dấu, chữ số, dấu chấm hoặc gạch ngang, ví dụ: nguyenvana."),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Nếu có, liên kết đặt mật khẩu được gửi tới địa chỉ này."),
    )
    field_order = ["username", "full_name", "email", "role", "unit"]


class LockForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do khoá"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProfileForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    notify_by_email = forms.BooleanField(
        label=_("Nhận thông báo qua thư điện tử"),
        required=False,
        help_text=_(
            "Hồ sơ được gửi, trả lại, có quyết định; nhắc hạn đăng ký, hạn nộp và hạn bỏ phiếu. "
            "Thông báo trong hệ thống (chuông) vẫn luôn có."
        ),
    )
