"""Digital signatures (chữ ký số) on signed decisions: the trust list, each signer's and each
agency's credential, and the signed PDF kept as the document of record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel
from guongsang.decisions.models import Decision
from guongsang.org.models import Unit


class TrustedRoot(PublicModel):
    """A root certificate the administrator trusts (the Government Cipher Committee's root CA
    in real use): a signature counts as trusted only when its certificate chains to one."""

    name = models.CharField(_("tên"), max_length=200)
    certificate_pem = models.TextField(_("chứng thư gốc (PEM)"))
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("danh sách chứng thư gốc tin cậy")

    def __str__(self) -> str:
        return self.name


class CredentialKind(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp PKCS#12 (.p12) lưu trên máy chủ")
    PKCS11 = "pkcs11", _("Thiết bị ký số (USB token, PKCS#11)")
    EXTERNAL = "external", _("Ký bằng phần mềm ký số của cơ quan, tải lên lại")


class Credential(PublicModel):
    """Where the key of a signer (a person) or of an agency's seal is. The certificate is kept
    to recognise the signer in a document signed outside and uploaded back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_credentials",
        verbose_name=_("người ký"),
    )
    authority = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="seal_credentials",
        verbose_name=_("cơ quan (con dấu)"),
    )
    kind = models.CharField(_("cách ký"), max_length=16, choices=CredentialKind.choices)
    certificate_pem = models.TextField(_("chứng thư số (PEM)"))
    pkcs12 = models.FileField(_("tệp PKCS#12"), upload_to="signing/", blank=True, max_length=300)
    token_label = models.CharField(_("nhãn thiết bị"), max_length=100, blank=True)
    key_label = models.CharField(_("nhãn khoá"), max_length=100, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = _("chứng thư ký số")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) ^ models.Q(authority__isnull=False),
                name="credential_of_person_or_agency",
            )
        ]

    def __str__(self) -> str:
        return str(self.user or self.authority)


class SignedDocument(PublicModel):
    """A decision's PDF prepared for signing and, once signed, the signed PDF: from then on
    the document of record, served as it is and never rebuilt."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="signed_document"
    )
    prepared = models.FileField(upload_to="signing/prepared/", max_length=300)
    prepared_sha256 = models.CharField(max_length=64)
    signed = models.FileField(upload_to="signing/signed/", blank=True, max_length=300)
    signed_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    kind = models.CharField(max_length=16, choices=CredentialKind.choices, blank=True)
    signer_subject = models.CharField(max_length=300, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản ký số")
        verbose_name_plural = _("văn bản ký số")

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_sha256)
