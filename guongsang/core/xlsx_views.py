"""The audit log as an Excel workbook, filtered like its page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core import selectors
from guongsang.core.forms import AuditFilterForm
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response

# The log grows without end: one workbook holds the newest entries that match, at most this many
# (narrow the filters for older ones).
AUDIT_EXPORT_LIMIT = 20_000


@login_required
def audit_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "core.view_audit")
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(**{k: v for k, v in filters.items() if v})
    columns = [
        (_("Thời gian"), 18),
        (_("Người thực hiện"), 24),
        (_("Địa chỉ IP"), 16),
        (_("Thao tác"), 20),
        (_("Đối tượng"), 50),
        (_("Loại đối tượng"), 24),
        (_("Lý do"), 40),
    ]
    return table_response(
        title=_("Nhật ký thao tác"),
        columns=columns,
        rows=(
            [
                timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                e.actor_name,
                e.ip_address or "",
                str(e.get_action_display()),
                e.object_repr,
                e.object_type,
                e.reason,
            ]
            for e in entries[:AUDIT_EXPORT_LIMIT].iterator(chunk_size=1000)
        ),
    )
