"""Vườn hoa Người tốt, việc tốt: the public site (no login) and the secretariat's pages.

Public reading pages are rendered without the request context (no session, no CSRF token,
no staff menu), so they carry ``Cache-Control: public`` and can be cached by proxies.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from guongsang.catalogue.models import Title
from guongsang.core import ratelimit
from guongsang.core.files import file_response
from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.decisions.selectors import certificate_lookup
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices
from guongsang.people.pickers import person_choices
from guongsang.showcase import selectors, services, signals
from guongsang.showcase.forms import (
    BrowseForm,
    ConsentForm,
    LookupForm,
    MergeForm,
    ReasonForm,
    SearchForm,
    StoryForm,
    TipForm,
    TipToDossierForm,
    editor_people,
)
from guongsang.showcase.models import Story, StoryStatus, Tip, TipStatus
from guongsang.showcase.permissions import EDITOR_ROLES
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


# --- Public pages --------------------------------------------------------------------


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
    chosen_year = year or data.get("nam")
    stories = selectors.browse(
        year=chosen_year, unit=data.get("don_vi"), title=data.get("danh_hieu")
    )
    page = Paginator(stories, BROWSE_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
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
        number = max(1, int(request.GET.get("trang", "1")))
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
            return redirect(f"{reverse('showcase:tip_thanks')}?so={tip.reference}")
    context = {"form": form, "search_form": SearchForm(), "current": request.path}
    return render(request, "showcase/tip_form.html", context)


@require_GET
def tip_thanks(request: HttpRequest) -> HttpResponse:
    """The thanks, with the tip's reference number (only its shape is checked: it tells
    nothing but itself)."""
    reference = request.GET.get("so", "")
    reference = reference if TIP_REFERENCE.fullmatch(reference) else ""
    return _public(request, "showcase/tip_thanks.html", {"reference": reference})


@require_GET
def certificate_check(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("showcase:certificate", code=form.cleaned_data["ma"])
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
    form = LookupForm({"ma": code})
    found = certificate_lookup(form.cleaned_data["ma"]) if form.is_valid() else None
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


# --- Secretariat: stories ---------------------------------------------------------------


def _editor_units(request: AuthedRequest) -> Any:
    return restrict(Unit.objects.all(), request.user, roles=EDITOR_ROLES, unit_field="pk")


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The unit picker of the story form and of a tip's dossier: the editor's units."""
    require_perm(request, "showcase.manage_story")
    return picker_response(unit_choices(_editor_units(request), request.GET.get("q", "")))


@login_required
@require_GET
def pick_person(request: AuthedRequest) -> JsonResponse:
    """The person picker of the same forms: people of the editor's units."""
    require_perm(request, "showcase.manage_story")
    people = editor_people(_editor_units(request))
    return picker_response(person_choices(people, request.GET.get("q", "")))


@login_required
def manage_stories(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.manage_story")
    status = request.GET.get("trang_thai", "")
    page = Paginator(selectors.stories_managed(user=request.user, status=status), 25).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "status": status, "statuses": StoryStatus.choices}
    return render(request, "showcase/manage_stories.html", context)


