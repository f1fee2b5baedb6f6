"""Drafting decisions: from the council's recommended dossiers, editing the draft, dropping it,
and the draft that revokes lines of a signed decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.selectors import reward_amount
from guongsang.core import audit
from guongsang.core.formatting import nfc, quoted, vn_short_date
from guongsang.core.services import model_update
from guongsang.core.types import Actor, actor_user
from guongsang.decisions import wording
from guongsang.decisions.models import Decision, DecisionKind, Recipient, Series
from guongsang.decisions.permissions import DRAFT_ROLES
from guongsang.decisions.services.authority import may_confer, profile_for, require_role
from guongsang.nominations.models import Dossier, State
from guongsang.org.models import Unit

DRAFT_FIELDS = {"summary", "legal_bases", "articles", "recipients_list", "decision_date", "reason"}

# The legal bases in force on the decision date: the 2022 Law and Decree 98/2023 from 1/1/2024,
# the 2003 Law (amended 2005, 2013) and Decree 91/2017 before.
LAW_2022_FROM = dt.date(2024, 1, 1)
BASES_FROM_2024 = (
    "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng",
)
BASES_BEFORE_2024 = (
    "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
    "Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013",
    "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng",
)
LOCAL_BASES = (
    "Quy chế thi đua, khen thưởng của {issuer}",
    "Theo đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng",
)


def default_bases(on: dt.date) -> tuple[str, ...]:
    return (BASES_FROM_2024 if on >= LAW_2022_FROM else BASES_BEFORE_2024) + LOCAL_BASES


def _legal_bases(authority: Unit, on: dt.date) -> str:
    return "\n".join(b.format(issuer=authority.name) for b in default_bases(on))


DEFAULT_RECIPIENTS_LIST = (
    "Như Điều 3",
    "Ban Thi đua - Khen thưởng Thành phố",
    "Lưu: VT, TĐKT",
)


def lock_dossiers(
    authority: Unit,
    dossiers: Sequence[Dossier],
    problems: Callable[[Unit, list[Dossier]], list[str]],
) -> list[Dossier]:
    """The chosen dossiers, locked for the rest of the transaction, in the order of a
    decision's or a submission's list (title, then unit, then person); refused, with every
    reason `problems` finds, when they cannot go into the authority's paper."""
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ đã được Hội đồng đề nghị khen."))
    locked: QuerySet[Dossier] = Dossier.objects.select_for_update(of=("self",))
    rows = list(
        locked.filter(pk__in=[d.pk for d in dossiers])
        .select_related("title", "person", "nominee_unit", "unit")
        .order_by("title__order", "nominee_unit__name", "person__full_name", "pk")
    )
    found = problems(authority, rows)
    if found:
        raise ValidationError(found)
    return rows


def _default_articles(issuer: str, rows: Iterable[Dossier]) -> str:
    return "\n".join(
        [
            wording.first_article(list(rows)),
            _(
                "Tiền thưởng kèm theo theo quy định hiện hành, chi từ Quỹ thi đua, "
                "khen thưởng của %(issuer)s."
            )
            % {"issuer": issuer},
            _(
                "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thường trực Hội đồng "
                "Thi đua - Khen thưởng, Thủ trưởng các đơn vị có liên quan và các cá nhân, "
                "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
            ),
        ]
    )


def _draft_problems(authority: Unit, rows: Sequence[Dossier]) -> list[str]:
    """Why these dossiers cannot go into a decision of this authority (none: they can)."""
    problems = []
    for dossier in rows:
        if dossier.state != State.RECOMMENDED:
            problems.append(
                _("“%(d)s” chưa được Hội đồng đề nghị khen (đang “%(s)s”).")
                % {"d": dossier, "s": dossier.get_state_display()}
            )
        elif dossier.level_unit_id != authority.pk:
            problems.append(_("“%(d)s” không do Hội đồng của cơ quan này xét.") % {"d": dossier})
        elif not may_confer(authority, dossier.title):
            problems.append(
                _("%(t)s không thuộc thẩm quyền quyết định: hãy lập tờ trình cấp trên.")
                % {"t": quoted(dossier.title.name)}
            )
    taken = Recipient.objects.filter(dossier__in=rows, decision__kind=DecisionKind.AWARD)
    for line in taken.select_related("decision"):
        problems.append(_("“%(d)s” đã có trong một quyết định khác.") % {"d": line.dossier})
    return problems


