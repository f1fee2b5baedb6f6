"""Uploads are judged by their content, not their name: PDF, DOCX, JPEG or PNG, within a size."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from guongsang.core.formatting import nfc
from guongsang.core.types import Actor, actor_user

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Checked:
    content_type: str
    extension: str
    size: int
    sha256: str
    data: bytes


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes, or None for anything we do not take."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        )
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    return None


def stored_file_fields(
    *, upload: UploadedFile, checked: Checked, stored_path: str, actor: Actor
) -> dict[str, Any]:
    """The fields every record of a stored upload keeps: the name it came with, where it is
    kept, what it is (by its content), its size and digest, and who sent it."""
    return {
        "original_name": nfc(upload.name or "tep")[:255],
        "stored_path": stored_path,
        "content_type": checked.content_type,
        "size": checked.size,
        "sha256": checked.sha256,
        "uploaded_by": actor_user(actor),
    }


def check_upload(upload: UploadedFile) -> Checked:
    limit = getattr(settings, "GS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (tối đa %(mb)s MB).")
            % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (tối đa %(mb)s MB).")
            % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    kind = sniff(data)
    if kind is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải PDF, DOCX, JPEG hay PNG (hệ thống kiểm tra nội dung "
                "tệp, không dựa vào tên tệp)."
            )
            % {"name": upload.name}
        )
    return Checked(kind[0], kind[1], len(data), hashlib.sha256(data).hexdigest(), data)
