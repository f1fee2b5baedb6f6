"""The signing pages check who asks; the public check refuses what is not a PDF."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guongsang.signatures.tests.factories import make_pki, numbered_decision, register

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def keys():
    return make_pki()


def test_only_the_decisions_signer_opens_the_signing_page(client, world, keys):
    register(world, keys)
    decision = numbered_decision(world)
    url = reverse("signatures:sign", args=[decision.uuid])
    client.force_login(world.secretariat)
    assert client.get(url).status_code == 403
    client.force_login(world.signer)
    assert client.get(url).status_code == 200


def test_an_officer_of_another_unit_never_reaches_the_signed_pdf(client, world, keys):
    register(world, keys)
    decision = numbered_decision(world)
    client.force_login(world.other_officer)
    assert client.get(reverse("signatures:signed", args=[decision.uuid])).status_code == 404


def test_the_public_check_refuses_a_file_that_is_not_a_pdf(client, world):
    upload = SimpleUploadedFile("quyet-dinh.pdf", b"GIF89a not a pdf", "application/pdf")
    response = client.post(reverse("document_check:check"), {"file": upload})
    assert response.status_code == 200
    assert "Tệp không phải là PDF." in response.content.decode()
    assert 'id="verdict"' not in response.content.decode()
