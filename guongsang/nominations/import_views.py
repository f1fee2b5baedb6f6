"""Excel import pages: the template, the upload, the preview of every row, the commit.

The uploaded file's uuid is remembered in the session: nobody else can preview or commit it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guongsang.core.http import AuthedRequest, report_errors, submitted
from guongsang.nominations import imports
from guongsang.nominations.tasks import import_start

SESSION_KEY = "nomination_imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )


def _kind(request: AuthedRequest, kind: str) -> str:
    if kind not in imports.KINDS:
        raise Http404(_("Không tìm thấy."))
    if not imports.may_import(request.user, kind):
        raise PermissionDenied(_("Bạn không có quyền nhập danh sách này."))
    return kind


def _token(request: AuthedRequest, kind: str, token: str) -> str:
    if request.session.get(SESSION_KEY, {}).get(str(token)) != kind:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    if not imports.staged_exists(str(token)):
        raise Http404(_("Tệp đã hết hạn hoặc đã được nhập."))
    return str(token)


def _heading(kind: str) -> str:
    if kind == imports.AWARDS:
        return _("Nhập lịch sử khen thưởng từ Excel")
    return _("Nhập danh sách đề nghị khen thưởng từ Excel")


@login_required
def import_template(request: AuthedRequest, kind: str) -> HttpResponse:
    kind = _kind(request, kind)
    response = HttpResponse(imports.template_xlsx(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind}.xlsx"'
    return response


@login_required
def import_upload(request: AuthedRequest, kind: str) -> HttpResponse:
    kind = _kind(request, kind)
    form = UploadForm(*submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            token = imports.store_upload(form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), token: kind}
            return redirect("nominations:import_preview", kind=kind, token=token)
    context = {
        "form": form,
        "kind": kind,
        "heading": _heading(kind),
        "columns": imports.columns_for(kind),
    }
    return render(request, "nominations/import_upload.html", context)


@login_required
def import_preview(request: AuthedRequest, kind: str, token: str) -> HttpResponse:
    kind = _kind(request, kind)
    token = _token(request, kind, token)
    context: dict[str, Any] = {"kind": kind, "token": token, "heading": _heading(kind)}
    with imports.staged_open(token) as stored:
        try:
            rows = imports.count_rows(stored)
            if rows > imports.LARGE_FILE_ROWS:
                context["large"] = rows
                return render(request, "nominations/import_preview.html", context)
            context["preview"] = imports.preview_file(stored, user=request.user, kind=kind)
        except ValidationError as exc:
            context["file_errors"] = exc.messages
    return render(request, "nominations/import_preview.html", context)


@login_required
@require_POST
def import_commit(request: AuthedRequest, kind: str, token: str) -> HttpResponse:
    kind = _kind(request, kind)
    token = _token(request, kind, token)
    try:
        with imports.staged_open(token) as stored:
            large = imports.count_rows(stored) > imports.LARGE_FILE_ROWS
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("nominations:import_preview", kind=kind, token=token)
    if large:
        progress = import_start(actor=request.user, token=token, kind=kind)
        return redirect("core:task_progress", uuid=progress.uuid)
    try:
        result = imports.import_commit(actor=request.user, token=token, kind=kind)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("nominations:import_preview", kind=kind, token=token)
    messages.success(
        request,
        _("Đã nhập %(n)s dòng (tạo mới %(p)s cá nhân).")
        % {"n": result.created, "p": result.new_people},
    )
    if kind == imports.AWARDS:
        return redirect("nominations:import_upload", kind=kind)
    return redirect("nominations:list")
