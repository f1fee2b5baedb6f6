"""PAdES signatures on PDF documents with pyHanko: signing with a key from a PKCS#12 file or a
PKCS#11 token, and validating a signed PDF against the configured trust list.

The visible appearance follows Decree 30/2020/NĐ-CP, Annex I, section II: the signer's
signature at the signing place, with the signer's name; the agency's seal over it with the
agency's name and the signing time. Both are drawn as text boxes in a Vietnamese font (the
standard PDF fonts have no Vietnamese letters).

pyHanko and its validator are imported only when a document is signed or checked: a web or
worker process that never signs does not load them."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import functools
import io
import warnings
from collections.abc import Callable, Iterable
from html import escape
from typing import Any, TypeVar

T = TypeVar("T")
# pyHanko names the DSA key type, which cryptography deprecates; nothing here uses DSA.
warnings.filterwarnings("ignore", message="DSA is deprecated")

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
KEY = "/GuongSangDocument"  # the record a prepared PDF belongs to
SIGNER_FIELD = "ChuKyNguoiKy"
SEAL_FIELD = "ChuKyCoQuan"
# Where the signing block sits when its text cannot be found: the right half of the last page,
# above the bottom margin (A4 portrait, points).
DEFAULT_SIGNER_BOX = (330, 140, 530, 190)
SEAL_SIZE = 84  # the seal's diameter in points, about 3 cm


def _off_loop(function: Callable[..., T]) -> Callable[..., T]:
    """pyHanko's synchronous calls start their own event loop; where one already runs in this
    thread (an async server, a browser-driving test), run the call in a thread of its own."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> T:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, *args, **kwargs).result()

    return call


@dataclasses.dataclass(frozen=True)
class SignatureCheck:
    """What a validator says of one signature in a PDF."""

    field: str
    signer_subject: str
    signer_common_name: str
    signer_certificate_sha256: str
    signed_at: dt.datetime | None
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the certificate chains to a root of the trust list and was valid then
    covers_whole_file: bool  # nothing was added after this signature (other than signatures)
    summary: str
    timestamped_at: dt.datetime | None = None  # the time-stamp authority's time, when present


SIGNATURE_HTML = """<html><head><style>
@page {{ size: {w}pt {h}pt; margin: 0 }}
body {{ margin: 0; font-family: 'Liberation Serif', serif; color: #1d3f91; font-size: 7.5pt }}
.box {{ border: 0.8pt solid #1d3f91; border-radius: 3pt; height: {inner}pt; padding: 3pt 5pt;
  line-height: 1.25 }}
.name {{ font-size: 9pt; font-weight: bold }}
</style></head><body><div class="box">{lines}</div></body></html>"""

SEAL_HTML = """<html><head><style>
@page {{ size: {d}pt {d}pt; margin: 0 }}
body {{ margin: 0; font-family: 'Liberation Sans', sans-serif; color: #c8102e }}
.ring {{ width: {d}pt; height: {d}pt; border: 2pt solid #c8102e; border-radius: 50%;
  display: flex; flex-direction: column; justify-content: center; text-align: center;
  font-size: 6pt; line-height: 1.2; padding: 0 7pt; box-sizing: border-box }}
.agency {{ font-weight: bold; text-transform: uppercase }}
</style></head><body><div class="ring">{lines}</div></body></html>"""


def _appearance(html: str) -> Any:
    """A stamp drawn from an HTML snippet by WeasyPrint (Vietnamese letters, colours)."""
    import tempfile

    from pyhanko.stamp import StaticStampStyle
    from weasyprint import HTML

    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(HTML(string=html).write_pdf())
    return StaticStampStyle.from_pdf_file(handle.name, border_width=0)


