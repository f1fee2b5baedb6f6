"""Signing a decision's PDF digitally, accepting a PDF signed outside, and checking any PDF.

The decision is numbered and dated when its signer confirms it ("Ký và cấp số"); the digital
signature then goes on the PDF of that numbered decision, which becomes the document of record:
the signer's signature first, then the agency's seal, both PAdES. Three ways to reach the key:
a PKCS#12 file kept on the server and opened with the signer's passphrase; a PKCS#11 token
(a USB token on the signing machine; SoftHSM2 in the tests); or the agency's own signing tool,
with the prepared PDF downloaded and the signed one uploaded back."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.files import file_read, file_save
from guongsang.core.formatting import nfc
from guongsang.core.types import Actor, actor_user
from guongsang.decisions import documents
from guongsang.decisions.models import Decision, DecisionKind, DecisionState
from guongsang.signatures import pdf
from guongsang.signatures.models import (
    Credential,
    CredentialKind,
    SignedDocument,
    TrustedRoot,
)


def trusted_roots() -> list[str]:
    return list(TrustedRoot.objects.filter(active=True).values_list("certificate_pem", flat=True))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def certificate_sha256(pem_text: str) -> str:
    """The SHA-256 of a certificate's DER bytes (how a signature names its certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    certificate = x509.load_pem_x509_certificate(pem_text.encode())
    return _sha256(certificate.public_bytes(serialization.Encoding.DER))


def _require_signer(actor: Actor, decision: Decision) -> None:
    if decision.state != DecisionState.SIGNED:
        raise ValidationError(_("Quyết định chưa được ký và cấp số."))
    user = actor_user(actor)
    if user is None or decision.signed_by_id != user.pk:
        raise ValidationError(_("Chỉ người đã ký quyết định mới ký số được văn bản này."))


def prepared_document(*, actor: Actor, decision: Decision) -> SignedDocument:
    """The numbered decision's PDF, made once and kept: what is signed, on the server or
    outside, is exactly these bytes."""
    _require_signer(actor, decision)
    existing = SignedDocument.objects.filter(decision=decision).first()
    if existing is not None:
        return existing
    content = pdf.identify(documents.decision_pdf(decision), str(decision.uuid))
    document = SignedDocument.objects.create(
        decision=decision,
        prepared=file_save(folder="signing/prepared", extension=".pdf", content=content),
        prepared_sha256=_sha256(content),
    )
    audit.audit_create(actor=actor, obj=document, reason=_("Chuẩn bị văn bản để ký số"))
    return document


def _open_signer(credential: Credential, secret: str) -> Any:
    """The key behind a credential, opened with the passphrase or PIN the person typed."""
    if credential.kind == CredentialKind.PKCS12:
        try:
            return pdf.signer_from_pkcs12(file_read(credential.pkcs12), secret)
        except ValueError as exc:
            raise ValidationError(_("Mật khẩu của chứng thư số không đúng.")) from exc
    if credential.kind == CredentialKind.PKCS11:
        return pdf.signer_from_token(
            settings.GS_PKCS11_LIBRARY,
            token_label=credential.token_label,
            key_label=credential.key_label,
            certificate_pem=credential.certificate_pem,
            pin=secret,
        )
    raise ValidationError(_("Chứng thư này ký bằng phần mềm ngoài: tải bản chuẩn bị về để ký."))


def credential_of(user: Actor) -> Credential | None:
    return (
        Credential.objects.filter(user=actor_user(user), active=True)
        .order_by("-created_at")
        .first()
    )


def seal_of(authority: Any) -> Credential | None:
    return (
        Credential.objects.filter(authority=authority, active=True).order_by("-created_at").first()
    )


