import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.core.models import AuditEntry

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


def test_the_admin_resets_a_password_and_the_user_must_change_it(client, world):
    _login(client, "quantri")
    response = client.post(reverse("accounts:user_reset_password", args=[world.officer.uuid]))
    assert response.status_code == 200
    temporary = response.context["temporary"]
    world.officer.refresh_from_db()
    assert world.officer.check_password(temporary) and world.officer.must_change_password

    other = client.__class__()
    _login(other, "canbo", temporary)
    assert other.get(reverse("core:home")).url == reverse("accounts:password_change")


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
    assert client.post(reverse("accounts:two_factor"), {"token": token}).status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@override_settings(GS_REQUIRE_2FA=True)
def test_a_unit_officer_needs_no_second_factor(client, world):
    _login(client, "canbo")
    assert client.get(reverse("core:home")).status_code == 200
