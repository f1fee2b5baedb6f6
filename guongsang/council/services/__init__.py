"""Writes of the council's work, by concern: public notice and objections (notices), the
council, its sessions and attendance (sessions), the secret ballot (ballots) and the tally.

Every function takes keyword arguments only, runs in one transaction and writes the audit log;
anything refused raises (ValidationError / PermissionDenied) and changes nothing. See models.py
for what the ballot stores and why no row links a ballot to its voter after the tally.
`services.<name>` reaches each public function.
"""

from guongsang.council.services.ballots import (
    ballot_cast,
    is_nominee,
    written_opinion_record,
)
from guongsang.council.services.base import (
    DEFAULT_NOTICE_DAYS,
    DEFAULT_QUORUM,
    MIN_QUORUM,
    RECEIPT_ALPHABET,
    add_working_days,
    new_receipt,
)
from guongsang.council.services.encrypted import (
    build_record,
    decryption_publish,
    encrypted_close,
    holders_for,
    key_share_create,
    missing_holders,
    tally_finish,
    verify_session,
)
from guongsang.council.services.notices import (
    notice_period,
    notice_publish,
    objection_answer,
    objection_record,
    objection_submit,
)
from guongsang.council.services.sessions import (
    agenda_blockers,
    attendance_record,
    council_create,
    council_for,
    session_create,
    voting_open,
)
from guongsang.council.services.tally import (
    ItemResult,
    passes,
    rule_text,
    voting_close,
)

__all__ = [
    "DEFAULT_NOTICE_DAYS",
    "DEFAULT_QUORUM",
    "MIN_QUORUM",
    "RECEIPT_ALPHABET",
    "ItemResult",
    "add_working_days",
    "agenda_blockers",
    "attendance_record",
    "ballot_cast",
    "build_record",
    "council_create",
    "council_for",
    "decryption_publish",
    "encrypted_close",
    "holders_for",
    "is_nominee",
    "key_share_create",
    "missing_holders",
    "new_receipt",
    "notice_period",
    "notice_publish",
    "objection_answer",
    "objection_record",
    "objection_submit",
    "passes",
    "rule_text",
    "session_create",
    "tally_finish",
    "verify_session",
    "voting_close",
    "voting_open",
    "written_opinion_record",
]
