from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
