"""Bounds shared by the API's parameters: pages, years, months and clock times.

Out-of-range values are refused by the schema (422 with a Vietnamese message) before any
query runs: a page of 10^23 once overflowed the database's integer and answered 500.
"""

# No "from __future__ import annotations": ninja resolves the annotations at runtime.
import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Query, Schema
from ninja.pagination import PageNumberPagination
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 500

Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]


def _ascii_number(value: Any) -> Any:
    """Decimal() also reads ١٢٣, １２３, "NaN" and "1e400": a number sent as text is written
    with the digits 0–9, a point and a sign only (the service bounds its size)."""
    if isinstance(value, str) and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value.strip(), re.ASCII):
        raise ValueError("chỉ viết bằng các chữ số 0–9")
    return value


AsciiDecimal = Annotated[Decimal, BeforeValidator(_ascii_number)]
Month = Annotated[int, Field(ge=1, le=12)]
# A time of day as "HH:MM": JSON Schema's "time" format demands a UTC offset (RFC 3339),
# which a programme's local clock time does not have.
ClockTime = Annotated[
    dt.time,
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "08:00"}),
]


def year_query() -> Any:
    return Query(None, ge=MIN_YEAR, le=MAX_YEAR, description=f"Năm ({MIN_YEAR}–{MAX_YEAR})")


def month_query(default: int | None = None) -> Any:
    return Query(default, ge=1, le=12, description="Tháng (1–12)")


class Pages(PageNumberPagination):
    """Page numbers with bounds (the page a client asks for, and its size)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
