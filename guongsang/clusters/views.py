"""Cluster scoring pages: the clusters, a year's table and ranking, score entry, Excel."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.catalogue.models import Title
from guongsang.clusters import exports, selectors, services
from guongsang.clusters.forms import CloseForm, ImportForm, ProposalForm, RoundForm, ScoreForm
from guongsang.clusters.models import Proposal, Round
from guongsang.core.documents import XLSX_MIME, file_response
from guongsang.core.http import AuthedRequest, action_done
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.org.models import Unit


@login_required
def cluster_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "clusters.view_cluster")
    clusters = list(selectors.cluster_list(user=request.user).prefetch_related("rounds"))
    runnable = {c.pk for c in clusters if request.user.has_perm("clusters.run_round", c)}
    return render(request, "clusters/list.html", {"clusters": clusters, "runnable": runnable})


@login_required
def round_create(request: AuthedRequest, uuid: str) -> HttpResponse:
    cluster = get_visible_or_404(selectors.cluster_list(user=request.user), uuid=uuid)
    require_perm(request, "clusters.run_round", cluster)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scoring = services.round_open(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lập bảng chấm điểm năm %s.") % scoring.year)
            return redirect("clusters:round", uuid=scoring.uuid)
    return render(request, "clusters/round_form.html", {"form": form, "cluster": cluster})


def _round(request: AuthedRequest, uuid: str) -> Round:
    scoring = selectors.round_for(user=request.user, uuid=uuid)
    require_perm(request, "clusters.view_cluster", scoring.cluster)
    return scoring


@login_required
def round_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    scoring = _round(request, uuid)
    units = selectors.member_units(scoring)
    can_run = request.user.has_perm("clusters.run_round", scoring.cluster)
    rows = selectors.ranking(scoring)
    context = {
        "scoring": scoring,
        "criteria": scoring.criteria.all(),
        "rows": rows,
        "units": units,
        "my_units": [u for u in units if request.user.has_perm("clusters.score_for", u)],
        "can_run": can_run,
        "close_form": CloseForm() if can_run and scoring.state == Round.State.OPEN else None,
        "proposal_form": (
            ProposalForm(
                units=Unit.objects.filter(pk__in=[r.unit.pk for r in rows if r.rank]),
                titles=Title.objects.filter(code__in=services.PROPOSABLE_TITLES),
                initial={"unit": rows[0].unit.uuid if rows else None},
            )
            if can_run and scoring.state == Round.State.CLOSED
            else None
        ),
        "proposals": scoring.proposals.select_related("unit", "title", "dossier"),
        "import_form": ImportForm() if scoring.state == Round.State.OPEN else None,
    }
    return render(request, "clusters/round_detail.html", context)


@login_required
def score_entry(request: AuthedRequest, uuid: str, scorer: UUID, scored: UUID) -> HttpResponse:
    scoring = _round(request, uuid)
    units = {u.uuid: u for u in selectors.member_units(scoring)}
    giver, taker = units.get(scorer), units.get(scored)
    if giver is None or taker is None:
        raise PermissionDenied(_("Đơn vị không thuộc cụm trong năm này."))
    require_perm(request, "clusters.score_for", giver)
    criteria = list(scoring.criteria.all())
    grid = selectors.score_grid(scoring, giver)
    initial = {f"c{c.pk}": grid.get((c.pk, taker.pk)) for c in criteria}
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_enter(
                actor=request.user,
                scoring=scoring,
                scorer=giver,
                scored=taker,
                points=form.points(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Đã lưu điểm %(a)s chấm %(b)s.") % {"a": giver.name, "b": taker.name}
            )
            return redirect("clusters:round", uuid=scoring.uuid)
    context = {"scoring": scoring, "form": form, "scorer": giver, "scored": taker}
    return render(request, "clusters/score_form.html", context)


@login_required
@require_POST
def round_close(request: AuthedRequest, uuid: str) -> HttpResponse:
    scoring = _round(request, uuid)
    require_perm(request, "clusters.run_round", scoring.cluster)
    form = CloseForm(request.POST)

    def close() -> None:
        if not form.is_valid():
            raise ValidationError(_("Chưa nhập báo cáo tổng hợp của cụm trưởng."))
        services.round_close(actor=request.user, scoring=scoring, **form.cleaned_data)

    action_done(request, close, _("Đã tổng hợp kết quả chấm điểm của cụm."))
    return redirect("clusters:round", uuid=scoring.uuid)


@login_required
@require_POST
def proposal_create(request: AuthedRequest, uuid: str) -> HttpResponse:
    scoring = _round(request, uuid)
    require_perm(request, "clusters.run_round", scoring.cluster)
    form = ProposalForm(
        request.POST,
        units=Unit.objects.filter(pk__in=[u.pk for u in selectors.member_units(scoring)]),
        titles=Title.objects.filter(code__in=services.PROPOSABLE_TITLES),
    )

    def propose() -> Proposal:
        if not form.is_valid():
            raise ValidationError(_("Chọn đơn vị và hình thức đề nghị."))
        return services.proposal_make(actor=request.user, scoring=scoring, **form.cleaned_data)

    action_done(
        request,
        propose,
        lambda proposal: (
            _("Đã lập hồ sơ đề nghị “%(title)s” cho %(unit)s gửi Thành phố.")
            % {"title": proposal.title.name, "unit": proposal.unit.name}
        ),
    )
    return redirect("clusters:round", uuid=scoring.uuid)


@login_required
def round_export(request: AuthedRequest, uuid: str) -> HttpResponse:
    scoring = _round(request, uuid)
    name = f"cham-diem-cum-{scoring.cluster.number}-{scoring.year}.xlsx"
    return file_response(exports.round_xlsx(scoring), name, XLSX_MIME)


@login_required
@require_POST
def round_import(request: AuthedRequest, uuid: str) -> HttpResponse:
    scoring = _round(request, uuid)
    form = ImportForm(request.POST, request.FILES)

    def import_scores() -> int:
        if not form.is_valid():
            raise ValidationError(_("Chọn tệp Excel điểm để nhập."))
        rows = exports.read_scores(form.cleaned_data["file"].read())
        members = {u.code: u for u in selectors.member_units(scoring)}
        for code in {row["scorer"] for row in rows}:
            unit = members.get(code)
            if unit is not None and not request.user.has_perm("clusters.score_for", unit):
                raise ValidationError(
                    _("Bạn không chấm điểm thay cho “%(unit)s”: bỏ các dòng đó khỏi tệp.")
                    % {"unit": unit.name}
                )
        return services.scores_import(actor=request.user, scoring=scoring, rows=rows)

    action_done(request, import_scores, lambda count: _("Đã nhập %s ô điểm từ tệp Excel.") % count)
    return redirect("clusters:round", uuid=scoring.uuid)
