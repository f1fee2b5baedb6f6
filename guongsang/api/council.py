"""API: hội đồng thi đua, khen thưởng."""

from ninja import Router

router = Router()
