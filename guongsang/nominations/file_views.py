"""Replace or delete a file of a dossier that is still being prepared."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.http import AuthedRequest, action_done
from guongsang.core.views import require_perm
from guongsang.nominations import file_services, selectors


@login_required
@require_POST
def file_replace(request: AuthedRequest, uuid: str) -> HttpResponse:
    file = selectors.dossier_file_for(user=request.user, uuid=uuid)
    require_perm(request, "nominations.edit_dossier", file.dossier)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chọn tệp mới để thay cho “%(name)s”.") % {"name": file})
        return redirect("nominations:detail", uuid=file.dossier.uuid)
    action_done(
        request,
        lambda: file_services.dossier_file_replace(actor=request.user, file=file, upload=upload),
        lambda new: _("Đã thay tệp “%(old)s” bằng “%(new)s”.") % {"old": file, "new": new},
    )
    return redirect("nominations:detail", uuid=file.dossier.uuid)


@login_required
@require_POST
def file_delete(request: AuthedRequest, uuid: str) -> HttpResponse:
    file = selectors.dossier_file_for(user=request.user, uuid=uuid)
    require_perm(request, "nominations.edit_dossier", file.dossier)
    name, dossier = str(file), file.dossier
    action_done(
        request,
        lambda: file_services.dossier_file_delete(actor=request.user, file=file),
        _("Đã xoá tệp “%(name)s”.") % {"name": name},
    )
    return redirect("nominations:detail", uuid=dossier.uuid)
