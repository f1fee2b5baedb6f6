"""Writes of cluster scoring: open a year, enter scores, close with the summary, propose."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Title
from guongsang.clusters.models import Criterion, Proposal, Round, Score
from guongsang.clusters.selectors import member_units, ranking
from guongsang.core import audit
from guongsang.core.formatting import vn_number
from guongsang.core.types import Actor, actor_user
from guongsang.core.validators import clean_text
from guongsang.nominations.services import dossier_create
from guongsang.org.models import Cluster, Unit

# What a cluster proposes for its leading units: the City People's Committee's flag for the
# first, its Chairman's Bằng khen for the next (the city's rules for its clusters).
PROPOSABLE_TITLES = ("co-thi-dua-ubnd-thanh-pho", "bang-khen-chu-tich-ubnd-thanh-pho")
FLAG = PROPOSABLE_TITLES[0]


@transaction.atomic
def round_open(
    *, actor: Actor, cluster: Cluster, year: int, criteria: Sequence[tuple[str, Decimal]]
) -> Round:
    """Open the year's scoring with its criteria table (tiêu chí, điểm tối đa)."""
    if Round.objects.filter(cluster=cluster, year=year).exists():
        raise ValidationError(
            _("%(cluster)s đã có bảng chấm điểm năm %(year)s.")
            % {"cluster": cluster.name, "year": year}
        )
    if not criteria:
        raise ValidationError(_("Bảng tiêu chí cần ít nhất một tiêu chí."))
    scoring = Round.objects.create(cluster=cluster, year=year)
    for number, (name, max_points) in enumerate(criteria, start=1):
        criterion_add(actor=None, scoring=scoring, name=name, max_points=max_points, number=number)
    audit.audit_create(actor=actor, obj=scoring)
    return scoring


def _check_open(scoring: Round) -> None:
    if scoring.state != Round.State.OPEN:
        raise ValidationError(_("Bảng chấm điểm đã tổng hợp, không sửa được nữa."))


@transaction.atomic
def criterion_add(
    *, actor: Actor, scoring: Round, name: str, max_points: Decimal, number: int | None = None
) -> Criterion:
    _check_open(scoring)
    name = clean_text(name)
    if not name:
        raise ValidationError(_("Chưa nhập tên tiêu chí."))
    if max_points is None or max_points <= 0:
        raise ValidationError(_("Điểm tối đa của tiêu chí phải lớn hơn 0."))
    if number is None:
        number = (
            scoring.criteria.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    criterion = Criterion.objects.create(
        round=scoring, number=number, name=name, max_points=max_points
    )
    if actor is not None:
        audit.audit_create(actor=actor, obj=criterion)
    return criterion


@transaction.atomic
def scores_enter(
    *,
    actor: Actor,
    scoring: Round,
    scorer: Unit,
    scored: Unit,
    points: Mapping[int, Decimal | None],
) -> int:
    """The points `scorer` gives `scored`, per criterion id (None clears a score).

    Both must be members of the cluster that year; every point lies in [0, the criterion's
    maximum]. All or nothing: one bad figure and nothing is written. Returns the count set.
    """
    _check_open(scoring)
    members = {u.pk: u for u in member_units(scoring)}
    for unit in (scorer, scored):
        if unit.pk not in members:
            raise ValidationError(
                _("“%(unit)s” không thuộc %(cluster)s năm %(year)s.")
                % {"unit": unit.name, "cluster": scoring.cluster.name, "year": scoring.year}
            )
    criteria = {c.pk: c for c in scoring.criteria.all()}
    for criterion_id, value in points.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("Tiêu chí không thuộc bảng chấm điểm này."))
        if value is not None and not Decimal(0) <= value <= criterion.max_points:
            raise ValidationError(
                _("Điểm tiêu chí %(n)s phải từ 0 đến %(max)s (đang nhập %(value)s).")
                % {
                    "n": criterion.number,
                    "max": vn_number(criterion.max_points, 2),
                    "value": vn_number(value, 2),
                }
            )
    written = 0
    for criterion_id, value in points.items():
        existing = Score.objects.filter(criterion_id=criterion_id, scorer=scorer, scored=scored)
        if value is None:
            existing.delete()
            continue
        Score.objects.update_or_create(
            criterion_id=criterion_id, scorer=scorer, scored=scored, defaults={"points": value}
        )
        written += 1
    audit.audit_log(
        actor=actor,
        action="update",
        obj=scoring,
        after={
            "scorer": scorer.code,
            "scored": scored.code,
            "points": {str(criteria[k].number): str(v) for k, v in points.items()},
        },
        reason=_("Chấm điểm thi đua"),
    )
    return written


