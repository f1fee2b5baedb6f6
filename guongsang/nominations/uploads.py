"""Dossier uploads: checked by content in core, kept outside the web root."""

from __future__ import annotations

from guongsang.core.files import file_save
from guongsang.core.uploads import DEFAULT_MAX_BYTES, Checked, check_upload, sniff

__all__ = ["DEFAULT_MAX_BYTES", "Checked", "check_upload", "sniff", "store"]


def store(checked: Checked, *, folder: str) -> str:
    """Save into the private storage (never served directly); returns the stored name."""
    return file_save(folder=f"dossiers/{folder}", extension=checked.extension, content=checked.data)
