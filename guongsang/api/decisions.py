"""API: quyết định khen thưởng."""

from ninja import Router

router = Router()
