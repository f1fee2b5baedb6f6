"""A demo CA, a signer's and an agency's credentials, and a numbered decision to sign."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from guongsang.core.files import file_save
from guongsang.decisions.tests.factories import signed_decision, signer
from guongsang.signatures import pki
from guongsang.signatures.models import Credential, CredentialKind, TrustedRoot

PASSPHRASE = "mat-khau-ky-so"


@dataclasses.dataclass
class Pki:
    root: pki.Issued
    signer: pki.Issued
    other: pki.Issued
    agency: pki.Issued
    stranger_root: pki.Issued


def make_pki() -> Pki:
    root = pki.make_root("Gương Sáng Thử nghiệm Root CA")
    return Pki(
        root=root,
        signer=pki.issue(root, "Bạch Liên Hương", organisation="Sở LĐTBXH"),
        other=pki.issue(root, "Trần Văn Khác", organisation="Sở LĐTBXH"),
        agency=pki.issue(root, "Sở Lao động - Thương binh và Xã hội"),
        stranger_root=pki.make_root("Một CA không tin cậy"),
    )


def register(world, keys: Pki, *, seal: bool = True, settings=None) -> None:
    """The root in the trust list, the signer's PKCS#12 credential, the agency's seal."""
    signer(world)
    TrustedRoot.objects.create(name="CA thử nghiệm", certificate_pem=keys.root.pem)
    Credential.objects.create(
        user=world.signer,
        kind=CredentialKind.PKCS12,
        certificate_pem=keys.signer.pem,
        pkcs12=file_save(
            folder="signing", extension=".p12", content=keys.signer.pkcs12(PASSPHRASE)
        ),
    )
    if seal:
        Credential.objects.create(
            authority=world.dept,
            kind=CredentialKind.PKCS12,
            certificate_pem=keys.agency.pem,
            pkcs12=file_save(
                folder="signing", extension=".p12", content=keys.agency.pkcs12("con-dau-demo")
            ),
        )


def numbered_decision(world):
    """A decision numbered and dated today by the Director (signer_name = the certificate's)."""
    return signed_decision(world, on=timezone.localdate() - dt.timedelta(days=0))
