"""API: chỉ tiêu chuyên môn."""

from ninja import Router

router = Router()