@login_required
def story_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.manage_story")
    form = StoryForm(request.POST or None, request.FILES or None, units=_editor_units(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.story_create(
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                body=data["body"],
                year=data["year"],
                summary=data["summary"],
                person=data["person"],
                collective_name=data["collective_name"],
                award=data["award"],
                photo=data["photo"] or None,
                photo_alt=data["photo_alt"],
                featured=data["featured"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo bản nháp câu chuyện."))
            return redirect("showcase:story_edit", uuid=story.uuid)
    return render(request, "showcase/story_form.html", {"form": form, "story": None})


def _managed_story(request: AuthedRequest, uuid: Any) -> Story:
    story = selectors.story_managed(user=request.user, uuid=uuid)
    require_perm(request, "showcase.manage_story", story)
    return story


@login_required
def story_edit(request: AuthedRequest, uuid: Any) -> HttpResponse:
    story = _managed_story(request, uuid)
    form = StoryForm(
        request.POST or None, request.FILES or None, instance=story, units=_editor_units(request)
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if "photo" in fields and not fields["photo"]:
            fields["photo"] = ""
        try:
            services.story_update(
                actor=request.user, story=Story.objects.get(pk=story.pk), **fields
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu câu chuyện."))
            return redirect("showcase:story_edit", uuid=story.uuid)
    context = {
        "form": form,
        "story": story,
        "consent_form": ConsentForm(),
        "reason_form": ReasonForm(),
        "public_url": story_url(story) if story.is_public else "",
    }
    return render(request, "showcase/story_form.html", context)


@login_required
@require_POST
def story_consent(request: AuthedRequest, uuid: Any) -> HttpResponse:
    story = _managed_story(request, uuid)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.story_record_consent(
            actor=request.user, story=story, note=form.cleaned_data["note"]
        )
        messages.success(request, _("Đã ghi nhận sự đồng ý."))
    else:
        messages.error(request, _("Ghi rõ hình thức đồng ý."))
    return redirect("showcase:story_edit", uuid=story.uuid)


@login_required
@require_POST
def story_publish(request: AuthedRequest, uuid: Any) -> HttpResponse:
    story = _managed_story(request, uuid)
    try:
        services.story_publish(actor=request.user, story=story)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã đăng câu chuyện lên Vườn hoa."))
    return redirect("showcase:story_edit", uuid=story.uuid)


@login_required
@require_POST
def story_withdraw(request: AuthedRequest, uuid: Any) -> HttpResponse:
    story = _managed_story(request, uuid)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Nhập lý do gỡ câu chuyện."))
        services.story_withdraw(actor=request.user, story=story, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã gỡ câu chuyện khỏi Vườn hoa."))
    return redirect("showcase:story_edit", uuid=story.uuid)


# --- Secretariat: tips ------------------------------------------------------------------


@login_required
def tips(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.moderate_tip")
    status = request.GET.get("trang_thai", "")
    page = Paginator(selectors.tips_for(user=request.user, status=status), 25).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "status": status, "statuses": TipStatus.choices}
    return render(request, "showcase/tips.html", context)


def _tip(request: AuthedRequest, uuid: Any) -> Tip:
    require_perm(request, "showcase.moderate_tip")
    tip = selectors.tip_for(user=request.user, uuid=uuid)
    require_perm(request, "showcase.moderate_tip", tip)
    return tip


def _merge_form(request: AuthedRequest, tip: Tip, data: Any = None) -> MergeForm:
    return MergeForm(
        data,
        tips=selectors.tips_for(user=request.user)
        .filter(status__in=[TipStatus.NEW, TipStatus.ACCEPTED])
        .exclude(pk=tip.pk),
        stories=selectors.stories_managed(user=request.user),
    )


@login_required
def tip_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    context = {
        "tip": tip,
        "reason_form": ReasonForm(),
        "merge_form": _merge_form(request, tip),
        "open": tip.status in {TipStatus.NEW, TipStatus.ACCEPTED} and tip.dossier_id is None,
    }
    return render(request, "showcase/tip_detail.html", context)


@login_required
@require_GET
def tip_photo(request: AuthedRequest, uuid: Any, photo: Any) -> HttpResponseBase:
    """A tip's photo, for the moderators who may open the tip; never cached on the way."""
    tip = _tip(request, uuid)
    found = get_object_or_404(tip.photos, uuid=photo)
    extension = found.file.name.rsplit(".", 1)[-1]
    return file_response(
        found.file,
        filename=f"{tip.reference or 'tin-bao'}-anh-{found.pk}.{extension}",
        content_type=found.content_type,
        as_attachment=False,
    )


@login_required
@require_POST
def tip_contact(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """htmx (or plain POST): show the tipster's name and contact in clear; logged."""
    tip = _tip(request, uuid)
    require_perm(request, "showcase.view_tip_contact", tip)
    data = services.tip_contact_reveal(actor=request.user, tip=tip, request=request)
    template = "showcase/partials/tip_contact.html"
    if not request.htmx:
        template = "showcase/tip_contact_page.html"
    return render(request, template, {"tip": tip, "data": data})


@login_required
@require_POST
def tip_accept(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    try:
        services.tip_accept(actor=request.user, tip=tip)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã tiếp nhận tin báo."))
    return redirect("showcase:tip_detail", uuid=tip.uuid)


@login_required
@require_POST
def tip_reject(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Nhập lý do không tiếp nhận tin báo."))
        services.tip_reject(actor=request.user, tip=tip, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã ghi nhận: không tiếp nhận tin báo."))
    return redirect("showcase:tip_detail", uuid=tip.uuid)


@login_required
@require_POST
def tip_merge(request: AuthedRequest, uuid: Any) -> HttpResponse:
    tip = _tip(request, uuid)
    form = _merge_form(request, tip, request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Chọn một tin báo hoặc một câu chuyện để gộp vào."))
        services.tip_merge(
            actor=request.user,
            tip=tip,
            into_tip=form.cleaned_data.get("tip"),
            into_story=form.cleaned_data.get("story"),
        )
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã gộp tin báo."))
    return redirect("showcase:tip_detail", uuid=tip.uuid)


@login_required
def tip_dossier(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Turn the tip into a draft nomination of a unit the secretariat picks."""
    tip = _tip(request, uuid)
    if tip.dossier is not None:
        return redirect("nominations:detail", uuid=tip.dossier.uuid)
    form = TipToDossierForm(
        request.POST or None,
        units=_editor_units(request),
        titles=Title.objects.order_by("order", "name"),
        initial={"year": _this_year()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = data.get("person")
        try:
            dossier = services.tip_to_dossier(
                actor=request.user,
                tip=tip,
                unit=data["unit"],
                title=data["title"],
                year=data["year"],
                person=person,
                nominee_unit=None if person is not None else data["unit"],
            )
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc, form=form)
        else:
            messages.success(request, _("Đã lập hồ sơ đề nghị (bản nháp) từ tin báo."))
            return redirect("nominations:detail", uuid=dossier.uuid)
    return render(request, "showcase/tip_dossier.html", {"tip": tip, "form": form})


def _this_year() -> int:
    return timezone.localdate().year
