"""Dossier files are served only through this permission check, never from the web root."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse

from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.nominations import selectors


@login_required
def file_download(request: AuthedRequest, uuid: str) -> FileResponse:
    attached = selectors.dossier_file_for(user=request.user, uuid=uuid)
    require_perm(request, "nominations.view_dossier", attached.dossier)
    path = Path(settings.MEDIA_ROOT) / attached.stored_path
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attached.original_name,
        content_type=attached.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
