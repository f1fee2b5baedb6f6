"""API: sách những bông hoa đẹp."""

from ninja import Router

router = Router()
