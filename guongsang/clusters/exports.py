"""A cluster's scoring in Excel: the criteria, every score, the ranking; scores read back.

The "Bảng điểm" sheet has one row per score (scorer code, scored code, criterion number,
points); the same sheet, filled in or edited, is what the import reads, so an officer can
take the workbook out, enter the scores of their unit and bring it back.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guongsang.clusters.models import Round, Score
from guongsang.clusters.selectors import member_units, ranking
from guongsang.core import ooxml
from guongsang.core.xlsx import append_row

SCORE_SHEET = "Bảng điểm"
SCORE_HEADER = ["Mã đơn vị chấm", "Mã đơn vị được chấm", "Tiêu chí số", "Điểm"]
MAX_ROWS = 10_000


def round_xlsx(scoring: Round) -> bytes:
    from openpyxl import Workbook  # loaded only when a workbook is written
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.properties.creator = "Gương Sáng"
    ranked = workbook.active
    assert ranked is not None
    ranked.title = "Xếp hạng"
    units = member_units(scoring)
    append_row(
        ranked,
        [
            _("KẾT QUẢ CHẤM ĐIỂM %(cluster)s NĂM %(year)s")
            % {"cluster": scoring.cluster.name.upper(), "year": scoring.year}
        ],
    )
    ranked["A1"].font = Font(bold=True, size=13)
    append_row(
        ranked,
        [_("Xếp hạng"), _("Mã đơn vị"), _("Đơn vị"), _("Tự chấm"), _("Bình quân chấm chéo")]
        + [u.name for u in units],
    )
    for row in ranking(scoring):
        append_row(
            ranked,
            [row.rank, row.unit.code, row.unit.name, row.self_total, row.average]
            + [row.cross.get(u.pk) for u in units],
        )
    criteria = workbook.create_sheet("Tiêu chí")
    append_row(criteria, [_("Tiêu chí số"), _("Tiêu chí"), _("Điểm tối đa")])
    for c in scoring.criteria.all():
        append_row(criteria, [c.number, c.name, c.max_points])
    scores = workbook.create_sheet(SCORE_SHEET)
    append_row(scores, SCORE_HEADER)
    rows = (
        Score.objects.filter(criterion__round=scoring)
        .select_related("scorer", "scored", "criterion")
        .order_by("scorer__name", "scored__name", "criterion__number")
    )
    for s in rows:
        append_row(scores, [s.scorer.code, s.scored.code, s.criterion.number, s.points])
    for sheet in (ranked, criteria, scores):
        for cell in sheet[2 if sheet is ranked else 1]:
            cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (10, 24, 48, 12, 20), strict=True):
        ranked.column_dimensions[letter].width = width
    criteria.column_dimensions["B"].width = 60
    for letter in "AB":
        scores.column_dimensions[letter].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _number(value: Any, line: int, what: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(
            _("Dòng %(line)s: %(what)s “%(value)s” không phải là số.")
            % {"line": line, "what": what, "value": value}
        ) from exc


def read_scores(data: bytes) -> list[dict[str, Any]]:
    """The rows of the "Bảng điểm" sheet; a wrong file or cell is refused with its line."""
    from openpyxl import load_workbook  # loaded only when a workbook is read

    ooxml.check_xlsx(data, max_rows=MAX_ROWS)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if SCORE_SHEET not in workbook.sheetnames:
            raise ValidationError(
                _("Không có trang “%(sheet)s”: hãy dùng tệp Excel tải từ bảng chấm điểm.")
                % {"sheet": SCORE_SHEET}
            )
        raw = list(workbook[SCORE_SHEET].iter_rows(values_only=True))
    finally:
        workbook.close()
    if not raw or [str(v or "").strip() for v in raw[0][:4]] != SCORE_HEADER:
        raise ValidationError(
            _("Trang “%(sheet)s” phải bắt đầu bằng dòng tiêu đề: %(cols)s.")
            % {"sheet": SCORE_SHEET, "cols": ", ".join(SCORE_HEADER)}
        )
    rows = []
    for line, cells in enumerate(raw[1:], start=2):
        cells = tuple(cells[:4]) + (None,) * (4 - len(cells[:4]))
        if not any(str(v or "").strip() for v in cells):
            continue
        number = _number(cells[2], line, _("tiêu chí số"))
        rows.append(
            {
                "line": line,
                "scorer": str(cells[0] or "").strip(),
                "scored": str(cells[1] or "").strip(),
                "criterion": int(number) if number is not None else None,
                "points": _number(cells[3], line, _("điểm")),
            }
        )
    if not rows:
        raise ValidationError(_("Tệp không có dòng điểm nào."))
    return rows