@transaction.atomic
def decision_draft(
    *,
    actor: Actor,
    authority: Unit,
    dossiers: Sequence[Dossier],
    summary: str = "",
    decision_date: dt.date | None = None,
    amends: Decision | None = None,
) -> Decision:
    """Dự thảo quyết định from the council's recommended dossiers of this authority."""
    require_role(actor, authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được soạn quyết định."))
    rows = lock_dossiers(authority, dossiers, _draft_problems)
    year = max(d.year for d in rows)
    on = decision_date or timezone.localdate()
    decision = Decision.objects.create(
        authority=authority,
        kind=DecisionKind.AWARD,
        year=year,
        code=f"{Series.DECISION}-{profile_for(authority).code}",
        decision_date=decision_date,
        summary=nfc(summary).strip() or wording.summary({d.title for d in rows}, year),
        legal_bases=_legal_bases(authority, on),
        articles=_default_articles(authority.name, rows),
        recipients_list="\n".join(DEFAULT_RECIPIENTS_LIST),
        amends=amends,
        created_by=actor_user(actor),
    )
    Recipient.objects.bulk_create(
        Recipient(
            decision=decision,
            order=i,
            dossier=d,
            title=d.title,
            person=d.person,
            unit=d.nominee_unit if d.person is None else (d.person.home_unit or d.unit),
            achievement=d.summary,
            amount=reward_amount(title=d.title, on=on, collective=d.person_id is None),
        )
        for i, d in enumerate(rows, start=1)
    )
    audit.audit_create(actor=actor, obj=decision, reason=_("Soạn dự thảo quyết định"))
    return decision


def _stripped(name: str, value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


def _check_draft(decision: Decision) -> None:
    if not decision.summary or not decision.articles.strip():
        raise ValidationError(_("Cần có trích yếu và ít nhất một điều."))


@transaction.atomic
def decision_update(*, actor: Actor, decision: Decision, **changes: Any) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require_role(
        actor, decision.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được sửa dự thảo.")
    )
    if decision.is_signed:
        raise ValidationError(
            _("Quyết định đã ký không sửa được: hãy ban hành quyết định sửa đổi, bổ sung.")
        )
    model_update(
        actor=actor,
        obj=decision,
        changes=changes,
        allowed=DRAFT_FIELDS,
        clean=_stripped,
        before_save=_check_draft,
    )
    if "decision_date" in changes and decision.decision_date:
        _reprice(decision, decision.decision_date)
    return decision


@transaction.atomic
def decision_delete_draft(*, actor: Actor, decision: Decision) -> None:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require_role(
        actor, decision.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được huỷ dự thảo.")
    )
    if decision.is_signed:
        raise ValidationError(_("Quyết định đã ký không thể xoá."))
    audit.audit_delete(actor=actor, obj=decision, reason=_("Huỷ dự thảo quyết định"))
    decision.delete()


def _reprice(decision: Decision, on: dt.date) -> None:
    lines = list(decision.recipients.select_related("title"))
    for line in lines:
        if decision.kind == DecisionKind.AWARD:
            line.amount = reward_amount(title=line.title, on=on, collective=line.person_id is None)
        else:
            line.amount = 0
    Recipient.objects.bulk_update(lines, ["amount"])


def _check_revocable(decision: Decision, lines: Sequence[Recipient]) -> None:
    if not decision.is_signed or decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("Chỉ thu hồi được khen thưởng của một quyết định đã ký."))
    if not lines:
        raise ValidationError(_("Chọn ít nhất một người hoặc tập thể bị thu hồi."))
    for line in lines:
        if line.decision_id != decision.pk:
            raise ValidationError(_("Dòng được chọn không thuộc quyết định này."))
        if line.award is not None and line.award.is_revoked:
            raise ValidationError(_("“%(n)s” đã bị thu hồi.") % {"n": line.name})


@transaction.atomic
def revocation_draft(
    *, actor: Actor, decision: Decision, lines: Sequence[Recipient], reason: str
) -> Decision:
    """Dự thảo quyết định thu hồi: lines of a signed decision, and why."""
    require_role(
        actor, decision.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được soạn quyết định.")
    )
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError(_("Cần ghi rõ lý do thu hồi."))
    _check_revocable(decision, lines)
    revoked = {"n": decision.full_number, "d": vn_short_date(decision.decision_date)}
    revocation = Decision.objects.create(
        authority=decision.authority,
        kind=DecisionKind.REVOCATION,
        year=decision.year,
        code=decision.code,
        summary=_("Về việc thu hồi khen thưởng tại Quyết định số %(n)s ngày %(d)s") % revoked,
        legal_bases=_legal_bases(decision.authority, timezone.localdate()),
        articles="\n".join(
            [
                _(
                    "Thu hồi khen thưởng đã tặng tại Quyết định số %(n)s ngày %(d)s đối với "
                    "%(k)s có tên trong danh sách kèm theo. Lý do: %(r)s."
                )
                % {**revoked, "k": len(lines), "r": reason.rstrip(".")},
                _("Quyết định có hiệu lực kể từ ngày ký."),
            ]
        ),
        recipients_list="\n".join(DEFAULT_RECIPIENTS_LIST),
        reason=reason,
        amends=decision,
        created_by=actor_user(actor),
    )
    Recipient.objects.bulk_create(
        Recipient(
            decision=revocation,
            order=i,
            title=line.title,
            person=line.person,
            unit=line.unit,
            achievement=reason,
            amount=0,
            revokes=line,
        )
        for i, line in enumerate(lines, start=1)
    )
    audit.audit_create(actor=actor, obj=revocation, reason=reason)
    return revocation
