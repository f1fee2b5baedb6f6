"""The dossier's state machine, in one table: which action moves it from where to where,
who may take it, and whether a reason must be given."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guongsang.core.roles import Role
from guongsang.nominations.models import State, Track


@dataclass(frozen=True)
class Transition:
    action: str
    label: object
    sources: frozenset[str]
    target: str
    roles: frozenset[Role]
    needs_reason: bool = False
    # Ad-hoc (đột xuất) dossiers may take this step from these extra states too.
    ad_hoc_sources: frozenset[str] = frozenset()
    # A step of the council procedure: taken only by the service that carries that procedure
    # (publishing a notice, setting an agenda, the tally, signing), never by a button.
    procedure: object = None
    # What the page says once the step is taken: a sentence, not the button's label.
    done: object = ""


def _t(
    action: str,
    label: object,
    sources: set[str],
    target: str,
    roles: set[Role],
    needs_reason: bool = False,
    ad_hoc_sources: set[str] | None = None,
    procedure: object = None,
    done: object = "",
) -> Transition:
    return Transition(
        action,
        label,
        frozenset(sources),
        target,
        frozenset(roles),
        needs_reason,
        frozenset(ad_hoc_sources or ()),
        procedure,
        done,
    )


OFFICER: set[Role] = {Role.UNIT_OFFICER}
SECRETARIAT: set[Role] = {Role.SECRETARIAT}

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t(
            "submit",
            _("Gửi hồ sơ"),
            {State.DRAFT, State.RETURNED},
            State.SUBMITTED,
            OFFICER | SECRETARIAT,
            done=_("Đã gửi hồ sơ."),
        ),
        _t(
            "withdraw",
            _("Rút hồ sơ"),
            {State.DRAFT, State.SUBMITTED, State.RETURNED},
            State.WITHDRAWN,
            OFFICER | SECRETARIAT,
            needs_reason=True,
            done=_("Đã rút hồ sơ."),
        ),
        _t(
            "return",
            _("Trả lại để bổ sung"),
            {State.SUBMITTED},
            State.RETURNED,
            SECRETARIAT,
            needs_reason=True,
            done=_("Đã trả lại hồ sơ để đơn vị bổ sung."),
        ),
        _t(
            "accept",
            _("Tiếp nhận"),
            {State.SUBMITTED},
            State.ACCEPTED,
            SECRETARIAT,
            done=_("Đã tiếp nhận hồ sơ."),
        ),
        _t(
            "reject",
            _("Không tiếp nhận"),
            {State.SUBMITTED, State.ACCEPTED, State.PUBLIC_NOTICE},
            State.REJECTED,
            SECRETARIAT,
            needs_reason=True,
            done=_("Đã ghi nhận không tiếp nhận hồ sơ."),
        ),
        _t(
            "publish",
            _("Đưa ra công khai"),
            {State.ACCEPTED},
            State.PUBLIC_NOTICE,
            SECRETARIAT,
            procedure=_("một đợt công khai danh sách"),
            done=_("Đã đưa hồ sơ ra công khai."),
        ),
        # Đột xuất: an act of bravery goes to the council without the public notice period.
        _t(
            "to_council",
            _("Trình Hội đồng"),
            {State.PUBLIC_NOTICE},
            State.COUNCIL,
            SECRETARIAT,
            ad_hoc_sources={State.ACCEPTED},
            procedure=_("chương trình một phiên họp Hội đồng"),
            done=_("Đã trình hồ sơ lên Hội đồng."),
        ),
        _t(
            "recommend",
            _("Hội đồng đề nghị khen"),
            {State.COUNCIL},
            State.RECOMMENDED,
            SECRETARIAT,
            procedure=_("kết quả kiểm phiếu của phiên họp"),
            done=_("Đã ghi nhận Hội đồng đề nghị khen."),
        ),
        _t(
            "not_recommend",
            _("Hội đồng không đề nghị"),
            {State.COUNCIL},
            State.NOT_RECOMMENDED,
            SECRETARIAT,
            needs_reason=True,
            procedure=_("kết quả kiểm phiếu của phiên họp"),
            done=_("Đã ghi nhận Hội đồng không đề nghị khen."),
        ),
        _t(
            "decide",
            _("Ký quyết định"),
            {State.RECOMMENDED},
            State.DECIDED,
            {Role.SIGNER},
            procedure=_("việc ký một quyết định khen thưởng"),
            done=_("Đã ký quyết định."),
        ),
        _t(
            "forward",
            _("Trình cấp trên"),
            {State.RECOMMENDED},
            State.FORWARDED,
            SECRETARIAT,
            done=_("Đã trình hồ sơ lên cấp trên."),
        ),
    ]
}


# The steps a person may take directly (dossier page, bulk actions, API).
DIRECT_ACTIONS = frozenset(a for a, t in TRANSITIONS.items() if t.procedure is None)


def sources_for(transition: Transition, track: str) -> frozenset[str]:
    if track == Track.AD_HOC:
        return transition.sources | transition.ad_hoc_sources
    return transition.sources
