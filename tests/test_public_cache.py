"""The public site is cacheable: an anonymous reader's page does not vary on the cookie."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_pages_do_not_read_the_session(client, world):
    for name in ("showcase:home", "showcase:certificate_check"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "Cookie" not in response.get("Vary", ""), name
        assert "public" in response.get("Cache-Control", ""), name


def test_a_signed_in_officer_still_gets_the_menu_elsewhere(client, world):
    client.force_login(world.officer)
    body = client.get(reverse("core:home")).content.decode()
    assert "Cá nhân" in body and "Nhật ký hệ thống" not in body


def test_the_moderation_pages_of_the_public_site_still_require_the_second_factor(
    client, world, settings
):
    settings.GS_REQUIRE_2FA = True
    client.force_login(world.secretariat)
    response = client.get(reverse("showcase:tips"))
    assert response.status_code == 302 and reverse("accounts:two_factor") in response.url
    assert client.get(reverse("showcase:home")).status_code == 200
