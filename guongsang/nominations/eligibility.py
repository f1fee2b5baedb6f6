"""Eligibility checks, each explaining itself in Vietnamese: the one module the dossier page,
the submission, the council's agenda, the Excel import's preview and the API all ask. The
law's rules themselves (prerequisites, waiting periods, quotas, the unit's vote, discipline)
are in `rules`, repeated awards in `repeats`; this module lists the checks and applies the
secretariat's overrides (a blocking check let through with a recorded reason)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Target
from guongsang.core.formatting import quoted
from guongsang.initiatives.requirements import initiative_shortfall
from guongsang.nominations import repeats, rules
from guongsang.nominations.findings import Finding, TextPair
from guongsang.nominations.history import History
from guongsang.nominations.models import Dossier, FileKind, State, Track

__all__ = ["Finding", "TextPair", "blocking", "check_dossier", "check_rules"]


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
                _("“%(title)s” là %(target)s, không đúng đối tượng.")
                % {
                    "title": dossier.title.name,
                    "target": dossier.title.get_target_display().lower(),
                },
            )
        )
    return found


def _initiative(dossier: Dossier) -> list[Finding]:
    """The sáng kiến a Chiến sĩ thi đua title requires (Luật Thi đua, khen thưởng 2022,
    Điều 21–23), read from the register of initiatives with its scope and date."""
    if not dossier.person_id:
        return []
    missing = initiative_shortfall(
        person_id=dossier.person_id, title_code=dossier.title.code, year=dossier.year
    )
    return [Finding("initiative", missing)] if missing else []


def _submitted_on(dossier: Dossier) -> dt.date:
    """The day the dossier was (or, still being drafted, would be) submitted."""
    if dossier.state in {State.DRAFT, State.RETURNED} or not dossier.pk:
        return timezone.localdate()
    event = dossier.events.filter(action="submit").order_by("-at", "-id").first()
    return timezone.localdate(event.at) if event is not None else timezone.localdate()


def _movement_named(name: str) -> str:
    """“Phong trào thi đua …” says what it is; a bare name is called a movement first."""
    if name.casefold().startswith("phong trào"):
        return quoted(name)
    return _("phong trào %(name)s") % {"name": quoted(name)}


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
                "name": _movement_named(movement.name),
                "date": movement.nomination_deadline.strftime("%d/%m/%Y"),
            },
        )
    ]


def check_rules(dossier: Dossier, *, pending: int = 0) -> list[Finding]:
    """The law's rules on a dossier, saved or not (an import row is checked before it is
    written; `pending` counts the rows above it that propose the same title in its unit).
    A new rule is one more line here: the dossier, the import and the API all see it."""
    history = History(dossier)
    return [
        *repeats.duplicates(history),
        *rules.prerequisites(history),
        *rules.interval(history),
        *rules.quota(dossier, pending=pending),
        *rules.discipline(dossier),
        *_initiative(dossier),
        *repeats.reused_text(history),
    ]


def check_dossier(dossier: Dossier) -> list[Finding]:
    kinds = set(dossier.files.values_list("kind", flat=True)) if dossier.pk else set()
    findings = [
        *_missing(dossier, kinds),
        *rules.unit_vote(dossier),
        *check_rules(dossier),
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
