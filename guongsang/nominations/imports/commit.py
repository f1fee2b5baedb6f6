"""Committing an import: check the stored file again, then write every row or none."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.batches import one_transaction_unless_split, splits_writes
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor
from guongsang.nominations.imports.checking import preview_file
from guongsang.nominations.imports.layout import AWARDS, may_import
from guongsang.nominations.imports.staging import staged_delete, staged_open
from guongsang.nominations.imports.writing import (
    Written,
    create_people,
    undo_written,
    write_awards,
    write_dossiers,
)
from guongsang.nominations.models import ImportLedger

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    rows: int
    created: int
    new_people: int
    warnings: tuple[str, ...] = ()


class RowErrors(ValidationError):
    """Rows with errors are left: nothing was written. Carries every row's error."""

    def __init__(self, message: str, *, errors: list[str]) -> None:
        super().__init__(message)
        self.row_errors = errors


def import_commit(
    *,
    actor: Actor,
    token: str,
    kind: str,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Result:
    """Check the stored file again, then write all its rows in one transaction or nothing.

    Long on purpose: the commit is one transaction: its checks, the write and the audit entry
    read in order, as the all-or-nothing rule requires."""
    if not may_import(actor, kind):
        raise PermissionDenied(_("Bạn không có quyền nhập danh sách này."))
    # A try of this file that died between batches (its worker killed) left rows: take them
    # back first, or the duplicate check below would refuse every row they hold.
    left = Written.left_by_earlier_try(str(token))
    if left.rows or left.people:
        undo_written(left, actor=actor, token=str(token))
    with staged_open(token) as stored:
        preview = preview_file(stored, user=actor, kind=kind)
    rows = preview.rows
    total = len(rows)

    def report(done: int) -> None:
        if on_progress is not None:
            on_progress(done, total, _("Đã ghi %(d)s/%(t)s dòng.") % {"d": done, "t": total})

    if not rows:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."))
    if preview.error_rows:
        raise RowErrors(
            _("Còn %(n)s dòng có lỗi: sửa tệp rồi tải lên lại; chưa ghi dòng nào.")
            % {"n": preview.error_rows},
            errors=preview.errors,
        )
    # SQLite: batches of their own (see core.batches), written only once the whole file has
    # been checked above. A batch that fails mid-way leaves the earlier ones committed: they
    # are taken back, so the import is all or nothing as on PostgreSQL, where it is one
    # transaction. A worker killed between batches cannot undo: its task is failed by the
    # sweep, and the next try takes the rows back from the ledger (see Written.record).
    written = Written(token=str(token))
    try:
        with one_transaction_unless_split():
            new_people = create_people(rows, written)
            if kind == AWARDS:
                created = write_awards(rows, report, written)
            else:
                created = write_dossiers(rows, actor, report, written)
            with transaction.atomic():
                ImportLedger.objects.filter(token=str(token)).delete()  # done: nothing to undo
                audit.audit_log(
                    actor=actor,
                    action=AuditAction.CREATE,
                    object_type="nominations.import",
                    object_id=str(token),
                    object_repr=_("Nhập Excel: %(n)s dòng") % {"n": total},
                    after={
                        "kind": kind,
                        "rows": total,
                        "created": created,
                        "new_people": new_people,
                    },
                )
    except Exception as exc:
        if splits_writes() and (written.rows or written.people):
            _undo_or_explain(written, actor=actor, token=token, error=exc)
        raise
    staged_delete(token)
    warnings = tuple(w for row in rows for w in row.warnings)
    return Result(rows=total, created=created, new_people=new_people, warnings=warnings)


def _undo_or_explain(written: Written, *, actor: Any, token: str, error: Exception) -> None:
    try:
        undo_written(written, actor=actor, token=token)
    except Exception as undo_error:
        logger.exception("Import %s stopped and its rows could not be taken back", token)
        raise ValidationError(
            _(
                "Nhập bị dừng giữa chừng và chưa gỡ được %(n)s dòng đã ghi: "
                "hãy báo quản trị hệ thống trước khi nhập lại."
            )
            % {"n": written.rows}
        ) from undo_error
    logger.warning("Import %s stopped; its %s written rows were taken back", token, written.rows)
