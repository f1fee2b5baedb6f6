from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guongsang.core.widgets import BootstrapFormMixin

MAX_PDF_BYTES = 20 * 1024 * 1024


def _pdf_bytes(upload: Any) -> bytes:
    """The uploaded file's bytes, when it is a PDF (by its content, not its name) of a sane size."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(_("Tệp lớn hơn 20 MB."))
    content = upload.read()
    if not content.lstrip()[:5] == b"%PDF-":
        raise ValidationError(_("Tệp không phải là PDF."))
    return content


class SignForm(BootstrapFormMixin, forms.Form):
    secret = forms.CharField(
        label=_("Mật khẩu chứng thư số hoặc mã PIN của thiết bị ký số"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        max_length=200,
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận ký số văn bản này; sau khi ký, văn bản không thể thay đổi.")
    )


class UploadSignedForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF đã ký số"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )

    def clean_file(self) -> bytes:
        return _pdf_bytes(self.cleaned_data["file"])


class CheckForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )

    def clean_file(self) -> bytes:
        return _pdf_bytes(self.cleaned_data["file"])
