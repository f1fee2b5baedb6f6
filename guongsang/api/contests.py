"""API: cuộc thi viết."""

from ninja import Router

router = Router()
