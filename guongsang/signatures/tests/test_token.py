"""Signing with the key on a PKCS#11 token, as with a USB signing token: SoftHSM2 (Debian's
`softhsm2`) stands in for the token. The key is made on the token and never leaves it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError

from guongsang.core.files import file_read
from guongsang.signatures import pdf, pki, services
from guongsang.signatures.models import Credential, CredentialKind, TrustedRoot
from guongsang.signatures.tests.factories import numbered_decision

pytestmark = pytest.mark.django_db

LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN, KEY, PIN = "gs-giamdoc", "khoa-ky-so", "246810"


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A fresh token with an RSA key pair made on it; the public key, to certify."""
    assert shutil.which("softhsm2-util") and os.path.exists(LIBRARY), (
        "SoftHSM2 is required: `make test` installs the Debian package softhsm2"
    )
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by the library when it is first loaded
    command = [shutil.which("softhsm2-util") or "softhsm2-util", "--init-token", "--free"]
    command += ["--label", TOKEN, "--pin", PIN, "--so-pin", "13579135"]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - fixed arguments
    import pkcs11
    from cryptography.hazmat.primitives.asymmetric import rsa
    from pkcs11 import Attribute, KeyType

    library = pkcs11.lib(LIBRARY)
    with library.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        public, _private = session.generate_keypair(KeyType.RSA, 2048, store=True, label=KEY)
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(public[Attribute.MODULUS], "big"),
        )
    return numbers.public_key()


def _setup(world, public_key):
    from guongsang.decisions.tests.factories import signer

    signer(world)
    root = pki.make_root("CA thử nghiệm thiết bị ký số")
    certificate = pki.issue(
        root, "Bạch Liên Hương", organisation="Sở LĐTBXH", public_key=public_key
    )
    TrustedRoot.objects.create(name="CA thử nghiệm", certificate_pem=root.pem)
    from cryptography.hazmat.primitives import serialization

    Credential.objects.create(
        user=world.signer,
        kind=CredentialKind.PKCS11,
        token_label=TOKEN,
        key_label=KEY,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
    )
    return root


def test_the_token_signs_and_the_signature_is_trusted(world, token, settings):
    settings.GS_PKCS11_LIBRARY = LIBRARY
    root = _setup(world, token)
    decision = numbered_decision(world)
    document = services.sign_on_server(actor=world.signer, decision=decision, secret=PIN)
    assert document.kind == CredentialKind.PKCS11
    checks = pdf.check(file_read(document.signed), [root.pem])
    assert len(checks) == 1  # no seal credential in this test: the person's signature only
    assert checks[0].signer_common_name == "Bạch Liên Hương"
    assert checks[0].intact and checks[0].trusted


def test_a_wrong_pin_signs_nothing(world, token, settings):
    settings.GS_PKCS11_LIBRARY = LIBRARY
    _setup(world, token)
    decision = numbered_decision(world)
    with pytest.raises(ValidationError, match="mã PIN"):
        services.sign_on_server(actor=world.signer, decision=decision, secret="000000")
    assert not decision.signed_document.is_signed
