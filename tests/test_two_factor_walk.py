"""Walk every URL of the project, the admin site and the API included, as users who gave
their password but not yet their second factor: nothing but the set-up page (or the few
open pages) may answer."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from guongsang.accounts.tests.factories import PASSWORD, make_user
from guongsang.core.roles import Role
from tests.test_permission_walk import _api_paths, _extra_substitutions, _object_routes

pytestmark = pytest.mark.django_db

# What a user may reach with the password alone (besides the public site and the assets).
OPEN_ROUTES = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:password_reset_confirm",
    "set_language",
    "core:healthz",
    "core:healthz_live",  # a constant "ok" for load balancers: no data
    "core:favicon",  # a redirect to the site's icon
}
_CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _admin_objects() -> dict[str, str]:
    """admin route prefix (app_model_) → the key of an existing object of that model."""
    found = {}
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        found[prefix] = str(obj.pk) if obj is not None else "1"
    return found


def _fill(pattern, name: str, args: list | None, world, admin_objects) -> str:
    """The pattern with its parameters filled: an existing object's key wherever we know one."""
    text = str(pattern)
    values = [str(a) for a in args] if args is not None else None

    def route_value(match: re.Match) -> str:
        if values:
            return values.pop(0)
        conv = match["conv"] or "str"
        if conv == "uuid":
            return str(world.person.uuid)
        if conv == "int":
            return str(world.officer.pk)
        for prefix, pk in admin_objects.items():
            if name.startswith(prefix):
                return pk
        return "x"

    if text.startswith("^"):  # a regex pattern (the admin's app index)
        text = _REGEX_GROUP.sub("accounts", text.removeprefix("^").removesuffix("$"))
        return text.replace("\\", "")
    return _CONVERTER.sub(route_value, text)


def _every_url(world) -> list[tuple[str, str]]:
    objects = _object_routes(world)
    admin_objects = _admin_objects()
    urls: list[tuple[str, str]] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "api" or str(entry.pattern).startswith("api/"):
                    continue  # the API answers 401 itself: walked below
                ns = entry.namespace or namespace
                part = _fill(entry.pattern, "", None, world, admin_objects)
                walk(entry, prefix + part, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                part = _fill(entry.pattern, name, objects.get(name), world, admin_objects)
                urls.append((name, "/" + prefix + part))

    walk(get_resolver(), "", "")
    return urls


def _is_public_site(url: str) -> bool:
    return url.startswith("/vuon-hoa/") and not url.startswith("/vuon-hoa/quan-ly/")


@pytest.fixture
def password_only_users(world, settings):
    """Users of several roles logged in with their password only (no second factor yet)."""
    make_user("hoidongwalk", role=Role.COUNCIL_MEMBER, unit=world.dept)
    make_user("giamkhaowalk", role=Role.JUDGE, unit=world.dept)
    make_user("giamdocwalk", role=Role.SIGNER, unit=world.dept)
    settings.GS_REQUIRE_2FA = True
    clients = {}
    for username in ("quantri", "canbo", "thuongtruc", "hoidongwalk", "giamkhaowalk"):
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": PASSWORD}
        )
        assert response.status_code == 302, username
        clients[username] = client
    return clients


@override_settings(GS_REQUIRE_2FA=True)
def test_every_url_sends_a_password_only_user_to_the_second_factor(world, password_only_users):
    urls = _every_url(world)
    assert len(urls) > 200  # the whole project, the admin site included
    setup = reverse("accounts:two_factor")
    walked = 0
    for name, url in urls:
        match = resolve(url)
        assert match.view_name == name, f"{url} was built for {name}, resolves to {match}"
        if name in OPEN_ROUTES or _is_public_site(url):
            continue
        for username, client in password_only_users.items():
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 302, f"{username} {method.__name__} {url}"
                assert response.url.startswith(setup), f"{username} {url} → {response.url}"
                walked += 1
    assert walked > 2000


@override_settings(GS_REQUIRE_2FA=True)
def test_every_api_endpoint_refuses_a_password_only_session(world, titles, password_only_users):
    substitutions = {
        "{unit_id}": str(world.centre.uuid),
        "{person_id}": str(world.person.uuid),
        "{movement_id}": "00000000-0000-0000-0000-000000000000",
        "{dossier_id}": "00000000-0000-0000-0000-000000000000",
        "{action}": "submit",
        **_extra_substitutions(world),
    }
    client = password_only_users["quantri"]
    seen = 0
    for path, method in _api_paths():
        url = path
        for key, value in substitutions.items():
            url = url.replace(key, value)
        response = getattr(client, method)(url, content_type="application/json")
        assert response.status_code == 401, f"{method} {url} → {response.status_code}"
        seen += 1
    assert seen >= 10


@override_settings(GS_REQUIRE_2FA=True)
def test_the_open_pages_are_only_login_set_up_logout_and_the_reset_link(world):
    """The list above is the whole list: the user admin under /tai-khoan/ is not open."""
    names = {name for name, _url in _every_url(world)}
    assert names >= OPEN_ROUTES
    assert {"accounts:user_list", "accounts:user_reset_password", "accounts:backup_codes"} <= (
        names - OPEN_ROUTES
    )
