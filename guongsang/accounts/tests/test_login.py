import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts.tests.factories import PASSWORD, make_user
from guongsang.core.models import AuditEntry
from guongsang.core.roles import Role

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_a_user_logs_in_and_out(client, world):
    response = _login(client, "canbo")
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302
    actions = set(AuditEntry.objects.filter(actor=world.officer).values_list("action", flat=True))
    assert {"login", "logout"} <= actions


def test_a_wrong_password_gets_a_vietnamese_error(client, world):
    response = _login(client, "canbo", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_bad_passwords_lock_the_account_even_for_the_right_password(client, world):
    for _ in range(3):
        _login(client, "canbo", "sai-mat-khau")
    response = _login(client, "canbo")
    assert response.status_code == 429
    assert "tạm khoá" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_the_user_changes_their_password(client, world):
    _login(client, "canbo")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-99",
            "new_password2": "Mot-mat-khau-moi-99",
        },
    )
    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password("Mot-mat-khau-moi-99")


def _totp_now(device) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _set_up_second_factor(client, user) -> list[str]:
    """Scan the QR code (read the key), confirm with a code: returns the backup codes."""
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)
    page = client.post(reverse("accounts:two_factor"), {"token": _totp_now(device)})
    assert page.status_code == 200, "the backup codes are shown once after the set-up"
    return page.context["codes"]


def test_the_admin_resets_a_password_with_a_one_time_link_never_a_password(client, world):
    _login(client, "quantri")
    response = client.post(reverse("accounts:user_reset_password", args=[world.officer.uuid]))
    assert response.status_code == 200
    assert "temporary" not in response.context
    link = response.context["link"]
    assert link.startswith("http") and "/tai-khoan/dat-lai/" in link
    world.officer.refresh_from_db()
    assert not world.officer.has_usable_password()  # the old password no longer works

    user_client = client.__class__()
    form = user_client.get(link, follow=True)
    assert form.context["validlink"]
    new = "Mat-khau-cua-toi-2025!"
    done = user_client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302 and done.url == reverse("accounts:login")
    world.officer.refresh_from_db()
    assert world.officer.check_password(new)
    # One use only.
    again = client.__class__().get(link, follow=True)
    assert not again.context["validlink"]
    assert AuditEntry.objects.filter(
        action="password", object_id=str(world.officer.uuid), reason="Đặt mật khẩu qua liên kết"
    ).exists()


def test_a_user_with_an_email_gets_the_link_by_mail_and_the_admin_never_sees_it(
    client, world, mailoutbox
):
    world.officer.email = "canbo@example.vn"
    world.officer.save()
    _login(client, "quantri")
    response = client.post(reverse("accounts:user_reset_password", args=[world.officer.uuid]))
    assert response.context["link"] == ""
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["canbo@example.vn"]
    assert "/tai-khoan/dat-lai/" in mailoutbox[0].body
    assert "/tai-khoan/dat-lai/" not in response.content.decode()


@override_settings(GS_REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_reset_clears_the_second_factor_and_forces_a_new_set_up(client, world):
    _login(client, "canbo")
    codes = _set_up_second_factor(client, world.officer)
    assert len(codes) == 10
    old_device = TOTPDevice.objects.get(user=world.officer)

    admin = client.__class__()
    _login(admin, "quantri")
    _set_up_second_factor(admin, world.admin)
    link = admin.post(reverse("accounts:user_reset_password", args=[world.officer.uuid])).context[
        "link"
    ]
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()
    assert StaticToken.objects.filter(device__user=world.officer).count() == 0
    # The old session is gone with the old password.
    assert client.get(reverse("core:home")).url.startswith(LOGIN)

    user_client = client.__class__()
    form = user_client.get(link, follow=True)
    new = "Mat-khau-cua-toi-2025!"
    user_client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    _login(user_client, "canbo", new)
    home = user_client.get(reverse("core:home"))
    assert home.url.startswith(reverse("accounts:two_factor"))
    setup = user_client.get(reverse("accounts:two_factor"))
    assert "<svg" in setup.content.decode()  # a new QR code: a new set-up
    new_device = TOTPDevice.objects.get(user=world.officer)
    assert new_device.pk != old_device.pk and new_device.bin_key != old_device.bin_key


@override_settings(GS_REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)
def test_a_backup_code_works_once_in_place_of_the_phone(client, world):
    _login(client, "canbo")
    codes = _set_up_second_factor(client, world.officer)
    client.post(reverse("accounts:logout"))

    second = client.__class__()
    _login(second, "canbo")
    ok = second.post(reverse("accounts:two_factor"), {"token": codes[0].upper()})
    assert ok.status_code == 302
    assert second.get(reverse("core:home")).status_code == 200
    page = second.get(reverse("accounts:backup_codes"))
    assert page.context["left"] == 9

    third = client.__class__()
    _login(third, "canbo")
    reused = third.post(reverse("accounts:two_factor"), {"token": codes[0]})
    assert reused.status_code == 200 and "không đúng" in reused.content.decode()
    assert third.get(reverse("core:home")).status_code == 302


@override_settings(GS_REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_new_backup_codes_replace_the_old_ones(client, world):
    _login(client, "canbo")
    old = _set_up_second_factor(client, world.officer)
    new = client.post(reverse("accounts:backup_codes")).context["codes"]
    assert len(new) == 10 and not set(old) & set(new)
    tokens = set(
        StaticToken.objects.filter(device__user=world.officer).values_list("token", flat=True)
    )
    assert tokens == set(new)


@override_settings(GS_REQUIRE_2FA=True)
def test_the_admin_with_a_password_alone_cannot_open_the_user_admin(client, world):
    _login(client, "quantri")
    for url in (
        reverse("accounts:user_list"),
        reverse("accounts:backup_codes"),
        reverse("accounts:password_change"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:two_factor"))
    reset = client.post(reverse("accounts:user_reset_password", args=[world.officer.uuid]))
    assert reset.status_code == 302 and reset.url.startswith(reverse("accounts:two_factor"))
    world.officer.refresh_from_db()
    assert world.officer.check_password(PASSWORD)


def test_a_non_admin_cannot_reset_passwords(client, world):
    _login(client, "thuongtruc")
    url = reverse("accounts:user_reset_password", args=[world.officer.uuid])
    assert client.post(url).status_code == 403
    world.officer.refresh_from_db()
    assert world.officer.check_password(PASSWORD)


@override_settings(GS_REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_secretariat_must_pass_two_factor_authentication(client, world):
    _login(client, "thuongtruc")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))

    page = client.get(reverse("accounts:two_factor"))
    assert "<svg" in page.content.decode()  # the QR code to scan
    device = TOTPDevice.objects.get(user=world.secretariat)
    bad = client.post(reverse("accounts:two_factor"), {"token": "000000"})
    assert "không đúng" in bad.content.decode()
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    confirmed = client.post(reverse("accounts:two_factor"), {"token": token})
    assert len(confirmed.context["codes"]) == 10  # backup codes, shown once
    assert client.get(reverse("core:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.parametrize(
    "role", [Role.UNIT_OFFICER, Role.COUNCIL_MEMBER, Role.JUDGE, Role.SIGNER, Role.SECRETARIAT]
)
@override_settings(GS_REQUIRE_2FA=True)
def test_every_role_that_changes_records_needs_the_second_factor(client, world, role):
    make_user("nguoidung", role=role, unit=world.dept)
    _login(client, "nguoidung")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))


@override_settings(GS_REQUIRE_2FA=True)
def test_a_read_only_leader_needs_no_second_factor(client, world):
    _login(client, "lanhdao")
    assert client.get(reverse("core:home")).status_code == 200
