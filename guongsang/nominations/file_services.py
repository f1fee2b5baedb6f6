"""Changing a dossier's files before it is sent: replace one with a new upload, or delete it.

Once the dossier is submitted its files are the record the council reads: they can no longer
change (only a returned dossier opens them again)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.types import Actor
from guongsang.nominations.models import DossierFile, State
from guongsang.nominations.services import dossier_attach

EDITABLE = {State.DRAFT, State.RETURNED}


def _check_editable(file: DossierFile) -> None:
    if file.dossier.state not in EDITABLE:
        raise ValidationError(_("Chỉ thay hoặc xoá tệp của hồ sơ đang soạn hoặc bị trả lại."))


def _forget(file: DossierFile) -> None:
    """The row goes now; the stored bytes once the transaction is kept."""
    name, storage = file.stored_path.name, file.stored_path.storage
    file.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def dossier_file_delete(*, actor: Actor, file: DossierFile) -> None:
    _check_editable(file)
    audit.audit_delete(actor=actor, obj=file)
    _forget(file)


@transaction.atomic
def dossier_file_replace(*, actor: Actor, file: DossierFile, upload: UploadedFile) -> DossierFile:
    """The new upload takes the old file's place (same kind); the old one is deleted."""
    _check_editable(file)
    new = dossier_attach(actor=actor, dossier=file.dossier, kind=file.kind, upload=upload)
    audit.audit_delete(
        actor=actor,
        obj=file,
        reason=_("Thay bằng tệp “%(name)s”") % {"name": new.original_name},
    )
    _forget(file)
    return new
