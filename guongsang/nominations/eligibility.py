"""Eligibility checks, each explaining itself in Vietnamese. Run on save and before submission;
the secretariat may let a dossier through a blocking check with a recorded reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.models import Award
from guongsang.catalogue.models import Target
from guongsang.core.formatting import quoted
from guongsang.nominations.models import LIVE_STATES, Dossier, FileKind, State, Track


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    blocking: bool = True
    overridden: str = ""  # the secretariat's reason, when it let this through


def _nominee_q(dossier: Dossier, prefix: str = "") -> Q:
    if dossier.person_id:
        return Q(**{f"{prefix}person_id": dossier.person_id})
    return Q(**{f"{prefix}nominee_unit_id": dossier.nominee_unit_id})


def _same_proposal_ids(dossier: Dossier) -> set[int]:
    """The dossier and the ones it was forwarded from or to: one proposal at several levels."""
    if not dossier.pk:
        return set()
    ids = {dossier.pk}
    below = dossier.forwarded_from_id
    while below is not None and below not in ids:
        ids.add(below)
        below = Dossier.objects.filter(pk=below).values_list("forwarded_from_id", flat=True)[0]
    # Only a forwarded dossier has a copy at the level above.
    frontier = {dossier.pk} if dossier.state == State.FORWARDED else set()
    while frontier:
        above = set(
            Dossier.objects.filter(forwarded_from__in=frontier).values_list("pk", flat=True)
        )
        frontier = above - ids
        ids |= frontier
    return ids


def _awards_of(dossier: Dossier):
    """Awards on record (not revoked) of the dossier's nominee, less the award this very
    proposal produced once decided: a decided dossier is not its own duplicate."""
    awards = Award.objects.filter(revoked_on=None)
    own = _same_proposal_ids(dossier)
    if own:
        awards = awards.exclude(decision_line__dossier__in=own)
    if dossier.person_id:
        return awards.filter(person_id=dossier.person_id)
    return awards.filter(unit=dossier.nominee_unit, person=None)


def _missing(dossier: Dossier, kinds: set[str]) -> list[Finding]:
    found = []
    if not dossier.summary.strip():
        found.append(Finding("missing", _("Chưa có tóm tắt thành tích.")))
    if not dossier.report.strip() and FileKind.REPORT not in kinds:
        found.append(
            Finding(
                "missing", _("Chưa có báo cáo thành tích (nhập nội dung hoặc tải tệp DOCX/PDF).")
            )
        )
    if dossier.track != Track.AD_HOC:
        if FileKind.MINUTES not in kinds:
            found.append(Finding("missing", _("Chưa có biên bản họp xét của đơn vị.")))
        if dossier.votes_yes is None or dossier.votes_total is None:
            found.append(Finding("missing", _("Chưa ghi kết quả bỏ phiếu của cuộc họp xét.")))
    target = dossier.title.target
    if (target == Target.INDIVIDUAL and dossier.is_collective) or (
        target == Target.COLLECTIVE and not dossier.is_collective
    ):
        found.append(
            Finding(
                "target",
                _("%(title)s là %(target)s, không đúng đối tượng.")
                % {
                    "title": quoted(dossier.title.name),
                    "target": dossier.title.get_target_display().lower(),
                },
            )
        )
    return found


def _duplicates(dossier: Dossier) -> list[Finding]:
    found = []
    # A forwarded dossier and the one it was forwarded from are the same proposal, not two.
    others = (
        Dossier.objects.filter(_nominee_q(dossier), year=dossier.year, state__in=LIVE_STATES)
        .exclude(pk=dossier.pk)
        .exclude(forwarded_from=dossier)
    )
    if dossier.forwarded_from_id:
        others = others.exclude(pk=dossier.forwarded_from_id)
    same = others.filter(title_id=dossier.title_id).select_related("unit").first()
    if same is not None:
        found.append(
            Finding(
                "duplicate",
                _(
                    "Đã có hồ sơ đề nghị %(title)s năm %(year)s cho đối tượng này "
                    "(đơn vị %(unit)s, trạng thái: %(state)s)."
                )
                % {
                    "title": quoted(dossier.title.name),
                    "year": dossier.year,
                    "unit": same.unit.name,
                    "state": same.get_state_display(),
                },
            )
        )
    if _awards_of(dossier).filter(title_id=dossier.title_id, year=dossier.year).exists():
        found.append(
            Finding(
                "duplicate",
                _("Đối tượng này đã được tặng %(title)s năm %(year)s.")
                % {"title": quoted(dossier.title.name), "year": dossier.year},
            )
        )
    other = others.exclude(title_id=dossier.title_id).select_related("title").first()
    if other is not None:
        found.append(
            Finding(
                "double_award",
                _(
                    "Đối tượng này cũng đang được đề nghị %(title)s năm %(year)s: kiểm tra "
                    "để không khen trùng một thành tích ở hai cấp hoặc hai phong trào."
                )
                % {"title": quoted(other.title.name), "year": dossier.year},
                blocking=False,
            )
        )
    return found


def _prerequisites(dossier: Dossier) -> list[Finding]:
    found = []
    for pre in dossier.title.prerequisites.select_related("required"):
        last = dossier.year if pre.same_year else dossier.year - 1
        needed = set(range(last - pre.consecutive_years + 1, last + 1))
        awards = _awards_of(dossier).filter(title_id=pre.required_id, year__in=needed)
        held = set(awards.values_list("year", flat=True))
        # A lower title proposed the same year may be decided together with this one.
        proposed = Dossier.objects.filter(
            _nominee_q(dossier), title_id=pre.required_id, year=dossier.year, state__in=LIVE_STATES
        )
        if dossier.year in needed and proposed.exists():
            held.add(dossier.year)
        missing = sorted(needed - held)
        if missing:
            years = ", ".join(str(y) for y in missing)
            if pre.consecutive_years == 1:
                message = _("Chưa đủ điều kiện: cần có %(req)s năm %(years)s.") % {
                    "req": quoted(pre.required.name),
                    "years": years,
                }
            else:
                message = _(
                    "Chưa đủ điều kiện: cần %(n)s năm liên tục đạt %(req)s "
                    "(%(start)s–%(end)s); còn thiếu năm %(years)s."
                ) % {
                    "n": pre.consecutive_years,
                    "req": quoted(pre.required.name),
                    "start": min(needed),
                    "end": max(needed),
                    "years": years,
                }
            found.append(Finding("prerequisite", message))
    return found


def _quota(dossier: Dossier) -> list[Finding]:
    title = dossier.title
    if title.quota_percent is None or title.quota_of_id is None:
        return []

    def count(title_id: int) -> int:
        return Dossier.objects.filter(
            unit_id=dossier.unit_id, year=dossier.year, title_id=title_id, state__in=LIVE_STATES
        ).count()

    base = count(title.quota_of_id)
    allowed = int(base * title.quota_percent / 100)
    current = count(title.pk) + (0 if dossier.state in LIVE_STATES and dossier.pk else 1)
    if current > allowed:
        return [
            Finding(
                "quota",
                _(
                    "Vượt tỷ lệ: đơn vị có %(base)s hồ sơ %(of)s năm %(year)s nên được đề nghị "
                    "tối đa %(allowed)s %(title)s (%(pct)s%%); hiện có %(current)s."
                )
                % {
                    "base": base,
                    "of": quoted(title.quota_of.name if title.quota_of else ""),
                    "year": dossier.year,
                    "allowed": allowed,
                    "title": quoted(title.name),
                    "pct": f"{title.quota_percent.normalize()}".replace(".", ","),
                    "current": current,
                },
            )
        ]
    return []


def _submitted_on(dossier: Dossier) -> dt.date:
    """The day the dossier was (or, still being drafted, would be) submitted."""
    if dossier.state in {State.DRAFT, State.RETURNED} or not dossier.pk:
        return timezone.localdate()
    event = dossier.events.filter(action="submit").order_by("-at", "-id").first()
    return timezone.localdate(event.at) if event is not None else timezone.localdate()


def _deadline(dossier: Dossier) -> list[Finding]:
    movement = dossier.movement
    if movement is None or movement.nomination_deadline is None:
        return []
    if _submitted_on(dossier) <= movement.nomination_deadline:
        return []
    return [
        Finding(
            "deadline",
            _("Đã quá hạn nộp hồ sơ của %(name)s (hạn cuối: %(date)s).")
            % {
                "name": quoted(movement.name),
                "date": movement.nomination_deadline.strftime("%d/%m/%Y"),
            },
        )
    ]


def check_dossier(dossier: Dossier) -> list[Finding]:
    kinds = set(dossier.files.values_list("kind", flat=True)) if dossier.pk else set()
    findings = [
        *_missing(dossier, kinds),
        *_duplicates(dossier),
        *_prerequisites(dossier),
        *_quota(dossier),
        *_deadline(dossier),
    ]
    overrides = dict(dossier.overrides.values_list("check_code", "reason")) if dossier.pk else {}
    return [
        Finding(f.code, f.message, blocking=False, overridden=overrides[f.code])
        if f.blocking and f.code in overrides and f.code != "missing"
        else f
        for f in findings
    ]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]
