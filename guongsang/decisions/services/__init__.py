"""Writes of decisions, by concern: the authority (profile, register numbers, what it may
confer), drafting (and revoking by a later decision), signing, and the submissions (tờ trình)
that forward what the authority does not confer to the level above. Callers keep writing
`services.<name>`."""

from guongsang.decisions.services.authority import (
    may_confer,
    profile_for,
    require_role,
    take_number,
)
from guongsang.decisions.services.drafting import (
    BASES_BEFORE_2024,
    BASES_FROM_2024,
    DEFAULT_RECIPIENTS_LIST,
    DRAFT_FIELDS,
    LAW_2022_FROM,
    LOCAL_BASES,
    decision_delete_draft,
    decision_draft,
    decision_update,
    default_bases,
    lock_dossiers,
    revocation_draft,
)
from guongsang.decisions.services.signing import (
    BACKDATE_GRACE_DAYS,
    decision_sign,
    needs_backdate_reason,
)
from guongsang.decisions.services.submissions import (
    CENTRAL_BOARD,
    central_board,
    submission_draft,
    submission_send,
    upper_level,
)

__all__ = [
    "BACKDATE_GRACE_DAYS",
    "BASES_BEFORE_2024",
    "BASES_FROM_2024",
    "CENTRAL_BOARD",
    "DEFAULT_RECIPIENTS_LIST",
    "DRAFT_FIELDS",
    "LAW_2022_FROM",
    "LOCAL_BASES",
    "central_board",
    "decision_delete_draft",
    "decision_draft",
    "decision_sign",
    "decision_update",
    "default_bases",
    "lock_dossiers",
    "may_confer",
    "needs_backdate_reason",
    "profile_for",
    "require_role",
    "revocation_draft",
    "submission_draft",
    "submission_send",
    "take_number",
    "upper_level",
]
