"""Public notice (công khai) of the dossiers before the council, with the objections and
their answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.council import selectors, services
from guongsang.council.forms import (
    AnswerForm,
    NoticeForm,
    ObjectionForm,
)
from guongsang.council.models import Objection
from guongsang.council.views.base import _notice


@login_required
def notice_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.read_notices")
    notices = selectors.notices_visible(user=request.user).prefetch_related("dossiers")
    can_manage = request.user.has_perm("council.manage")
    return render(
        request, "council/notice_list.html", {"notices": notices, "can_manage": can_manage}
    )


@login_required
def notice_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.manage")
    council = selectors.councils_managed(user=request.user).first()
    period = council.notice_working_days if council else services.DEFAULT_NOTICE_DAYS
    form = NoticeForm(
        request.POST or None,
        dossiers=selectors.dossiers_to_publish(user=request.user),
        initial={"working_days": period, "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.notice_publish(
                actor=request.user,
                dossiers=list(data["dossiers"]),
                starts_on=data["starts_on"],
                working_days=data["working_days"],
                title=data["title"],
            )
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã đưa danh sách ra công khai."))
            return redirect("council:notice_detail", uuid=notice.uuid)
    return render(request, "council/notice_form.html", {"form": form})


@login_required
def notice_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    notice = _notice(request, uuid)
    dossiers = notice.dossiers.select_related("title", "person", "nominee_unit", "unit")
    objections = notice.objections.select_related(
        "dossier__person", "dossier__nominee_unit", "answered_by"
    )
    can_manage = request.user.has_perm("council.manage", notice)
    context = {
        "notice": notice,
        "dossiers": dossiers,
        "objections": objections,
        "can_manage": can_manage,
        "form": ObjectionForm(dossiers=dossiers) if can_manage else None,
        "answer_form": AnswerForm(),
    }
    return render(request, "council/notice_detail.html", context)


@login_required
@require_POST
def objection_create(request: AuthedRequest, uuid: Any) -> HttpResponse:
    notice = _notice(request, uuid, "council.manage")
    form = ObjectionForm(request.POST, dossiers=notice.dossiers.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.objection_record(
                actor=request.user,
                notice=notice,
                dossier=data["dossier"],
                who=data["who"],
                text=data["text"],
                contact=data["contact"],
            )
            messages.success(request, _("Đã ghi nhận ý kiến phản ánh."))
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc)
    else:
        messages.error(request, _("Cần chọn hồ sơ, ghi người phản ánh và nội dung."))
    return redirect("council:notice_detail", uuid=notice.uuid)


@login_required
@require_POST
def objection_answer(request: AuthedRequest, uuid: Any) -> HttpResponse:
    visible = selectors.notices_visible(user=request.user).values("pk")
    objection = get_visible_or_404(
        Objection.objects.filter(notice__in=visible).select_related("notice"), uuid=uuid
    )
    require_perm(request, "council.manage", objection.notice)
    form = AnswerForm(request.POST)
    try:
        answer = form.data.get("answer", "")
        services.objection_answer(actor=request.user, objection=objection, answer=answer)
        messages.success(request, _("Đã ghi câu trả lời."))
    except (ValidationError, PermissionDenied) as exc:
        report_errors(request, exc)
    return redirect("council:notice_detail", uuid=objection.notice.uuid)
