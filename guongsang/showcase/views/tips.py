"""The secretariat's pages for the tips sent from the public site."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.catalogue.models import Title
from guongsang.core.files import file_response
from guongsang.core.http import AuthedRequest, action_done, page_of, report_errors
from guongsang.core.views import require_perm
from guongsang.showcase import selectors, services
from guongsang.showcase.forms import MergeForm, ReasonForm, TipToDossierForm
from guongsang.showcase.models import Tip, TipStatus
from guongsang.showcase.views.stories import editor_units


@login_required
def tips(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.moderate_tip")
    status = request.GET.get("status", "")
    page = page_of(request, selectors.tips_for(user=request.user, status=status))
    context = {"page": page, "status": status, "statuses": TipStatus.choices}
    return render(request, "showcase/tips.html", context)


def _tip(request: AuthedRequest, uuid: Any) -> Tip:
    require_perm(request, "showcase.moderate_tip")
    tip = selectors.tip_for(user=request.user, uuid=uuid)
    require_perm(request, "showcase.moderate_tip", tip)
    return tip


def _merge_form(request: AuthedRequest, tip: Tip, data: Any = None) -> MergeForm:
    return MergeForm(
        data,
        tips=selectors.tips_for(user=request.user)
        .filter(status__in=[TipStatus.NEW, TipStatus.ACCEPTED])
        .exclude(pk=tip.pk),
        stories=selectors.stories_managed(user=request.user),
    )


@login_required
def tip_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    context = {
        "tip": tip,
        "reason_form": ReasonForm(),
        "merge_form": _merge_form(request, tip),
        "open": tip.status in {TipStatus.NEW, TipStatus.ACCEPTED} and tip.dossier_id is None,
    }
    return render(request, "showcase/tip_detail.html", context)


@login_required
@require_GET
def tip_photo(request: AuthedRequest, uuid: Any, photo: Any) -> HttpResponseBase:
    """A tip's photo, for the moderators who may open the tip; never cached on the way."""
    tip = _tip(request, uuid)
    found = get_object_or_404(tip.photos, uuid=photo)
    extension = found.file.name.rsplit(".", 1)[-1]
    return file_response(
        found.file,
        filename=f"{tip.reference or 'tin-bao'}-anh-{found.pk}.{extension}",
        content_type=found.content_type,
        as_attachment=False,
    )


@login_required
@require_POST
def tip_contact(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """htmx (or plain POST): show the tipster's name and contact in clear; logged."""
    tip = _tip(request, uuid)
    require_perm(request, "showcase.view_tip_contact", tip)
    data = services.tip_contact_reveal(actor=request.user, tip=tip, request=request)
    template = "showcase/partials/tip_contact.html"
    if not request.htmx:
        template = "showcase/tip_contact_page.html"
    return render(request, template, {"tip": tip, "data": data})


@login_required
@require_POST
def tip_accept(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    action_done(
        request,
        lambda: services.tip_accept(actor=request.user, tip=tip),
        _("Đã tiếp nhận tin báo."),
    )
    return redirect("showcase:tip_detail", uuid=tip.uuid)


@login_required
@require_POST
def tip_reject(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)

    def reject() -> None:
        reason = ReasonForm(request.POST).reason_or_refuse(_("Nhập lý do không tiếp nhận tin báo."))
        services.tip_reject(actor=request.user, tip=tip, reason=reason)

    action_done(request, reject, _("Đã ghi nhận: không tiếp nhận tin báo."))
    return redirect("showcase:tip_detail", uuid=tip.uuid)


@login_required
@require_POST
def tip_merge(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    form = _merge_form(request, tip, request.POST)

    def merge() -> None:
        if not form.is_valid():
            raise ValidationError(_("Chọn một tin báo hoặc một câu chuyện để gộp vào."))
        services.tip_merge(
            actor=request.user,
            tip=tip,
            into_tip=form.cleaned_data.get("tip"),
            into_story=form.cleaned_data.get("story"),
        )

    action_done(request, merge, _("Đã gộp tin báo."))
    return redirect("showcase:tip_detail", uuid=tip.uuid)


@login_required
def tip_dossier(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Turn the tip into a draft nomination of a unit the secretariat picks."""
    tip = _tip(request, uuid)
    if tip.dossier is not None:
        return redirect("nominations:detail", uuid=tip.dossier.uuid)
    form = TipToDossierForm(
        request.POST or None,
        units=editor_units(request),
        titles=Title.objects.order_by("order", "name"),
        initial={"year": _this_year()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = data.get("person")
        try:
            dossier = services.tip_to_dossier(
                actor=request.user,
                tip=tip,
                unit=data["unit"],
                title=data["title"],
                year=data["year"],
                person=person,
                nominee_unit=None if person is not None else data["unit"],
            )
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc, form=form)
        else:
            messages.success(request, _("Đã lập hồ sơ đề nghị (bản nháp) từ tin báo."))
            return redirect("nominations:detail", uuid=dossier.uuid)
    return render(request, "showcase/tip_dossier.html", {"tip": tip, "form": form})


def _this_year() -> int:
    return timezone.localdate().year
