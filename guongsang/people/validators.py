"""Citizen ID and phone rules: they live with every input rule in core/validators.py."""

from guongsang.core.validators import (
    PROVINCE_CODES,
    century_gender_digit,
    validate_citizen_id,
    validate_phone,
)

__all__ = ["PROVINCE_CODES", "century_gender_digit", "validate_citizen_id", "validate_phone"]
