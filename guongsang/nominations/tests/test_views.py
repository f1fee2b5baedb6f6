import pytest
from django.urls import reverse

from guongsang.nominations import services
from guongsang.nominations.tests.factories import PDF, make_dossier, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def test_the_unit_and_its_level_download_an_evidence_file_others_get_404(client, world):
    dossier = make_dossier(world, complete=False)
    evidence = services.dossier_attach(
        actor=world.officer, dossier=dossier, kind="evidence", upload=pdf_upload("giay-khen.pdf")
    )
    url = reverse("nominations:file_download", args=[evidence.uuid])
    for user in (world.officer, world.secretariat):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "giay-khen.pdf" in response["Content-Disposition"]
    client.force_login(world.other_officer)
    assert client.get(url).status_code == 404
