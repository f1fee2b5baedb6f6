"""With a time-stamp server configured, each signature carries the server's time token."""

from __future__ import annotations

import pytest
from asn1crypto import keys, x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from guongsang.core.files import file_read
from guongsang.signatures import pdf, pki, services
from guongsang.signatures.models import TrustedRoot
from guongsang.signatures.tests import tsa_urls
from guongsang.signatures.tests.factories import PASSPHRASE, make_pki, numbered_decision, register

pytestmark = pytest.mark.django_db(transaction=True)


def _tsa(root: pki.Issued):
    """A time-stamping certificate (extended key usage timeStamping, critical) and its key."""
    from cryptography import x509 as cx509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    issued = pki.issue(root, "Máy chủ dấu thời gian thử nghiệm")
    assert isinstance(issued, pki.Issued)
    builder = (
        cx509.CertificateBuilder()
        .subject_name(issued.certificate.subject)
        .issuer_name(root.certificate.subject)
        .public_key(issued.key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(issued.certificate.not_valid_before_utc)
        .not_valid_after(issued.certificate.not_valid_after_utc)
        .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    )
    from cryptography.hazmat.primitives import hashes

    certificate = builder.sign(root.key, hashes.SHA256())
    der_key = issued.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DummyTimeStamper(
        tsa_cert=x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(der_key),
    )


def test_signatures_carry_the_time_stamp_of_the_configured_server(world, live_server, settings):
    settings.ROOT_URLCONF = "guongsang.signatures.tests.tsa_urls"
    keys_ = make_pki()
    register(world, keys_)
    tsa_urls.STAMPER["tsa"] = _tsa(keys_.root)
    settings.GS_TSA_URL = f"{live_server.url}/tsa-thu-nghiem/"
    decision = numbered_decision(world)
    document = services.sign_on_server(actor=world.signer, decision=decision, secret=PASSPHRASE)
    checks = pdf.check(file_read(document.signed), [keys_.root.pem])
    assert len(checks) == 2
    for check in checks:
        assert check.intact and check.trusted
        assert check.timestamped_at is not None
        assert abs((check.timestamped_at - check.signed_at).total_seconds()) < 120


def test_without_a_server_there_is_no_time_stamp(world, settings):
    settings.GS_TSA_URL = ""
    keys_ = make_pki()
    register(world, keys_)
    decision = numbered_decision(world)
    document = services.sign_on_server(actor=world.signer, decision=decision, secret=PASSPHRASE)
    checks = pdf.check(file_read(document.signed), [keys_.root.pem])
    assert all(c.timestamped_at is None for c in checks)
    assert TrustedRoot.objects.count() == 1
