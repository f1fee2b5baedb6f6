"""Council pages: public notice with objections, sessions (agenda, attendance, voting window,
written opinions, tally, minutes), the member's ballot page and the published tally."""

from guongsang.council.views.ballots import my_ballots, vote
from guongsang.council.views.encrypted import (
    bulletin_board,
    decryption_publish,
    election_record,
    key_share_create,
    tally_finish,
)
from guongsang.council.views.notices import (
    notice_create,
    notice_detail,
    notice_list,
    objection_answer,
    objection_create,
)
from guongsang.council.views.sessions import (
    minutes_docx,
    minutes_pdf,
    session_attendance,
    session_close,
    session_create,
    session_detail,
    session_list,
    session_open,
    tally,
    written_opinion,
)

__all__ = [
    "bulletin_board",
    "decryption_publish",
    "election_record",
    "key_share_create",
    "minutes_docx",
    "minutes_pdf",
    "my_ballots",
    "notice_create",
    "notice_detail",
    "notice_list",
    "objection_answer",
    "objection_create",
    "session_attendance",
    "session_close",
    "session_create",
    "session_detail",
    "session_list",
    "session_open",
    "tally",
    "tally_finish",
    "vote",
    "written_opinion",
]
