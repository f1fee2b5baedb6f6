"""A small certificate authority for the demo and the tests: a root and the certificates it
issues to signers and agencies, as the Government Cipher Committee's CA issues them in real
use (there, the keys live on USB tokens and this module is not used)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclasses.dataclass
class Issued:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    def pkcs12(self, passphrase: str, chain: list[x509.Certificate] | None = None) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=self.certificate.subject.rfc4514_string().encode(),
            key=self.key,
            cert=self.certificate,
            cas=chain or [],
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
        )


def _name(common_name: str, organisation: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: rsa.RSAPublicKey,
    *,
    years: int,
    authority: bool,
) -> x509.CertificateBuilder:
    """A certificate valid from yesterday for `years`: a certificate authority's (signs
    certificates and revocation lists) or a signer's (signs documents, non-repudiation)."""
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not authority,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=authority,
                crl_sign=authority,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )


def make_root(common_name: str, *, years: int = 10) -> Issued:
    key = new_key()
    name = _name(common_name)
    builder = _builder(name, name, key.public_key(), years=years, authority=True)
    return Issued(key, builder.sign(key, hashes.SHA256()))


def issue(
    root: Issued,
    common_name: str,
    *,
    organisation: str = "",
    public_key: rsa.RSAPublicKey | None = None,
    years: int = 3,
) -> Issued | x509.Certificate:
    """A signing certificate for a person or an agency. With `public_key` (a key kept on a
    token), only the certificate is returned."""
    key = None if public_key else new_key()
    builder = _builder(
        _name(common_name, organisation),
        root.certificate.subject,
        public_key or key.public_key(),  # type: ignore[union-attr]
        years=years,
        authority=False,
    ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    certificate = builder.sign(root.key, hashes.SHA256())
    if key is None:
        return certificate
    return Issued(key, certificate)
