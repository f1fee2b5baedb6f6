"""Home, health, the audit log, background task progress and the error pages."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.core import selectors
from guongsang.core.files import file_response
from guongsang.core.forms import AuditFilterForm
from guongsang.core.health import health, without_errors
from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.models import AuditAction, TaskStatus
from guongsang.core.permissions import (
    get_visible_or_404,
    has_role,
    is_superuser,
    needs_two_factor,
    roles_of,
)
from guongsang.core.roles import Role
from guongsang.core.tasks import progress_sweep, workers_alive
from guongsang.core.tasks import task_retry as retry
from guongsang.core.todo import todo_for

M = TypeVar("M", bound=Model)


def require_perm(request: AuthedRequest, perm: str, obj: Any = None) -> None:
    """The one check views make before doing anything."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def visible_object(request: AuthedRequest, rows: QuerySet[M], perm: str, **lookup: Any) -> M:
    """The object of `rows` (what the user may see) matching `lookup`, 404 when there is
    none, after the permission check for `perm` on it: where an object's pages start."""
    obj = get_visible_or_404(rows, **lookup)
    require_perm(request, perm, obj)
    return obj


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """A to-do list per role (core.todo), and the user's roles and units."""
    roles = sorted(roles_of(request.user))
    grants = request.user.grants.select_related("unit").order_by("role")
    return render(
        request,
        "core/home.html",
        {
            "role_labels": [Role(r).label for r in roles],
            "grants": grants,
            "todo": todo_for(request.user),
        },
    )


def _sees_health_details(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or not (is_superuser(user) or has_role(user, Role.ADMIN)):
        return False
    return not needs_two_factor(user) or bool(user.is_verified())  # type: ignore[attr-defined]


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    report = health()
    status = 200 if report["status"] != "down" else 503
    if not _sees_health_details(request):
        report = without_errors(report)
    return JsonResponse(report, status=status)


@require_GET
def healthz_live(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers, without asking the database or the cache (a load
    balancer's probe; /healthz is the readiness check). Also the bare request of the load
    benchmark: what the middleware alone costs."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@login_required
def audit_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "core.view_audit")
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(**{k: v for k, v in filters.items() if v})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    template = "core/partials/audit_rows.html" if request.htmx else "core/audit_list.html"
    return render(request, template, {"form": form, "page": page, "actions": AuditAction})


@login_required
def task_progress(request: AuthedRequest, uuid: str) -> HttpResponse:
    progress = progress_sweep(selectors.task_progress_for(user=request.user, uuid=uuid))
    no_worker = not progress.finished and workers_alive() == 0
    template = "core/partials/task_progress.html" if request.htmx else "core/task_progress.html"
    return render(request, template, {"progress": progress, "no_worker": no_worker})


@login_required
@require_POST
def task_retry(request: AuthedRequest, uuid: str) -> HttpResponse:
    progress = selectors.task_progress_for(user=request.user, uuid=uuid)
    try:
        retry(progress=progress, by=request.user)
    except ValidationError as exc:
        report_errors(request, exc)
    return redirect("core:task_progress", uuid=progress.uuid)


@login_required
def task_download(request: AuthedRequest, uuid: str) -> HttpResponseBase:
    progress = selectors.task_progress_for(user=request.user, uuid=uuid)
    if progress.status != TaskStatus.DONE or not progress.result_file:
        raise PermissionDenied(_("Tệp chưa sẵn sàng."))
    return file_response(progress.result_file, filename=progress.result_name)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", {"message": str(exception or "")}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No request context: the context processors need the database, which may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
