"""The admin sets each authority's header, signer titles, number code and, if it wishes, its
own DOCX template of a decision (made from the default one, edited in Word)."""

import io
import zipfile
from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guongsang.core.admin import AuditedModelAdmin
from guongsang.decisions.models import AuthorityProfile


class AuthorityProfileForm(forms.ModelForm):
    class Meta:
        model = AuthorityProfile
        fields = [
            "authority",
            "code",
            "parent_name",
            "issuer_name",
            "place",
            "head_title",
            "deputy_title",
            "docx_template",
        ]

    def clean_docx_template(self) -> Any:
        upload = self.cleaned_data.get("docx_template")
        if upload and hasattr(upload, "read"):
            content = upload.read()
            upload.seek(0)
            try:
                zipfile.ZipFile(io.BytesIO(content)).getinfo("word/document.xml")
            except (zipfile.BadZipFile, KeyError) as exc:
                raise forms.ValidationError(_("Tệp mẫu phải là tệp Word (DOCX).")) from exc
        return upload


@admin.register(AuthorityProfile)
class AuthorityProfileAdmin(AuditedModelAdmin):
    form = AuthorityProfileForm
    list_display = ["issuer_name", "authority", "code", "head_title", "docx_template"]
    search_fields = ["issuer_name", "code", "authority__name"]
    autocomplete_fields = ["authority"]
