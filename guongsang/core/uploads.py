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


# --- Photos -------------------------------------------------------------------------------

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000  # a 40-megapixel photo is already more than any phone takes
PHOTO_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"),
                 "WEBP": ("image/webp", ".webp")}  # fmt: skip


def _not_a_photo(upload: UploadedFile) -> ValidationError:
    return ValidationError(
        _(
            "Tệp “%(name)s” không phải ảnh JPEG, PNG hay WebP đọc được (hệ thống kiểm tra nội "
            "dung tệp, không dựa vào tên tệp)."
        )
        % {"name": upload.name}
    )


def check_photo(upload: UploadedFile, *, limit: int = PHOTO_MAX_BYTES) -> Checked:
    """A photo someone outside sent: opened and verified by Pillow (JPEG, PNG or WebP only,
    within a size and a pixel count), then drawn again with its orientation applied and no
    metadata at all: no EXIF (a phone writes the place it was taken), no XMP, no comment, no
    colour profile. The returned `data` is the clean copy, the only one ever stored."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    too_big = ValidationError(
        _("Ảnh “%(name)s” quá lớn (tối đa %(mb)s MB).")
        % {"name": upload.name, "mb": limit // (1024 * 1024)}
    )
    if upload.size is not None and upload.size > limit:
        raise too_big
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_big
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            if kind not in PHOTO_FORMATS:
                raise _not_a_photo(upload)
            if probe.width * probe.height > PHOTO_MAX_PIXELS:
                raise _not_a_photo(upload)
            probe.verify()
        # verify() leaves the image unusable: open it again to draw the clean copy.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            if upright.mode == "P":
                clean.putpalette(upright.getpalette() or [])
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise _not_a_photo(upload) from exc
    content_type, extension = PHOTO_FORMATS[kind]
    out = io.BytesIO()
    if kind == "JPEG":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=85)
    body = out.getvalue()
    return Checked(content_type, extension, len(body), hashlib.sha256(body).hexdigest(), body)
