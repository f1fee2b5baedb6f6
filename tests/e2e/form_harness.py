"""The project's URLs plus one page that draws any form of the project through the shared
partial and says whether what the browser sent is valid (used by test_every_form_submits)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns

# Set by the test: form class name → (form class, keyword arguments for its constructor).
FORMS: dict[str, tuple[type, dict[str, Any]]] = {}

PAGE = engines["django"].from_string(
    """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ name }}</title></head>
<body><main><h1>{{ name }}</h1>
{% if outcome %}<p id="outcome">{{ outcome }}</p>{% endif %}
<form method="post" enctype="multipart/form-data">
{% include "partials/form_fields.html" %}
<button type="submit">Gửi</button>
</form></main></body></html>"""
)


@csrf_exempt  # the page only checks a form's validity; it stores nothing
def form_page(request: HttpRequest, name: str) -> HttpResponse:
    form_class, arguments = FORMS[name]
    outcome = ""
    if request.method == "POST":
        form = form_class(data=request.POST, files=request.FILES, **arguments)
        outcome = "HỢP LỆ" if form.is_valid() else "LỖI: " + form.errors.as_text()
    else:
        form = form_class(**arguments)
    return HttpResponse(PAGE.render({"form": form, "name": name, "outcome": outcome}, request))


urlpatterns = [path("__bieu-mau__/<str:name>/", form_page), *project_urlpatterns]