def sign_on_server(*, actor: Actor, decision: Decision, secret: str) -> SignedDocument:
    """The signer's signature with their own key, then the agency's seal when it has one."""
    document = prepared_document(actor=actor, decision=decision)
    if document.is_signed:
        raise ValidationError(_("Văn bản này đã được ký số."))
    credential = credential_of(actor_user(actor))
    if credential is None:
        raise ValidationError(_("Bạn chưa có chứng thư ký số: liên hệ quản trị hệ thống."))
    signer = _open_signer(credential, secret)
    agency = decision.authority.name
    try:
        content = pdf.sign_as_person(
            file_read(document.prepared),
            signer,
            name=decision.signer_name,
            agency=agency,
            stamper=pdf.timestamper(settings.GS_TSA_URL),
        )
    finally:
        session = getattr(signer, "pkcs11_session", None)
        if session is not None:
            session.close()  # a token allows few sessions: give it back at once
    seal = seal_of(decision.authority)
    if seal is not None and seal.kind == CredentialKind.PKCS12:
        content = pdf.sign_as_agency(
            content,
            _open_signer(seal, settings.GS_SEAL_PASSPHRASE),
            agency=agency,
            name=decision.signer_name,
            stamper=pdf.timestamper(settings.GS_TSA_URL),
        )
    subject = pdf.certificate_subject(credential.certificate_pem)
    return _keep(
        actor=actor, document=document, content=content, kind=credential.kind, subject=subject
    )


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What the public check says of a PDF brought to it."""

    ours: bool  # a decision of this system
    decision: Decision | None
    unchanged: bool  # the very bytes the system keeps as signed
    signatures: list[pdf.SignatureCheck]
    damaged: bool  # could not be read as a signed PDF at all
    revoked_by: Decision | None

    @property
    def all_intact(self) -> bool:
        return bool(self.signatures) and all(s.intact for s in self.signatures)

    @property
    def all_trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    @property
    def changed(self) -> bool:
        return self.damaged or not self.all_intact or (self.ours and not self.unchanged)


def _checks(content: bytes) -> tuple[list[pdf.SignatureCheck], bool]:
    try:
        return pdf.check(content, trusted_roots()), False
    except Exception:  # a file that is not a readable signed PDF: say so, whatever it is
        return [], True


def verify(content: bytes) -> Verdict:
    identifier = pdf.identifier_of(content)
    document = None
    if identifier:
        document = (
            SignedDocument.objects.select_related("decision", "decision__authority")
            .filter(decision__uuid=_uuid_or_none(identifier))
            .exclude(signed_sha256="")
            .first()
        )
    signatures, damaged = _checks(content)
    decision = document.decision if document else None
    revoked_by = None
    if decision is not None:
        revoked_by = Decision.objects.filter(
            amends=decision, kind=DecisionKind.REVOCATION, state=DecisionState.SIGNED
        ).first()
    return Verdict(
        ours=document is not None,
        decision=decision,
        unchanged=document is not None and _sha256(content) == document.signed_sha256,
        signatures=signatures,
        damaged=damaged,
        revoked_by=revoked_by,
    )


def _uuid_or_none(text: str) -> Any:
    import uuid

    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def accept_external(*, actor: Actor, decision: Decision, content: bytes) -> SignedDocument:
    """A PDF signed with the agency's own tool, uploaded back: accepted only when it is the
    prepared document with signatures added, every signature intact and trusted, and the first
    one made by the person the decision names as its signer."""
    document = prepared_document(actor=actor, decision=decision)
    if document.is_signed:
        raise ValidationError(_("Văn bản này đã được ký số."))
    prepared = file_read(document.prepared)
    if not content.startswith(prepared) or len(content) == len(prepared):
        raise ValidationError(
            _(
                "Tệp tải lên không phải bản đã chuẩn bị để ký của quyết định này, hoặc nội dung "
                "đã bị thay đổi khi ký. Hãy ký đúng tệp đã tải về, không sửa nội dung."
            )
        )
    signatures, damaged = _checks(content)
    if damaged or not signatures:
        raise ValidationError(_("Không đọc được chữ ký số trong tệp tải lên."))
    if not all(s.intact for s in signatures):
        raise ValidationError(_("Chữ ký số trong tệp không toàn vẹn: tệp đã bị sửa sau khi ký."))
    if not all(s.trusted for s in signatures):
        raise ValidationError(
            _("Chứng thư số của người ký không thuộc danh sách chứng thư gốc tin cậy.")
        )
    first = signatures[0]
    credential = credential_of(actor_user(actor))
    if credential is not None:
        expected = certificate_sha256(credential.certificate_pem)
        who_signed = first.signer_certificate_sha256 == expected
    else:
        who_signed = (
            nfc(first.signer_common_name).casefold() == nfc(decision.signer_name).casefold()
        )
    if not who_signed:
        raise ValidationError(
            _("Văn bản được ký bởi %(who)s, không phải người ký quyết định (%(signer)s).")
            % {"who": first.signer_common_name, "signer": decision.signer_name}
        )
    return _keep(
        actor=actor,
        document=document,
        content=content,
        kind=CredentialKind.EXTERNAL,
        subject=first.signer_subject,
    )


@transaction.atomic
def _keep(
    *, actor: Actor, document: SignedDocument, content: bytes, kind: str, subject: str
) -> SignedDocument:
    """The signed PDF becomes the document of record (its signatures were made here, or
    checked, by the caller)."""
    before = audit.snapshot(document)
    document.signed = file_save(folder="signing/signed", extension=".pdf", content=content)
    document.signed_sha256 = _sha256(content)
    document.kind = kind
    document.signer_subject = subject[:300]
    document.signed_at = timezone.now()
    document.save()
    audit.audit_state(
        actor=actor,
        obj=document,
        before=before,
        reason=_("Ký số quyết định số %(n)s") % {"n": document.decision.full_number},
    )
    return document


def seal_certificates(decision: Decision, content: bytes) -> bytes:
    """A certificate batch sealed digitally by the issuing agency, when it has a seal file."""
    seal = seal_of(decision.authority)
    if seal is None or seal.kind != CredentialKind.PKCS12 or not settings.GS_SEAL_PASSPHRASE:
        return content
    signer = _open_signer(seal, settings.GS_SEAL_PASSPHRASE)
    return pdf.seal_invisibly(content, signer, stamper=pdf.timestamper(settings.GS_TSA_URL))
