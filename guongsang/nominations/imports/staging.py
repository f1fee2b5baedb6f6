"""The uploaded file between preview and commit: imports/<uuid>.xlsx in the file storage."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from guongsang.core import ooxml

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def staged_name(token: str) -> str:
    """The storage name of an uploaded file; a token that is not a UUID is refused here."""
    return f"imports/{uuid.UUID(str(token))}.xlsx"


def store_upload(upload: UploadedFile) -> str:
    """Keep the uploaded file as imports/<uuid>.xlsx in the file storage; return the uuid."""
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 50 MB)."))
    head = upload.read(4)
    upload.seek(0)
    if head[:2] != b"PK":
        raise ValidationError(_("Tệp không phải Excel (.xlsx)."))
    token = str(uuid.uuid4())
    ooxml.check_xlsx(upload)  # bombs and entity tricks are never stored nor parsed
    default_storage.save(staged_name(token), upload)
    return token


def staged_exists(token: str) -> bool:
    return default_storage.exists(staged_name(token))


@contextmanager
def staged_open(token: str) -> Iterator[IO[bytes]]:
    """The stored upload, open for reading (openpyxl reads it like a file on disk)."""
    try:
        handle = default_storage.open(staged_name(token), "rb")
    except FileNotFoundError as exc:
        raise ValidationError(_("Tệp đã hết hạn hoặc đã được nhập: hãy tải lên lại.")) from exc
    with handle:
        yield handle


def staged_delete(token: str) -> None:
    default_storage.delete(staged_name(token))
