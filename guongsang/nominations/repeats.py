"""Khen trùng: the same nominee proposed or awarded twice for one achievement. Every level
and movement counts: the dossier is compared with the nominee's awards and other dossiers of
the year, and its achievement text with the nominee's earlier dossiers by the near-duplicate
engine of the writing contest (core.neardup)."""

from __future__ import annotations

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from guongsang.core import neardup
from guongsang.core.formatting import quoted
from guongsang.nominations.findings import Finding, TextPair
from guongsang.nominations.history import History
from guongsang.nominations.models import Dossier, State


def _label(other: Dossier) -> str:
    return _("%(title)s năm %(year)s (%(unit)s, %(state)s)") % {
        "title": quoted(other.title.name),
        "year": other.year,
        "unit": other.unit.name,
        "state": other.get_state_display(),
    }


def duplicates(history: History) -> list[Finding]:
    """The checks of a repeated award, one after the other in the order the officer reads them
    (same title, award on record, another title, the deed reworded); each is a few lines and
    shares the nominee's history."""
    dossier = history.dossier
    found = []
    others = [
        o for o in history.live() if o.year == dossier.year and o.forwarded_from_id != dossier.pk
    ]
    same = next((o for o in others if o.title_id == dossier.title_id), None)
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
    if dossier.year in history.award_years(dossier.title_id):
        found.append(
            Finding(
                "duplicate",
                _("Đối tượng này đã được tặng %(title)s năm %(year)s.")
                % {"title": quoted(dossier.title.name), "year": dossier.year},
            )
        )
    linked = history.linked_titles
    other = next(
        (o for o in others if o.title_id != dossier.title_id and o.title_id not in linked), None
    )
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
    for award in history.awards:
        if (
            award.year == dossier.year
            and award.title_id != dossier.title_id
            and award.title_id not in linked
        ):
            decision = (
                _(", quyết định số %(n)s") % {"n": award.decision_number}
                if award.decision_number
                else ""
            )
            found.append(
                Finding(
                    "double_award",
                    _(
                        "Đối tượng này đã được tặng %(title)s năm %(year)s%(decision)s: kiểm "
                        "tra để không khen trùng một thành tích ở hai cấp hoặc hai phong trào."
                    )
                    % {"title": quoted(award.title.name), "year": award.year, "decision": decision},
                    blocking=False,
                )
            )
    return found


def _text(dossier: Dossier) -> str:
    return "\n\n".join(t for t in (dossier.summary.strip(), dossier.report.strip()) if t)


def reused_text(history: History) -> list[Finding]:
    """Earlier dossiers of the nominee whose achievement text this one repeats (reworded,
    reordered, without diacritics), shown side by side with the shared passages marked."""
    dossier = history.dossier
    text = _text(dossier)
    mine = neardup.shingle_set(text)
    if len(mine) < neardup.MIN_SHINGLES:
        return []
    found = []
    for other in history.dossiers:
        if other.state == State.WITHDRAWN or other.forwarded_from_id == dossier.pk:
            continue
        if dossier.pk and other.created_at > dossier.created_at:
            continue  # the later one of a pair carries the warning
        theirs_text = _text(other)
        theirs = neardup.shingle_set(theirs_text)
        j, c = neardup.jaccard(mine, theirs), neardup.containment(mine, theirs)
        if j < neardup.MIN_JACCARD and c < neardup.MIN_CONTAINMENT:
            continue
        common = mine & theirs
        share = round(c * 100)
        pair = TextPair(
            label=_label(other),
            share=share,
            mine_html=mark_safe(neardup.highlight(text, neardup.overlap_spans(text, common))),  # noqa: S308 (escaped by highlight)
            other_html=mark_safe(  # noqa: S308 (escaped by highlight)
                neardup.highlight(theirs_text, neardup.overlap_spans(theirs_text, common))
            ),
        )
        found.append(
            Finding(
                "reused_text",
                _(
                    "Thành tích trong hồ sơ này trùng %(share)s%% với hồ sơ %(label)s của cùng "
                    "đối tượng: kiểm tra để không khen trùng một thành tích."
                )
                % {"share": share, "label": pair.label},
                blocking=False,
                pairs=(pair,),
            )
        )
    return found
