"""Users, role grants and API tokens in the Django admin."""

import pytest
from django.urls import reverse

from guongsang.accounts.models import ApiToken, RoleGrant, User
from guongsang.accounts.services import api_token_create
from guongsang.core.models import AuditEntry
from guongsang.core.roles import Role

pytestmark = pytest.mark.django_db


def _user_form(user, **extra):
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_active": "on",
        "grants-TOTAL_FORMS": user.grants.count(),
        "grants-INITIAL_FORMS": user.grants.count(),
        **{
            key: value
            for i, grant in enumerate(user.grants.all())
            for key, value in {
                f"grants-{i}-id": grant.pk,
                f"grants-{i}-user": user.pk,
                f"grants-{i}-role": grant.role,
                f"grants-{i}-unit": grant.unit_id,
            }.items()
        },
        **extra,
    }


def test_granting_a_role_inline_is_audited(client, world):
    officer = world.officer
    client.force_login(world.admin)
    data = _user_form(officer)
    n = data["grants-TOTAL_FORMS"]
    data |= {
        "grants-TOTAL_FORMS": n + 1,
        f"grants-{n}-role": Role.LEADER,
        f"grants-{n}-unit": world.dept.pk,
    }
    response = client.post(reverse("admin:accounts_user_change", args=[officer.pk]), data)
    assert response.status_code == 302, response.context["errors"]
    grant = RoleGrant.objects.get(user=officer, role=Role.LEADER)
    entry = AuditEntry.objects.get(object_type="accounts.rolegrant", object_id=str(grant.pk))
    assert entry.action == "create" and entry.actor == world.admin


def test_changing_a_user_is_audited_without_the_password_hash(client, world):
    officer = world.officer
    client.force_login(world.admin)
    data = _user_form(officer, full_name="Nguyễn Văn Cán Bộ")
    response = client.post(reverse("admin:accounts_user_change", args=[officer.pk]), data)
    assert response.status_code == 302, response.context["errors"]
    entry = AuditEntry.objects.get(action="update", object_id=str(officer.uuid))
    assert entry.after == {"full_name": "Nguyễn Văn Cán Bộ"}
    assert "password" not in str(entry.before) + str(entry.after)


def test_an_admin_adds_a_user_through_the_admin_without_choosing_a_password(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "moi",
            "password1": "Mat-khau-rat-dai-2024",
            "password2": "Mat-khau-rat-dai-2024",
            "grants-TOTAL_FORMS": 0,
            "grants-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["errors"]
    user = User.objects.get(username="moi")
    # The new user sets their own password through a reset link: the admin's is ignored.
    assert not user.has_usable_password()
    assert not user.check_password("Mat-khau-rat-dai-2024")
    assert AuditEntry.objects.filter(action="create", object_id=str(user.uuid)).exists()


def test_the_admin_site_cannot_set_someone_elses_password(client, world):
    client.force_login(world.admin)
    url = reverse("admin:auth_user_password_change", args=[world.officer.pk])
    response = client.post(
        url, {"password1": "Mat-khau-moi-2024!", "password2": "Mat-khau-moi-2024!"}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:user_list")
    world.officer.refresh_from_db()
    assert not world.officer.check_password("Mat-khau-moi-2024!")
    assert world.officer.check_password("Mat-khau-thu-2024")


def test_api_tokens_are_read_only_and_never_show_their_hash(client, world):
    token, _key = api_token_create(actor=None, user=world.officer, name="Máy chủ báo cáo")
    client.force_login(world.admin)
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200 and token.key_hash not in page.content.decode()
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    edit = client.post(reverse("admin:accounts_apitoken_change", args=[token.pk]), {"name": "x"})
    assert edit.status_code == 403


def test_an_admin_revokes_api_tokens_with_the_list_action(client, world):
    token, _key = api_token_create(actor=None, user=world.officer, name="Máy chủ báo cáo")
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(object_type="accounts.apitoken", action="update").exists()
    assert ApiToken.objects.count() == 1
