"""API: báo cáo tổng kết."""

from ninja import Router

router = Router()
