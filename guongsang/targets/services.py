"""Writes of sector targets: indicators, yearly plans, monthly results. Each one audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.permissions import has_role, in_scope
from guongsang.core.services import model_update
from guongsang.core.types import Actor
from guongsang.core.validators import bounded_decimal
from guongsang.org.models import Unit
from guongsang.targets.models import Indicator, Plan, Result
from guongsang.targets.permissions import INDICATOR_ROLES, PLAN_ROLES, RESULT_ROLES

MIN_YEAR, MAX_YEAR = 2000, 2100
# Plan and Result store their value as DecimalField(max_digits=14, decimal_places=2).
FIGURE_DIGITS, FIGURE_PLACES = 14, 2


def _check(user: Actor, unit: Unit, roles: frozenset[str]) -> None:
    if user is not None and not (has_role(user, roles) and in_scope(user, unit.pk, roles)):
        raise PermissionDenied(_("Bạn không có quyền với đơn vị này."))


def parse_number(value: Any) -> Decimal:
    """A figure as officers type it: "171.228" and "1.250,5" (Vietnamese), "12,5", "12.5";
    numbers from Excel as they are. Raises ValueError with the reason."""
    try:
        return clean_value(value)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc


def clean_value(value: Any) -> Decimal:
    """The figure, checked to fit the column (ASCII digits, no exponent, at most 12 digits
    before the comma, not negative) before anything is stored."""
    if isinstance(value, str):
        text = nfc(value).strip().replace(" ", "")
        if "," in text or text.count(".") > 1 or ("." in text and len(text.split(".")[-1]) == 3):
            text = text.replace(".", "").replace(",", ".")
        value = text
    return bounded_decimal(
        value, max_digits=FIGURE_DIGITS, decimal_places=FIGURE_PLACES, label=_("Số liệu")
    )


def _year(year: int) -> int:
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValidationError(_("Năm %(y)s không hợp lệ.") % {"y": year})
    return int(year)


@transaction.atomic
def indicator_save(
    *,
    by: Any,
    code: str,
    name: str,
    measure: str,
    description: str = "",
    order: int = 0,
    active: bool = True,
    indicator: Indicator | None = None,
) -> Indicator:
    """Tạo / sửa chỉ tiêu (admin only)."""
    if by is not None and not has_role(by, INDICATOR_ROLES):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được khai báo chỉ tiêu."))
    name, measure = nfc(name).strip(), nfc(measure).strip()
    if not name or not measure or not code:
        raise ValidationError(_("Cần nhập mã, tên và đơn vị tính của chỉ tiêu."))
    clash = Indicator.objects.filter(code=code)
    if indicator is not None:
        clash = clash.exclude(pk=indicator.pk)
    if clash.exists():
        raise ValidationError(_("Mã chỉ tiêu “%(c)s” đã có.") % {"c": code})
    fields = {
        "code": code,
        "name": name,
        "measure": measure,
        "description": nfc(description).strip(),
        "order": order,
        "active": active,
    }
    if indicator is None:
        indicator = Indicator.objects.create(**fields)
        audit.audit_create(actor=by, obj=indicator)
        return indicator
    return model_update(actor=by, obj=indicator, changes=fields)


@transaction.atomic
def plan_set(*, by: Any, indicator: Indicator, unit: Unit, year: int, value: Any) -> Plan:
    """Đặt kế hoạch năm của một chỉ tiêu cho một đơn vị (creates or replaces)."""
    _check(by, unit, PLAN_ROLES)
    year, number = _year(year), clean_value(value)
    plan = Plan.objects.select_for_update().filter(indicator=indicator, unit=unit, year=year)
    existing = plan.first()
    if existing is None:
        created = Plan.objects.create(indicator=indicator, unit=unit, year=year, value=number)
        audit.audit_create(actor=by, obj=created)
        return created
    return model_update(
        actor=by, obj=existing, changes={"value": number}, save_fields=["value", "updated_at"]
    )


@transaction.atomic
def result_set(
    *, by: Any, indicator: Indicator, unit: Unit, year: int, month: int, value: Any
) -> Result:
    """Nhập kết quả tháng (creates or replaces the month's figure)."""
    _check(by, unit, RESULT_ROLES)
    year, number = _year(year), clean_value(value)
    if not 1 <= int(month) <= 12:
        raise ValidationError(_("Tháng %(m)s không hợp lệ (1–12).") % {"m": month})
    if not indicator.active:
        raise ValidationError(_("Chỉ tiêu “%(n)s” không còn dùng.") % {"n": indicator.name})
    existing = (
        Result.objects.select_for_update()
        .filter(indicator=indicator, unit=unit, year=year, month=month)
        .first()
    )
    if existing is None:
        created = Result.objects.create(
            indicator=indicator, unit=unit, year=year, month=month, value=number
        )
        audit.audit_create(actor=by, obj=created)
        return created
    return model_update(
        actor=by, obj=existing, changes={"value": number}, save_fields=["value", "updated_at"]
    )


@transaction.atomic
def result_delete(*, by: Any, result: Result) -> None:
    _check(by, result.unit, RESULT_ROLES)
    audit.audit_delete(actor=by, obj=result)
    result.delete()
