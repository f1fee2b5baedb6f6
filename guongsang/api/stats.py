"""API: thống kê và báo cáo."""

from ninja import Router

router = Router()
