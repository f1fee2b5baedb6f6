"""Login, logout, password change, two-factor authentication, and user administration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from guongsang.accounts import selectors, services
from guongsang.accounts.forms import LoginForm, ProfileForm, TokenForm
from guongsang.accounts.models import User
from guongsang.core.http import AuthedRequest
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user)  # type: ignore[arg-type]
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response

    def get_success_url(self) -> str:
        return "/"


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if ok else "/"


@login_required
def two_factor(request: AuthedRequest) -> HttpResponse:
    """Set up TOTP on first use (QR code, then backup codes shown once), then ask for a code
    (or a backup code) at each login."""
    device = TOTPDevice.objects.filter(user=request.user).order_by("-confirmed").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Ứng dụng xác thực", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen: TOTPDevice | StaticDevice | None = device
        if form.is_backup_code:
            # Backup codes stand in for a phone already set up, never for the set-up itself.
            chosen = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
            chosen = chosen if device.confirmed else None
        if chosen is None:
            form.add_error("token", _("Tài khoản chưa có mã dự phòng: hãy nhập mã 6 số."))
        elif not chosen.verify_is_allowed()[0]:
            form.add_error(
                "token", _("Bạn đã nhập sai nhiều lần, vui lòng đợi ít giây rồi thử lại.")
            )
        elif chosen.verify_token(form.cleaned_data["token"]):
            first_setup = not device.confirmed
            if first_setup:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, chosen)
            if first_setup:
                codes = services.backup_codes_generate(user=request.user)
                return render(
                    request,
                    "accounts/backup_codes.html",
                    {"codes": codes, "next": _safe_next(request)},
                )
            return redirect(_safe_next(request))
        else:
            form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
    context: dict[str, object] = {"form": form, "device": device, "next": _safe_next(request)}
    if not device.confirmed:
        context["qr_svg"] = selectors.totp_qr_svg(device)
        context["secret"] = selectors.totp_secret_b32(device)
    return render(request, "accounts/two_factor.html", context)


@login_required
def backup_codes(request: AuthedRequest) -> HttpResponse:
    """How many backup codes are left; a POST replaces them with new ones, shown once."""
    if request.method == "POST":
        codes = services.backup_codes_generate(user=request.user)
        return render(request, "accounts/backup_codes.html", {"codes": codes, "next": "/"})
    left = selectors.backup_codes_left(user=request.user)
    return render(request, "accounts/backup_codes.html", {"left": left})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The one-time link an admin's reset sends: the user chooses the new password."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_completed(user=form.user)
        messages.success(
            self.request,
            _("Đã đặt mật khẩu mới. Hãy đăng nhập và cài lại xác thực hai bước nếu được yêu cầu."),
        )
        return response


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    users = selectors.user_list(query=request.GET.get("q", ""))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "q": request.GET.get("q", "")})


@login_required
@require_POST
def user_reset_password(request: AuthedRequest, uuid: str) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    user = get_visible_or_404(User.objects.all(), uuid=uuid)
    link = request.build_absolute_uri(
        services.password_reset_by_admin(actor=request.user, user=user)
    )
    if user.email:
        # The link goes to the user alone; the admin never sees it.
        send_mail(
            _("Gương Sáng: đặt mật khẩu mới"),
            _("Mở liên kết sau để đặt mật khẩu mới (dùng được một lần): %(link)s") % {"link": link},
            None,
            [user.email],
        )
        link = ""
    return render(request, "accounts/password_reset_done.html", {"target": user, "link": link})


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    """Tài khoản của tôi: one's own address and the e-mail switch of notifications."""
    user = request.user
    initial = {"email": user.email, "notify_by_email": user.notify_by_email}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Đã lưu thông tin tài khoản."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
