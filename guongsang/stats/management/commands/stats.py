"""manage.py stats: the award statistics of the screens, on the command line.

manage.py stats --from-year 2009 --to-year 2021 --by level,title,target --format json
manage.py stats --from-year 2022 --to-year 2023 --by year,title --unit so-ldtbxh
manage.py stats --from-year 2009 --to-year 2021 --format xlsx --output thong-ke.xlsx
manage.py stats --unit so-ldtbxh --as-of 2015-06-01      # units as named and placed that day
manage.py stats --as-of 2015-06-01                        # every unit of that day, one a line
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from guongsang.core.formatting import parse_vn_date
from guongsang.core.http import error_text
from guongsang.org.models import Unit
from guongsang.stats.exports import stats_text, stats_xlsx
from guongsang.stats.services import DIMENSIONS, award_stats, parse_dimensions


def find_unit(value: str) -> Unit:
    try:
        key = uuid.UUID(value)
    except ValueError:
        unit = Unit.objects.filter(code=value).first()
    else:
        unit = Unit.objects.filter(uuid=key).first()
    if unit is None:
        raise CommandError(f"Không tìm thấy đơn vị “{value}” (mã hoặc UUID).")
    return unit


def _date(value: str) -> dt.date:
    """dd/mm/yyyy as everywhere in the product, or ISO yyyy-mm-dd as scripts write it."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return parse_vn_date(value)


class Command(BaseCommand):
    help = "Thống kê khen thưởng theo năm, cấp, danh hiệu, đối tượng, đơn vị, loại."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from-year", type=int, help="Từ năm (mặc định: bằng --to-year)")
        parser.add_argument(
            "--to-year", type=int, help="Đến năm (mặc định: năm của --as-of, hoặc năm nay)"
        )
        parser.add_argument(
            "--by",
            default="",
            help=f"Các chiều, cách nhau dấu phẩy: {', '.join(DIMENSIONS)} "
            "(mặc định: unit khi có --as-of, year khi không)",
        )
        parser.add_argument(
            "--unit", help="Mã hoặc UUID của đơn vị (mặc định: tất cả đơn vị)", default=""
        )
        parser.add_argument(
            "--as-of",
            default="",
            help="Cơ cấu và tên đơn vị tại ngày dd/mm/yyyy hoặc yyyy-mm-dd (mặc định: hôm nay)",
        )
        parser.add_argument("--level", action="append", default=[], help="base, city, national")
        parser.add_argument("--target", action="append", default=[], help="individual, collective")
        parser.add_argument("--title", action="append", default=[], help="mã danh hiệu")
        parser.add_argument("--kind", action="append", default=[], help="title, form")
        parser.add_argument("--include-revoked", action="store_true")
        parser.add_argument("--format", choices=["table", "json", "xlsx"], default="table")
        parser.add_argument("--output", default="", help="Tệp kết quả (bắt buộc với xlsx)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["format"] == "xlsx" and not opts["output"]:
            raise CommandError("Cần --output TỆP khi xuất xlsx.")
        unit = find_unit(opts["unit"]) if opts["unit"] else None
        try:
            as_of = _date(opts["as_of"]) if opts["as_of"] else None
            to_year = opts["to_year"] or (as_of.year if as_of else timezone.localdate().year)
            result = award_stats(
                user=None,
                from_year=opts["from_year"] or to_year,
                to_year=to_year,
                by=parse_dimensions(opts["by"] or ("unit" if as_of else "year")),
                unit=unit,
                as_of=as_of,
                levels=opts["level"] or None,
                targets=opts["target"] or None,
                title_codes=opts["title"] or None,
                kinds=opts["kind"] or None,
                include_revoked=opts["include_revoked"],
            )
        except (ValidationError, ValueError) as exc:
            raise CommandError(error_text(exc)) from exc
        if opts["format"] == "json":
            text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2)
        elif opts["format"] == "table":
            text = stats_text(result)
        else:
            Path(opts["output"]).write_bytes(stats_xlsx(result))
            self.stdout.write(f"Đã ghi {opts['output']} ({len(result.rows)} dòng).")
            return
        if opts["output"]:
            Path(opts["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
