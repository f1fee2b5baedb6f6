"""API: hội nghị biểu dương."""

from ninja import Router

router = Router()