def _signature_style(name: str, agency: str, at: dt.datetime) -> Any:
    left, bottom, right, top = DEFAULT_SIGNER_BOX
    lines = "<br>".join(
        [
            f'<span class="name">{escape(name)}</span>',
            escape(agency),
            escape("Ký số: " + at.strftime("%d/%m/%Y %H:%M:%S %z")),
        ]
    )
    height = top - bottom
    return _appearance(
        SIGNATURE_HTML.format(w=right - left, h=height, inner=height - 8, lines=lines)
    )


def _seal_style(agency: str, at: dt.datetime) -> Any:
    lines = (
        f'<div class="agency">{escape(agency)}</div>'
        f"<div>{escape(at.strftime('%d/%m/%Y %H:%M:%S'))}</div>"
    )
    return _appearance(SEAL_HTML.format(d=SEAL_SIZE, lines=lines))


def signing_box(pdf: bytes, name: str) -> tuple[int, tuple[int, int, int, int]]:
    """The page of the signing block and the signature's box in the space between the signer's
    position and their name (the signature sits above the name), found by the name's text on
    the first page that holds it (the annex after the body does not); the last page's default
    place when the name is not found."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    left, bottom, right, top = DEFAULT_SIGNER_BOX
    width, height = right - left, top - bottom
    for page_index, page in enumerate(reader.pages):
        found: list[tuple[float, float]] = []

        def visit(text: str, cm: Any, tm: Any, *_args: Any, found: list = found) -> None:
            if name and name in text and not found:
                found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        if found:
            x, y = found[0]
            page_width = float(page.mediabox.width)
            left = int(min(max(x - 30, page_width / 2), page_width - width - 20))
            bottom = int(y) + 12
            return page_index, (left, bottom, left + width, bottom + height)
    return len(reader.pages) - 1, DEFAULT_SIGNER_BOX


def timestamper(url: str) -> Any:
    """An RFC 3161 time-stamp authority at `url`: its token in the signature proves the time
    of signing independently of the signer's clock, so the signature stays verifiable after
    the signer's certificate expires."""
    if not url:
        return None
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    return RequestsHTTPTimeStamper(url, timeout=10)


@_off_loop
def _sign(
    pdf: bytes,
    signer: Any,
    *,
    field: str,
    page: int,
    box: tuple[int, int, int, int] | None,
    style: Any,
    stamper: Any = None,
) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    spec = fields.SigFieldSpec(field, on_page=page, box=box) if box else fields.SigFieldSpec(field)
    fields.append_signature_field(writer, spec)
    metadata = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    out = io.BytesIO()
    signing = signers.PdfSigner(metadata, signer=signer, stamp_style=style, timestamper=stamper)
    signing.sign_pdf(writer, output=out)
    return out.getvalue()


def sign_as_person(
    pdf: bytes, signer: Any, *, name: str, agency: str, stamper: Any = None
) -> bytes:
    """The signer's own signature at the signing place, above their name."""
    page, box = signing_box(pdf, name)
    style = _signature_style(name, agency, dt.datetime.now().astimezone())
    return _sign(pdf, signer, field=SIGNER_FIELD, page=page, box=box, style=style, stamper=stamper)


def sign_as_agency(
    pdf: bytes, signer: Any, *, agency: str, name: str, stamper: Any = None
) -> bytes:
    """The agency's seal over the left third of the signer's signature."""
    page, (left, bottom, _right, top) = signing_box(pdf, name)
    middle, half = (bottom + top) // 2, SEAL_SIZE // 2
    box = (left - half + 10, middle - half, left + half + 10, middle + half)
    style = _seal_style(agency, dt.datetime.now().astimezone())
    return _sign(pdf, signer, field=SEAL_FIELD, page=page, box=box, style=style, stamper=stamper)


def seal_invisibly(pdf: bytes, signer: Any, *, stamper: Any = None) -> bytes:
    """The agency's seal on a whole batch (the certificates): no drawn appearance, as each
    certificate already carries its printed seal place and its verification code."""
    return _sign(pdf, signer, field=SEAL_FIELD, page=0, box=None, style=None, stamper=stamper)


