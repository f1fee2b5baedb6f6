"""The administrator's pages for accounts: create, grant and remove roles, lock, reset 2FA."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import devices_for_user

from guongsang.accounts import user_admin
from guongsang.accounts.forms import GrantForm, LockForm, UserCreateForm
from guongsang.accounts.models import RoleGrant, User
from guongsang.core.http import AuthedRequest, action_done, report_errors
from guongsang.core.models import AuditEntry
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.roles import Role
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices


def _units(request: AuthedRequest) -> QuerySet[Unit]:
    """The units in force of the admin's scope: what a grant may be given over."""
    units = restrict(Unit.objects.all(), request.user, roles=Role.ADMIN, unit_field="pk")
    return units.filter(valid_to__isnull=True).select_related("parent").order_by("name")


def _user(uuid: str) -> User:
    users = User.objects.prefetch_related(
        Prefetch("grants", queryset=RoleGrant.objects.select_related("unit", "unit__parent"))
    )
    return get_visible_or_404(users, uuid=uuid)


def _send_link(request: AuthedRequest, user: User, path: str) -> str:
    """Mail the one-time link to the user when there is an address; else hand it back to show
    once to the admin."""
    link = request.build_absolute_uri(path)
    if not user.email:
        return link
    send_mail(
        _("Gương Sáng: tài khoản của bạn"),
        _("Mở liên kết sau để đặt mật khẩu (dùng được một lần): %(link)s") % {"link": link},
        None,
        [user.email],
    )
    return ""


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "accounts.manage_users")
    return picker_response(unit_choices(_units(request), request.GET.get("q", "")))


@login_required
def user_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    form = UserCreateForm(request.POST or None, units=_units(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, path = user_admin.user_create_with_grant(actor=request.user, **data)
        except ValidationError as exc:
            report_errors(request, exc, form=form)
        else:
            link = _send_link(request, user, path)
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": user.username})
            return render(request, "accounts/user_created.html", {"target": user, "link": link})
    return render(request, "accounts/user_create.html", {"form": form})


@login_required
def user_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    target = _user(uuid)
    entries = AuditEntry.objects.filter(
        object_type__in=["accounts.user", "accounts.rolegrant"], object_id=str(target.uuid)
    )[:10]
    context = {
        "target": target,
        "grant_form": GrantForm(units=_units(request)),
        "lock_form": LockForm(),
        "devices": len(list(devices_for_user(target, confirmed=None))),
        "entries": entries,
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def user_grant(request: AuthedRequest, uuid: str) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    target = _user(uuid)
    form = GrantForm(request.POST, units=_units(request))
    if form.is_valid():
        action_done(
            request,
            lambda: user_admin.grant_add(actor=request.user, user=target, **form.cleaned_data),
            _("Đã cấp quyền."),
        )
    else:
        messages.error(request, _("Chọn vai trò và đơn vị trong danh sách."))
    return redirect("accounts:user_detail", uuid=target.uuid)


@login_required
@require_POST
def user_grant_remove(request: AuthedRequest, uuid: str, grant_id: int) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    target = _user(uuid)
    grant = get_visible_or_404(target.grants.select_related("unit"), pk=grant_id)
    action_done(
        request,
        lambda: user_admin.grant_remove(actor=request.user, grant=grant),
        _("Đã bỏ quyền."),
    )
    return redirect("accounts:user_detail", uuid=target.uuid)


@login_required
@require_POST
def user_lock(request: AuthedRequest, uuid: str) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    target = _user(uuid)
    active = request.POST.get("active") == "1"
    action_done(
        request,
        lambda: user_admin.user_set_active(
            actor=request.user, user=target, active=active, reason=request.POST.get("reason", "")
        ),
        _("Đã mở khoá tài khoản.") if active else _("Đã khoá tài khoản."),
    )
    return redirect("accounts:user_detail", uuid=target.uuid)


@login_required
@require_POST
def user_two_factor_reset(request: AuthedRequest, uuid: str) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    target = _user(uuid)
    user_admin.two_factor_reset(actor=request.user, user=target)
    messages.success(
        request,
        _("Đã xoá xác thực hai bước của %(name)s: người dùng cài lại ở lần đăng nhập tới.")
        % {"name": target},
    )
    return redirect("accounts:user_detail", uuid=target.uuid)
