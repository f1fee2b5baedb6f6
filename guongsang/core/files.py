"""Private files (tệp) through Django's storage API: saved under fresh names, served after a check.

Every upload, evidence file, generated document, export and staged import lives in the
default storage: a local folder by default, an S3-compatible bucket in production (see
settings, `GS_S3_*`). Nothing builds a path into that storage by hand, so a file written
by a worker on one host is read by a web process on another.
"""

from __future__ import annotations

import uuid
from typing import IO
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _


def file_save(
    *, folder: str, extension: str, content: bytes | IO[bytes], storage: Storage | None = None
) -> str:
    """Save `content` as `<folder>/<random>.<ext>` and return the name the storage gave it."""
    storage = storage or default_storage
    name = f"{folder.strip('/')}/{uuid.uuid4().hex}{extension}"
    body = ContentFile(content) if isinstance(content, bytes) else File(content)
    return storage.save(name, body)


def file_read(name: str | FieldFile, *, storage: Storage | None = None) -> bytes:
    """The whole content of a stored file (for the small ones: photos, templates)."""
    if isinstance(name, FieldFile):
        storage, name = name.storage, name.name or ""
    with (storage or default_storage).open(name, "rb") as fh:
        return fh.read()


def _signed_url(
    storage: Storage, name: str, *, filename: str, content_type: str, inline: bool
) -> str | None:
    # Only S3-like backends sign their URLs (querystring auth); a local folder has no URL at all.
    if not (settings.GS_FILES_SIGNED_URLS and getattr(storage, "querystring_auth", False)):
        return None
    disposition = "inline" if inline else "attachment"
    parameters = {
        "ResponseContentDisposition": f"{disposition}; filename*=UTF-8''{quote(filename)}"
    }
    if content_type:
        parameters["ResponseContentType"] = content_type
    # Valid for the storage's querystring_expire (GS_FILES_SIGNED_URL_SECONDS).
    return storage.url(name, parameters=parameters)  # type: ignore[call-arg]


def file_response(
    stored: str | FieldFile,
    *,
    filename: str = "",
    content_type: str = "",
    as_attachment: bool = True,
    storage: Storage | None = None,
) -> HttpResponseBase:
    """A private file for a user the caller has already checked.

    Streamed from the storage; or, where the backend signs URLs and `GS_FILES_SIGNED_URLS` is
    on, a redirect to a URL valid for a few minutes so the bucket serves the bytes itself.
    """
    if isinstance(stored, FieldFile):
        storage, name = stored.storage, stored.name or ""
    else:
        storage, name = storage or default_storage, stored
    if not name:
        raise Http404(_("Không tìm thấy tệp."))
    filename = filename or name.rsplit("/", 1)[-1]
    signed = _signed_url(
        storage, name, filename=filename, content_type=content_type, inline=not as_attachment
    )
    if signed:
        redirect = HttpResponseRedirect(signed)
        redirect["Cache-Control"] = "private, no-store"
        return redirect
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp.")) from exc
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=filename,
        **({"content_type": content_type} if content_type else {}),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