def signer_from_pkcs12(data: bytes, passphrase: str) -> Any:
    """A signer from a PKCS#12 (.p12/.pfx) file's bytes; ValueError on a wrong passphrase."""
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12_data(
        data, other_certs=[], passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:
        raise ValueError("PKCS#12")
    return signer


def signer_from_token(
    library: str, *, token_label: str, key_label: str, certificate_pem: str, pin: str
) -> Any:
    """A signer whose key stays on a PKCS#11 token (a USB token; SoftHSM2 in the tests): the
    token signs the digest, the key never leaves it. The certificate is the one issued for
    that key."""
    from asn1crypto import pem, x509
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _
    from pyhanko.sign import pkcs11

    _kind, _headers, der = pem.unarmor(certificate_pem.encode())
    try:
        session = pkcs11.open_pkcs11_session(
            library, token_criteria=pkcs11.TokenCriteria(label=token_label), user_pin=pin
        )
    except Exception as exc:  # the token library's own errors: wrong PIN, no token plugged in
        raise ValidationError(
            _("Không mở được thiết bị ký số “%(t)s”: kiểm tra thiết bị và mã PIN.")
            % {"t": token_label}
        ) from exc
    return pkcs11.PKCS11Signer(
        session, key_label=key_label, signing_cert=x509.Certificate.load(der), ca_chain=[]
    )


def trust_context(roots_pem: Iterable[str], *, at: dt.datetime | None = None) -> Any:
    from asn1crypto import pem, x509
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for text in roots_pem:
        data = text.encode()
        if pem.detect(data):
            _kind, _headers, data = pem.unarmor(data)
        roots.append(x509.Certificate.load(data))
    # No revocation data can be fetched on an isolated network: soft-fail, as the validator
    # of a reader would, and say so in the summary.
    return ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=at
    )


def certificate_subject(pem_text: str) -> str:
    """The subject of a certificate kept as PEM, written as a signer's is in `check`."""
    from asn1crypto import pem, x509

    _kind, _headers, der = pem.unarmor(pem_text.encode())
    return _subject(x509.Certificate.load(der))


def _subject(certificate: Any) -> str:
    """ "Name — organisation, country" from a certificate's subject, in the order people read."""
    native = certificate.subject.native
    parts = [native.get("common_name"), native.get("organization_name"), native.get("country_name")]
    return " — ".join(str(p) for p in parts if p)


@_off_loop
def check(pdf: bytes, roots_pem: Iterable[str]) -> list[SignatureCheck]:
    """Every signature of the PDF, each validated against the trust list."""
    import hashlib

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    roots = list(roots_pem)
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    results = []
    for embedded in reader.embedded_signatures:
        context = trust_context(roots)
        status = validate_pdf_signature(embedded, context, ts_validation_context=context)
        stamp = status.timestamp_validity
        certificate = status.signing_cert
        results.append(
            SignatureCheck(
                field=embedded.field_name,
                signer_subject=_subject(certificate),
                signer_common_name=str(certificate.subject.native.get("common_name", "")),
                signer_certificate_sha256=hashlib.sha256(certificate.dump()).hexdigest(),
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage
                in (
                    SignatureCoverageLevel.ENTIRE_FILE,
                    SignatureCoverageLevel.ENTIRE_REVISION,
                ),
                summary=status.summary(),
                timestamped_at=stamp.timestamp if stamp is not None and stamp.intact else None,
            )
        )
    return results


def identify(pdf: bytes, identifier: str) -> bytes:
    """The prepared document: the same PDF with the record's identifier in its metadata, so
    that a copy brought back later (signed, or changed) can be matched to its record."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({KEY: identifier})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def identifier_of(pdf: bytes) -> str:
    """The identifier written by `identify`, or "" when the file is not such a document."""
    from pypdf import PdfReader

    try:
        metadata: Any = PdfReader(io.BytesIO(pdf), strict=False).metadata or {}
    except Exception:  # any unreadable file is simply not ours
        return ""
    return str(metadata.get(KEY, "") or "")
