"""Signing a numbered decision's PDF (PAdES) on the server and outside, and checking PDFs."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from guongsang.core.files import file_read
from guongsang.signatures import pdf, services
from guongsang.signatures.tests.factories import PASSPHRASE, make_pki, numbered_decision, register

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def keys():
    return make_pki()


def _sign_outside(content: bytes, issued, name: str = "Bạch Liên Hương") -> bytes:
    """What the agency's own signing tool does: an incremental PAdES signature."""
    signer = pdf.signer_from_pkcs12(issued.pkcs12("x"), "x")
    return pdf.sign_as_person(content, signer, name=name, agency="Sở")


def test_signing_on_the_server_gives_a_pdf_signed_by_the_person_then_the_agency(world, keys):
    register(world, keys)
    decision = numbered_decision(world)
    document = services.sign_on_server(actor=world.signer, decision=decision, secret=PASSPHRASE)
    content = file_read(document.signed)
    checks = pdf.check(content, [keys.root.pem])
    assert [c.field for c in checks] == [pdf.SIGNER_FIELD, pdf.SEAL_FIELD]
    assert [c.signer_common_name for c in checks] == [
        "Bạch Liên Hương",
        "Sở Lao động - Thương binh và Xã hội",
    ]
    assert all(c.intact and c.trusted for c in checks)
    # The signed file begins with the prepared one, byte for byte: signing added, changed nothing.
    assert content.startswith(file_read(document.prepared))
    verdict = services.verify(content)
    assert verdict.ours and verdict.unchanged and not verdict.changed
    assert verdict.decision == decision


def test_a_wrong_passphrase_signs_nothing(world, keys):
    register(world, keys)
    decision = numbered_decision(world)
    with pytest.raises(ValidationError, match="Mật khẩu"):
        services.sign_on_server(actor=world.signer, decision=decision, secret="sai")
    assert not decision.signed_document.is_signed


def test_only_the_person_who_signed_the_decision_signs_it_digitally(world, keys):
    register(world, keys)
    decision = numbered_decision(world)
    with pytest.raises(ValidationError, match="Chỉ người đã ký"):
        services.sign_on_server(actor=world.secretariat, decision=decision, secret=PASSPHRASE)


def test_one_changed_byte_is_seen(world, keys):
    register(world, keys)
    decision = numbered_decision(world)
    document = services.sign_on_server(actor=world.signer, decision=decision, secret=PASSPHRASE)
    content = bytearray(file_read(document.signed))
    # A byte of the page's content stream, inside what both signatures cover.
    position = content.index(b"stream", 200) + 20
    content[position] ^= 0x01
    verdict = services.verify(bytes(content))
    assert verdict.changed
    assert not verdict.unchanged


def test_a_signature_under_an_untrusted_root_is_not_trusted(world, keys):
    from guongsang.signatures import pki

    register(world, keys)
    decision = numbered_decision(world)
    document = services.prepared_document(actor=world.signer, decision=decision)
    outsider = pki.issue(keys.stranger_root, "Bạch Liên Hương")
    content = _sign_outside(file_read(document.prepared), outsider)
    verdict = services.verify(content)
    assert verdict.signatures and not verdict.all_trusted
    with pytest.raises(ValidationError, match="tin cậy"):
        services.accept_external(actor=world.signer, decision=decision, content=content)


def test_a_pdf_signed_outside_by_the_signer_is_accepted(world, keys):
    register(world, keys, seal=False)
    decision = numbered_decision(world)
    document = services.prepared_document(actor=world.signer, decision=decision)
    content = _sign_outside(file_read(document.prepared), keys.signer)
    kept = services.accept_external(actor=world.signer, decision=decision, content=content)
    assert kept.is_signed and kept.kind == "external"
    assert services.verify(content).unchanged


def test_a_pdf_signed_outside_by_another_person_is_refused(world, keys):
    register(world, keys, seal=False)
    decision = numbered_decision(world)
    document = services.prepared_document(actor=world.signer, decision=decision)
    content = _sign_outside(file_read(document.prepared), keys.other, name="Trần Văn Khác")
    with pytest.raises(ValidationError, match="Trần Văn Khác"):
        services.accept_external(actor=world.signer, decision=decision, content=content)
    document.refresh_from_db()
    assert not document.is_signed


def test_a_signed_pdf_of_other_content_is_refused(world, keys):
    from pypdf import PdfReader, PdfWriter

    register(world, keys, seal=False)
    decision = numbered_decision(world)
    document = services.prepared_document(actor=world.signer, decision=decision)
    # The document edited and saved again (a page added), then signed by the right
    # person.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(file_read(document.prepared))))
    writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    content = _sign_outside(out.getvalue(), keys.signer)
    with pytest.raises(ValidationError, match="bản đã chuẩn bị"):
        services.accept_external(actor=world.signer, decision=decision, content=content)


def test_a_pdf_that_is_not_ours_is_said_so(world, keys):
    register(world, keys)
    from weasyprint import HTML

    verdict = services.verify(HTML(string="<p>Một văn bản khác</p>").write_pdf())
    assert not verdict.ours and not verdict.signatures


def test_a_certificate_batch_is_sealed_by_the_agency(world, keys):
    from guongsang.decisions import certificates

    register(world, keys)
    decision = numbered_decision(world)
    batch = certificates.render(certificates.for_decision(decision), total=1)
    for finish in certificates.FINISHERS:
        batch = finish(decision, batch)
    checks = pdf.check(batch, [keys.root.pem])
    assert [c.signer_common_name for c in checks] == ["Sở Lao động - Thương binh và Xã hội"]
    assert checks[0].intact and checks[0].trusted


def test_without_a_seal_the_batch_is_left_as_drawn(world, keys):
    from guongsang.decisions import certificates

    register(world, keys, seal=False)
    decision = numbered_decision(world)
    batch = certificates.render(certificates.for_decision(decision), total=1)
    assert services.seal_certificates(decision, batch) == batch
