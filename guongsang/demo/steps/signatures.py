"""Digital signatures in the demo: a root certificate of its own (standing in for the
Government Cipher Committee's CA) in the trust list, a PKCS#12 credential for the Director and
the department's seal, and the department's latest decision signed with them. The Director's
other decisions are left for signing by hand (passphrase DEMO_PASSPHRASE)."""

from __future__ import annotations

from django.conf import settings

from guongsang.accounts.models import User
from guongsang.core.files import file_save
from guongsang.decisions.models import Decision, DecisionKind, DecisionState
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.org.models import Unit
from guongsang.signatures import pki, services
from guongsang.signatures.models import Credential, CredentialKind, TrustedRoot

DEMO_PASSPHRASE = "kyso-demo"  # noqa: S105 - printed in the README: the demo's, not a secret


def _p12(issued: pki.Issued, passphrase: str) -> str:
    return file_save(folder="signing", extension=".p12", content=issued.pkcs12(passphrase))


def step(ctx: DemoContext) -> None:
    department = Unit.objects.get(code=facts.DEPARTMENT)
    director = User.objects.get(username="giamdoc")
    root = pki.make_root("Gương Sáng - CA dùng thử (không dùng thật)")
    TrustedRoot.objects.create(name="CA dùng thử của bản demo", certificate_pem=root.pem)
    person = pki.issue(root, director.full_name, organisation=department.name)
    seal = pki.issue(root, department.name, organisation="UBND thành phố Hà Nội")
    assert isinstance(person, pki.Issued) and isinstance(seal, pki.Issued)
    Credential.objects.create(
        user=director,
        kind=CredentialKind.PKCS12,
        certificate_pem=person.pem,
        pkcs12=_p12(person, DEMO_PASSPHRASE),
    )
    if settings.GS_SEAL_PASSPHRASE:  # the seal's file opens with the installation's passphrase
        Credential.objects.create(
            authority=department,
            kind=CredentialKind.PKCS12,
            certificate_pem=seal.pem,
            pkcs12=_p12(seal, settings.GS_SEAL_PASSPHRASE),
        )
    latest = (
        Decision.objects.filter(
            authority=department,
            signed_by=director,
            state=DecisionState.SIGNED,
            kind=DecisionKind.AWARD,
        )
        .order_by("-decision_date", "-number")
        .first()
    )
    if latest is not None:
        services.sign_on_server(actor=director, decision=latest, secret=DEMO_PASSPHRASE)
        ctx.made["signed_documents"] = 1
