"""The JSON API, version 1: /api/v1/, schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from guongsang.api import (
    books,
    conference,
    contests,
    council,
    decisions,
    exchange,
    initiatives,
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
from guongsang.core.busy import BUSY_MESSAGE, RETRY_AFTER, is_busy
from guongsang.core.http import error_text

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "Thông báo bằng tiếng Việt"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["detail"],
}
# What every operation may answer besides its success: the handlers below.
ERRORS = {
    "400": "Dữ liệu không hợp lệ (lý do trong “detail”)",
    "401": "Chưa xác thực: thiếu hoặc sai mã truy cập",
    "403": "Không có quyền",
    "404": "Không tìm thấy, hoặc không được xem",
    "422": "Tham số sai kiểu hoặc ngoài giới hạn",
    "503": "Cơ sở dữ liệu đang bận: thử lại sau (xem Retry-After)",
}


class DocumentedAPI(NinjaAPI):
    """The schema lists the error answers each operation really gives."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"$ref": "#/components/schemas/Error"}
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                errors = dict(ERRORS)
                if not operation.get("security"):  # public: rate-limited, never 401
                    del errors["401"]
                    errors["429"] = "Quá nhiều yêu cầu từ một địa chỉ: thử lại sau"
                for code, text in errors.items():
                    responses.setdefault(
                        code,
                        {"description": text, "content": {"application/json": {"schema": ref}}},
                    )
        return schema


api = DocumentedAPI(
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
api.add_router("/awards", exchange.awards_router)
api.add_router("/outcomes", exchange.outcomes_router)
api.add_router("/contests", contests.router, tags=["Cuộc thi viết"])
api.add_router("/targets", targets.router, tags=["Chỉ tiêu"])
api.add_router("/stats", stats.router, tags=["Thống kê"])
api.add_router("/showcase", showcase.router, tags=["Vườn hoa"])
api.add_router("/reports", reports.router, tags=["Báo cáo"])
api.add_router("/books", books.router, tags=["Sách"])
api.add_router("/conferences", conference.router, tags=["Hội nghị"])
api.add_router("/initiatives", initiatives.router, tags=["Sáng kiến"])


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
    return api.create_response(request, {"detail": error_text(exc)}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Chưa xác thực: cần đăng nhập hoặc mã truy cập hợp lệ."}, status=401
    )


# ninja's own refusals, which it words in English.
HTTP_ERRORS = {
    400: "Nội dung yêu cầu không đọc được (cần JSON hợp lệ).",
    405: "Phương thức không được hỗ trợ.",
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if not any(ord(ch) > 127 for ch in detail):  # not one of our Vietnamese messages
        detail = HTTP_ERRORS.get(exc.status_code, "Yêu cầu không hợp lệ.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(SchemaError)
def wrong_parameters(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors})
    detail = "Tham số không hợp lệ: " + (", ".join(f for f in fields if f) or "nội dung yêu cầu")
    errors = [{"loc": list(e.get("loc", ())), "type": e.get("type", "")} for e in exc.errors]
    return api.create_response(request, {"detail": detail + ".", "errors": errors}, status=422)


@api.exception_handler(OperationalError)
def busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    if not is_busy(exc):
        raise exc
    response = api.create_response(request, {"detail": str(BUSY_MESSAGE)}, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