@transaction.atomic
def round_close(*, actor: Actor, scoring: Round, summary: str) -> Round:
    """The leader's summary closes the year: every member scored by every member (itself
    included) on every criterion, or the summary is refused with who is missing."""
    _check_open(scoring)
    summary = clean_text(summary, multiline=True)
    if not summary:
        raise ValidationError(_("Chưa nhập báo cáo tổng hợp của cụm trưởng."))
    units = member_units(scoring)
    expected = len(units) * len(units) * scoring.criteria.count()
    given = Score.objects.filter(
        criterion__round=scoring, scorer__in=units, scored__in=units
    ).count()
    if expected == 0 or given < expected:
        late = [r.unit.name for r in ranking(scoring) if r.missing or r.self_total is None]
        raise ValidationError(
            _(
                "Chưa đủ điểm để tổng hợp (%(given)s/%(expected)s ô điểm); "
                "còn thiếu điểm của: %(units)s."
            )
            % {"given": given, "expected": expected, "units": ", ".join(late) or "—"}
        )
    before = audit.snapshot(scoring)
    scoring.summary = summary
    scoring.state = Round.State.CLOSED
    scoring.closed_on = timezone.localdate()
    scoring.closed_by = actor_user(actor)
    scoring.save(update_fields=["summary", "state", "closed_on", "closed_by", "updated_at"])
    audit.audit_state(actor=actor, obj=scoring, before=before)
    return scoring


def _ranking_text(scoring: Round) -> str:
    lines = [
        _("%(rank)s. %(unit)s: %(avg)s điểm (tự chấm %(own)s)")
        % {
            "rank": row.rank,
            "unit": row.unit.name,
            "avg": vn_number(row.average, 2),
            "own": vn_number(row.self_total, 2),
        }
        for row in ranking(scoring)
    ]
    return "\n".join(lines)


@transaction.atomic
def proposal_make(*, actor: Actor, scoring: Round, unit: Unit, title: Title) -> Proposal:
    """Propose a leading unit to the city as a dossier (khen thưởng tập thể), through the
    nominations service: the city's secretariat takes it from there."""
    if scoring.state != Round.State.CLOSED:
        raise ValidationError(_("Cụm trưởng cần tổng hợp kết quả trước khi đề nghị khen thưởng."))
    if title.code not in PROPOSABLE_TITLES:
        raise ValidationError(_("Cụm chỉ đề nghị Cờ thi đua hoặc Bằng khen của UBND Thành phố."))
    rows = {r.unit.pk: r for r in ranking(scoring)}
    row = rows.get(unit.pk)
    if row is None or row.rank is None:
        raise ValidationError(_("Đơn vị không có trong bảng xếp hạng của cụm."))
    if title.code == FLAG and row.rank != 1:
        raise ValidationError(
            _("Cờ thi đua chỉ đề nghị cho đơn vị dẫn đầu cụm; “%(unit)s” xếp thứ %(rank)s.")
            % {"unit": unit.name, "rank": row.rank}
        )
    if scoring.proposals.filter(unit=unit).exists():
        raise ValidationError(_("Cụm đã đề nghị khen thưởng cho đơn vị này."))
    summary = _(
        "Xếp thứ %(rank)s trong %(cluster)s năm %(year)s với %(avg)s điểm bình quân chấm chéo."
    ) % {
        "rank": row.rank,
        "cluster": scoring.cluster.name,
        "year": scoring.year,
        "avg": vn_number(row.average, 2),
    }
    dossier = dossier_create(
        actor=actor,
        unit=scoring.cluster.organiser,
        title=title,
        year=scoring.year,
        nominee_unit=unit,
        summary=summary,
        report=f"{scoring.summary}\n\n{_ranking_text(scoring)}",
    )
    proposal = Proposal.objects.create(
        round=scoring, unit=unit, title=title, rank=row.rank, dossier=dossier
    )
    audit.audit_create(actor=actor, obj=proposal)
    return proposal


def scores_import(*, actor: Actor, scoring: Round, rows: Sequence[dict[str, Any]]) -> int:
    """Scores read from a workbook (see exports), grouped per pair and entered all or none."""
    units = {u.code: u for u in member_units(scoring)}
    criteria = {c.number: c.pk for c in scoring.criteria.all()}
    pairs: dict[tuple[str, str], dict[int, Decimal | None]] = {}
    for row in rows:
        key = (row["scorer"], row["scored"])
        if row["scorer"] not in units or row["scored"] not in units:
            raise ValidationError(
                _("Dòng %(line)s: mã đơn vị không thuộc cụm năm %(year)s.")
                % {"line": row["line"], "year": scoring.year}
            )
        if row["criterion"] not in criteria:
            raise ValidationError(
                _("Dòng %(line)s: không có tiêu chí số %(n)s.")
                % {"line": row["line"], "n": row["criterion"]}
            )
        pairs.setdefault(key, {})[criteria[row["criterion"]]] = row["points"]
    count = 0
    with transaction.atomic():
        for (scorer, scored), points in pairs.items():
            count += scores_enter(
                actor=actor,
                scoring=scoring,
                scorer=units[scorer],
                scored=units[scored],
                points=points,
            )
    return count
