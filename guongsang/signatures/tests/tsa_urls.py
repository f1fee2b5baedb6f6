"""A stand-in RFC 3161 time-stamp authority for the tests: pyHanko's in-process TSA behind a
view, served on loopback beside the project's URLs (a real installation points GS_TSA_URL at
its provider's service)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns

STAMPER: dict[str, Any] = {}


@csrf_exempt
def timestamp(request: HttpRequest) -> HttpResponse:
    from asn1crypto import tsp

    answer = STAMPER["tsa"].request_tsa_response(tsp.TimeStampReq.load(request.body))
    return HttpResponse(answer.dump(), content_type="application/timestamp-reply")


urlpatterns = [path("tsa-thu-nghiem/", timestamp), *project_urlpatterns]
