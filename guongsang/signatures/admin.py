from typing import Any

from django.contrib import admin

from guongsang.signatures.models import Credential, SignedDocument, TrustedRoot


@admin.register(TrustedRoot)
class TrustedRootAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "created_at")


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "active", "created_at")
    list_filter = ("kind", "active")
    raw_id_fields = ("user", "authority")


@admin.register(SignedDocument)
class SignedDocumentAdmin(admin.ModelAdmin):
    list_display = ("decision", "kind", "signer_subject", "signed_at")
    readonly_fields = [f.name for f in SignedDocument._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
