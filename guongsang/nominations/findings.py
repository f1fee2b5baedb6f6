"""What an eligibility check says: a finding, blocking or not, with what it rests on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextPair:
    """Two achievement texts that overlap: this dossier's and an earlier one's, as HTML with
    the shared passages marked."""

    label: str
    share: int  # per cent of this dossier's text found in the other
    mine_html: str
    other_html: str


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    blocking: bool = True
    overridden: str = ""  # the secretariat's reason, when it let this through
    info: bool = False  # an explanation (a quota within its limit), not a warning
    pairs: tuple[TextPair, ...] = ()
