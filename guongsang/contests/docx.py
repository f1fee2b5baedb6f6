"""Reading a contest entry's DOCX: the upload checked for bombs, then its text."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from guongsang.core import ooxml
from guongsang.core.formatting import nfc
from guongsang.nominations.uploads import check_upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_text(data: bytes) -> str:
    """The paragraphs of a DOCX (tables included) as plain text."""
    from docx import Document  # python-docx (and lxml) load only when a file is read

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return nfc("\n".join(p for p in parts if p.strip()))


def docx_read(upload: UploadedFile, *, max_words: int = 0) -> tuple[str, bytes]:
    """Text and bytes of an uploaded DOCX, checked for bombs before python-docx reads it."""
    checked = check_upload(upload)
    if checked.content_type != DOCX_TYPE:
        raise ValidationError(
            _("Tệp “%(name)s” không phải tệp Word (DOCX).") % {"name": upload.name}
        )
    ooxml.check_docx(checked.data, max_words=max(max_words, ooxml.limit("GS_ENTRY_MAX_WORDS")))
    try:
        text = docx_text(checked.data)
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ValidationError(
            _("Không đọc được nội dung tệp “%(name)s”.") % {"name": upload.name}
        ) from exc
    return text, checked.data
