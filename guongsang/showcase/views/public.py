"""Vườn hoa Người tốt, việc tốt: the public site (no login).

Public reading pages are rendered without the request context (no session, no CSRF token,
no staff menu), so they carry ``Cache-Control: public`` and can be cached by proxies.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from guongsang.core import ratelimit
from guongsang.core.permissions import get_visible_or_404
from guongsang.decisions.selectors import certificate_lookup
from guongsang.showcase import selectors, services, signals
from guongsang.showcase.forms import BrowseForm, LookupForm, SearchForm, TipForm
from guongsang.showcase.models import Story
from guongsang.showcase.search import search_stories

PUBLIC_MAX_AGE = 300  # seconds
STORY_CACHE_SECONDS = 300
SEARCH_PAGE = 10
BROWSE_PAGE = 12


def _public(
    request: HttpRequest, template: str, context: dict[str, Any], *, max_age: int = PUBLIC_MAX_AGE
) -> HttpResponse:
    """Render a public page without touching the session: cacheable by anyone."""
    context = {
        "canonical": request.build_absolute_uri(request.path),
        "og_default": request.build_absolute_uri(static("showcase/og-default.png")),
        "search_form": SearchForm(request.GET or None),
        "current": request.path,
        **context,
    }
    response = HttpResponse(render_to_string(template, context))
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _share_links(url: str, title: str) -> dict[str, str]:
    u = quote(url, safe="")
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "zalo": f"https://sp.zalo.me/share_inline?url={u}",
        "url": url,
        "title": title,
    }


def _cached_public(
    request: HttpRequest, name: str, render_page: Any, *, max_age: int
) -> HttpResponse:
    """A public page's HTML from the cache, under the version of the stories (signals.py) and
    the full address: no query at all on a hit, as for the story pages."""
    where = request.get_full_path()
    key = (
        f"showcase:{name}:{signals.pages_version()}:{get_language()}:{request.get_host()}:"
        f"{hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()}"
    )
    html = cache.get(key)
    if html is None:
        html = render_page().content.decode()
        cache.set(key, html, STORY_CACHE_SECONDS)
    response = HttpResponse(html)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _cached_public(request, "home", lambda: _home(request), max_age=PUBLIC_MAX_AGE)


def _home(request: HttpRequest) -> HttpResponse:
    featured = selectors.featured_stories(3)
    latest = selectors.latest_stories(6, exclude=[s.pk for s in featured])
    context = {
        "featured": featured,
        "latest": latest,
        "years": selectors.facet_years(),
    }
    return _public(request, "showcase/home.html", context)


def _browse_form(request: HttpRequest) -> BrowseForm:
    return BrowseForm(
        request.GET or None,
        years=[row["year"] for row in selectors.facet_years()],
        units=selectors.facet_units(),
        titles=selectors.facet_titles(),
    )


@require_GET
def browse(request: HttpRequest, year: int | None = None) -> HttpResponse:
    form = _browse_form(request)
    data = form.cleaned_data if form.is_valid() else {}
    chosen_year = year or data.get("year")
    stories = selectors.browse(year=chosen_year, unit=data.get("unit"), title=data.get("title"))
    page = Paginator(stories, BROWSE_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "year": chosen_year,
        "query": query.urlencode(),
        "units": selectors.facet_units(),
        "titles": selectors.facet_titles(),
        "years": selectors.facet_years(),
    }
    return _public(request, "showcase/browse.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    return _cached_public(request, "search", lambda: _search(request), max_age=60)


def _search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    number = min(number, 100)
    start = (number - 1) * SEARCH_PAGE
    # No COUNT over a million rows: fetch one more than a page to know whether there is a next.
    found = (
        list(
            search_stories(query).select_related(*selectors.PUBLIC_RELATED)[
                start : start + SEARCH_PAGE + 1
            ]
        )
        if query
        else []
    )
    context = {
        "query": query,
        "results": found[:SEARCH_PAGE],
        "number": number,
        "has_next": len(found) > SEARCH_PAGE,
        "has_previous": number > 1,
        "q_param": quote(query),
    }
    return _public(request, "showcase/search.html", context, max_age=60)


@require_GET
def story_detail(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    """The story's page. Its HTML is cached (no query at all on a hit) under a version that
    every saved or deleted story bumps (signals.py), so an edit or a withdrawal through the
    services is seen at once; a change made behind the ORM's back lasts STORY_CACHE_SECONDS."""
    key = (
        f"showcase:story:{signals.pages_version()}:{year}:{slug}:{get_language()}:"
        f"{request.get_host()}"
    )
    html = cache.get(key)
    if html is None:
        html = _story_html(request, year, slug)
        cache.set(key, html, STORY_CACHE_SECONDS)
    response = HttpResponse(html)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _story_html(request: HttpRequest, year: int, slug: str) -> str:
    story = selectors.story_public(year=year, slug=slug)
    url = request.build_absolute_uri(story_url(story))
    if story.photo:
        image = request.build_absolute_uri(reverse("showcase:photo", args=[story.uuid]))
    else:
        image = request.build_absolute_uri(static("showcase/og-default.png"))
    context = {
        "story": story,
        "paragraphs": [p.strip() for p in story.body.split("\n") if p.strip()],
        "share": _share_links(url, story.title),
        "og_image": image,
        "related": selectors.related_stories(story),
        "canonical": url,
    }
    return _public(request, "showcase/story.html", context).content.decode()


