"""API: vườn hoa người tốt, việc tốt."""

from ninja import Router

router = Router()
