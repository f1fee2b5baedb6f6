"""The administrator's own pages for accounts: create with a role, grant, lock, reset 2FA."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts import user_admin
from guongsang.accounts.models import RoleGrant, User
from guongsang.accounts.tests.factories import make_user
from guongsang.core.models import AuditAction, AuditEntry
from guongsang.core.roles import Role
from guongsang.org.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_the_admin_creates_a_user_with_a_role_and_the_link_goes_by_mail(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "nguyenvana",
            "full_name": "Nguyễn Văn A",
            "email": "a@example.vn",
            "role": Role.UNIT_OFFICER,
            "unit": world.centre.uuid,
        },
    )
    assert response.status_code == 200
    user = User.objects.get(username="nguyenvana")
    assert not user.has_usable_password()
    assert [(g.role, g.unit_id) for g in user.grants.all()] == [
        (Role.UNIT_OFFICER, world.centre.pk)
    ]
    assert mail.outbox[0].to == ["a@example.vn"]
    assert "/tai-khoan/dat-lai/" in mail.outbox[0].body
    kinds = set(AuditEntry.objects.values_list("object_type", flat=True))
    assert {"accounts.user", "accounts.rolegrant"} <= kinds


def test_a_bad_username_is_refused_in_vietnamese_and_nothing_is_created(client, world):
    client.force_login(world.admin)
    before = User.objects.count()
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "Nguyễn A", "full_name": "A", "role": Role.LEADER, "unit": world.dept.uuid},
    )
    assert "Tên đăng nhập chỉ gồm chữ thường không dấu" in response.content.decode()
    assert User.objects.count() == before


def test_an_admin_cannot_grant_outside_the_scope(world):
    other_city = make_unit("Tỉnh Hà Nam")
    scoped_admin = make_user("qtso", role=Role.ADMIN, unit=world.dept)
    with pytest.raises(Exception, match="ngoài phạm vi quản trị"):
        user_admin.grant_add(
            actor=scoped_admin, user=world.officer, role=Role.LEADER, unit=other_city
        )
    assert not RoleGrant.objects.filter(unit=other_city).exists()


def test_others_than_the_admin_cannot_open_the_pages(client, world):
    client.force_login(world.secretariat)
    assert client.get(reverse("accounts:user_create")).status_code == 403
    url = reverse("accounts:user_lock", args=[world.officer.uuid])
    assert client.post(url, {"active": "0", "reason": "x"}).status_code == 403
    world.officer.refresh_from_db()
    assert world.officer.is_active


def test_lock_needs_a_reason_ends_the_session_and_unlock_restores(client, world):
    officer_client = client.__class__()
    officer_client.force_login(world.officer)
    assert officer_client.get("/").status_code == 200
    client.force_login(world.admin)
    url = reverse("accounts:user_lock", args=[world.officer.uuid])
    page = client.post(url, {"active": "0", "reason": ""}, follow=True).content.decode()
    assert "Cần ghi rõ lý do khoá tài khoản." in page
    world.officer.refresh_from_db()
    assert world.officer.is_active
    client.post(url, {"active": "0", "reason": "Nghỉ hưu"})
    world.officer.refresh_from_db()
    assert not world.officer.is_active
    # The session already open ends at the next request.
    assert officer_client.get("/").status_code == 302
    client.post(url, {"active": "1"})
    world.officer.refresh_from_db()
    assert world.officer.is_active
    entry = AuditEntry.objects.filter(object_type="accounts.user", reason="Nghỉ hưu").get()
    assert entry.action == AuditAction.UPDATE


def test_forced_two_factor_reset_removes_the_devices(client, world):
    TOTPDevice.objects.create(user=world.officer, name="app", confirmed=True)
    password_before = world.officer.password
    client.force_login(world.admin)
    client.post(reverse("accounts:user_two_factor_reset", args=[world.officer.uuid]))
    assert not TOTPDevice.objects.filter(user=world.officer).exists()
    world.officer.refresh_from_db()
    assert world.officer.password == password_before
    assert AuditEntry.objects.filter(
        object_type="accounts.user", reason__contains="xác thực hai bước"
    ).exists()


def test_the_audit_log_shows_vietnamese_names_and_state_labels(client, world, titles):
    from guongsang.nominations import services
    from guongsang.nominations.tests.factories import make_dossier

    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    user_admin.grant_add(actor=world.admin, user=world.leader, role=Role.LEADER, unit=world.city)
    client.force_login(world.admin)
    page = client.get(reverse("core:audit_list")).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Phân quyền" in rows and "Hồ sơ đề nghị" in rows
    assert "accounts.rolegrant" not in rows and "nominations.dossier" not in rows
    assert "<dt>Trạng thái</dt>" in rows
    assert "<del>Đang soạn</del>" in rows and "<ins>Đã gửi</ins>" in rows


def test_the_scope_unit_is_found_by_typing_within_the_admins_own_scope(client, world):
    centre_admin = make_user("qttt", role=Role.ADMIN, unit=world.centre)
    client.force_login(centre_admin)
    url = reverse("accounts:pick_unit")
    found = client.get(url, {"q": "bao tro xa hoi"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.centre.uuid)]  # not the other centre
    page = client.get(reverse("accounts:user_create")).content.decode()
    assert world.other_centre.name not in page and 'data-picker="' in page
    client.force_login(world.secretariat)
    assert client.get(url, {"q": "bao tro"}).status_code == 403


def test_a_grant_over_a_unit_outside_the_scope_is_refused_when_posted(client, world):
    centre_admin = make_user("qttt", role=Role.ADMIN, unit=world.centre)
    client.force_login(centre_admin)
    url = reverse("accounts:user_grant", args=[world.officer.uuid])
    client.post(url, {"role": Role.LEADER, "unit": world.other_centre.uuid})
    client.post(url, {"role": Role.LEADER, "unit": world.centre.uuid})
    assert list(world.officer.grants.filter(role=Role.LEADER).values_list("unit", flat=True)) == [
        world.centre.pk
    ]