def story_url(story: Story) -> str:
    return reverse("showcase:story", args=[story.year, story.slug])


@require_GET
def photo(request: HttpRequest, uuid: Any) -> FileResponse:
    """Photos live in the private media folder: served only for published stories."""
    story = get_visible_or_404(selectors.published_stories(), uuid=uuid)
    if not story.photo:
        raise Http404(_("Câu chuyện không có ảnh."))
    response = FileResponse(story.photo.open("rb"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


TIP_REFERENCE = re.compile(r"TB-\d{4}-\d{5,}")


@never_cache
def tip_create(request: HttpRequest) -> HttpResponse:
    form = TipForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not ratelimit.allow(request, "tip", ratelimit.TIP_LIMIT):
            return render(
                request, "showcase/rate_limited.html", {"what": _("gửi tin báo")}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            tip = services.tip_submit(
                about_who=data["about_who"],
                where=data["where"],
                what=data["what"],
                tipster_name=data["tipster_name"],
                tipster_contact=data["tipster_contact"],
                ip=ratelimit.client_ip(request),
                photos=data["photos"],
            )
            return redirect(f"{reverse('showcase:tip_thanks')}?reference={tip.reference}")
    context = {"form": form, "search_form": SearchForm(), "current": request.path}
    return render(request, "showcase/tip_form.html", context)


@require_GET
def tip_thanks(request: HttpRequest) -> HttpResponse:
    """The thanks, with the tip's reference number (only its shape is checked: it tells
    nothing but itself)."""
    reference = request.GET.get("reference", "")
    reference = reference if TIP_REFERENCE.fullmatch(reference) else ""
    return _public(request, "showcase/tip_thanks.html", {"reference": reference})


@require_GET
def certificate_check(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("showcase:certificate", code=form.cleaned_data["code"])
    response = _public(request, "showcase/certificate_form.html", {"form": form})
    patch_cache_control(response, max_age=0)
    return response


@never_cache
@require_GET
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    if not ratelimit.allow(request, "lookup", ratelimit.LOOKUP_LIMIT):
        response = HttpResponse(
            render_to_string(
                "showcase/rate_limited.html", {"what": _("tra cứu mã xác minh"), "public": True}
            ),
            status=429,
        )
        response["Retry-After"] = str(ratelimit.LOOKUP_LIMIT[1])
        return response
    form = LookupForm({"code": code})
    found = certificate_lookup(form.cleaned_data["code"]) if form.is_valid() else None
    context = {
        "form": form,
        "code": code[:64],
        "found": found,
        "canonical": request.build_absolute_uri(request.path),
        "search_form": SearchForm(),
        "current": request.path,
    }
    response = HttpResponse(
        render_to_string("showcase/certificate.html", context), status=200 if found else 404
    )
    response["X-Robots-Tag"] = "noindex"
    return response
