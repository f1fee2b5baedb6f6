"""The JSON API, version 1: /api/v1/, schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from guongsang.api import (
    books,
    conference,
    contests,
    council,
    decisions,
    movements,
    nominations,
    org,
    people,
    reports,
    showcase,
    stats,
    targets,
)
from guongsang.api.auth import AUTH

api = NinjaAPI(
    title="Gương Sáng API",
    version="1.0.0",
    description=(
        "API trao đổi dữ liệu thi đua, khen thưởng. Xác thực: phiên đăng nhập của trình duyệt "
        "hoặc mã thông báo (Authorization: Bearer gs_…)."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/units", org.router, tags=["Đơn vị"])
api.add_router("/people", people.router, tags=["Cá nhân"])
api.add_router("/movements", movements.router, tags=["Phong trào"])
api.add_router("", nominations.router)
api.add_router("/council", council.router, tags=["Hội đồng"])
api.add_router("/decisions", decisions.router, tags=["Quyết định"])
api.add_router("/contests", contests.router, tags=["Cuộc thi viết"])
api.add_router("/targets", targets.router, tags=["Chỉ tiêu"])
api.add_router("/stats", stats.router, tags=["Thống kê"])
api.add_router("/showcase", showcase.router, tags=["Vườn hoa"])
api.add_router("/reports", reports.router, tags=["Báo cáo"])
api.add_router("/books", books.router, tags=["Sách"])
api.add_router("/conferences", conference.router, tags=["Hội nghị"])


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)
