"""Cuộc thi viết về gương điển hình tiên tiến, Người tốt, việc tốt: contests, rounds, rubric,
entries, blind judging, results and the near-duplicate check. One module per concern; every
model is named here, so callers keep writing `contests.models.<name>`."""

from guongsang.contests.models.contest import (
    Contest,
    ContestStatus,
    Criterion,
    DeclaredConflict,
    Level,
    PanelMember,
    Prize,
    Round,
)
from guongsang.contests.models.entries import (
    Assignment,
    AssignmentStatus,
    Entry,
    EntryPhoto,
    EntryStatus,
    RoundEntry,
    Score,
)
from guongsang.contests.models.results import (
    Commendation,
    DuplicateMatch,
    TextSignature,
)

__all__ = [
    "Assignment",
    "AssignmentStatus",
    "Commendation",
    "Contest",
    "ContestStatus",
    "Criterion",
    "DeclaredConflict",
    "DuplicateMatch",
    "Entry",
    "EntryPhoto",
    "EntryStatus",
    "Level",
    "PanelMember",
    "Prize",
    "Round",
    "RoundEntry",
    "Score",
    "TextSignature",
]
