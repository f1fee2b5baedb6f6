"""The client's address comes from the reverse proxy's header only when one is configured;
a header the client writes itself never moves a lockout or a rate limit."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.core.client_ip import client_ip

LOGIN = reverse("accounts:login")
BEHIND_PROXY = {"GS_TRUSTED_PROXY_HEADER": "X-Forwarded-For", "GS_TRUSTED_PROXY_COUNT": 1}


def _request(forwarded=None, remote="127.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_configured_header_the_peer_address_is_the_client():
    assert client_ip(_request("203.0.113.9", remote="198.51.100.7")) == "198.51.100.7"


@override_settings(**BEHIND_PROXY)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    # The client wrote "10.6.6.6" itself; the proxy appended the address it saw.
    assert client_ip(_request("10.6.6.6, 203.0.113.9")) == "203.0.113.9"


@override_settings(GS_TRUSTED_PROXY_HEADER="X-Forwarded-For", GS_TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_address_from_the_right_is_the_client():
    assert client_ip(_request("10.6.6.6, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


@override_settings(GS_TRUSTED_PROXY_HEADER="X-Real-IP")
def test_a_single_address_header_works_too():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    assert client_ip(request) == "203.0.113.5"


@override_settings(**BEHIND_PROXY)
def test_a_request_that_skipped_the_proxy_falls_back_to_the_peer_address():
    assert client_ip(_request(None, remote="198.51.100.7")) == "198.51.100.7"


def _login(client, password, forwarded):
    return client.post(
        LOGIN, {"username": "canbo", "password": password}, HTTP_X_FORWARDED_FOR=forwarded
    )


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3, **BEHIND_PROXY)
def test_a_locked_out_client_cannot_escape_by_writing_its_own_forwarded_header(client, world):
    for _ in range(3):
        _login(client, "sai-mat-khau", "203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    assert _login(client, PASSWORD, "10.1.2.3, 203.0.113.9").status_code == 429
    # Another client behind the same proxy is not locked out by it.
    assert _login(client, PASSWORD, "198.51.100.20").status_code == 302


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_without_a_proxy_a_forged_forwarded_header_changes_nothing(client, world):
    for n in range(3):
        _login(client, "sai-mat-khau", f"10.0.0.{n}")
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"
    assert _login(client, PASSWORD, "10.9.9.9").status_code == 429


@pytest.mark.django_db
@override_settings(**BEHIND_PROXY)
def test_the_tip_rate_limit_counts_the_client_behind_the_proxy(client):
    from guongsang.showcase.tests.test_tips import URL, _data

    for _ in range(5):
        assert client.post(URL, _data(), HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    assert client.post(URL, _data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9").status_code == 429
    assert client.post(URL, _data(), HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 302
