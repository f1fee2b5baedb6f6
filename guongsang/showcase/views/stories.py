"""The secretariat's pages for the stories of the public site: write, consent, publish."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.core.http import AuthedRequest, action_done, form_saved, page_of
from guongsang.core.permissions import restrict
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices
from guongsang.people.pickers import person_choices
from guongsang.showcase import selectors, services
from guongsang.showcase.forms import ConsentForm, ReasonForm, StoryForm, editor_people
from guongsang.showcase.models import Story, StoryStatus
from guongsang.showcase.permissions import EDITOR_ROLES
from guongsang.showcase.views.public import story_url


def editor_units(request: AuthedRequest) -> Any:
    return restrict(Unit.objects.all(), request.user, roles=EDITOR_ROLES, unit_field="pk")


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The unit picker of the story form and of a tip's dossier: the editor's units."""
    require_perm(request, "showcase.manage_story")
    return picker_response(unit_choices(editor_units(request), request.GET.get("q", "")))


@login_required
@require_GET
def pick_person(request: AuthedRequest) -> JsonResponse:
    """The person picker of the same forms: people of the editor's units."""
    require_perm(request, "showcase.manage_story")
    people = editor_people(editor_units(request))
    return picker_response(person_choices(people, request.GET.get("q", "")))


@login_required
def manage_stories(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.manage_story")
    status = request.GET.get("status", "")
    page = page_of(request, selectors.stories_managed(user=request.user, status=status))
    context = {"page": page, "status": status, "statuses": StoryStatus.choices}
    return render(request, "showcase/manage_stories.html", context)


@login_required
def story_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.manage_story")
    form = StoryForm(request.POST or None, request.FILES or None, units=editor_units(request))

    def create() -> Story:
        data = form.cleaned_data
        return services.story_create(
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

    story = form_saved(request, form, create)
    if story is not None:
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
        request.POST or None, request.FILES or None, instance=story, units=editor_units(request)
    )

    def save() -> Story:
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if "photo" in fields and not fields["photo"]:
            fields["photo"] = ""  # the photo was cleared
        return services.story_update(
            actor=request.user, story=Story.objects.get(pk=story.pk), **fields
        )

    if form_saved(request, form, save) is not None:
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
    action_done(
        request,
        lambda: services.story_publish(actor=request.user, story=story),
        _("Đã đăng câu chuyện lên Vườn hoa."),
    )
    return redirect("showcase:story_edit", uuid=story.uuid)


@login_required
@require_POST
def story_withdraw(request: AuthedRequest, uuid: Any) -> HttpResponse:
    story = _managed_story(request, uuid)

    def withdraw() -> None:
        reason = ReasonForm(request.POST).reason_or_refuse(_("Nhập lý do gỡ câu chuyện."))
        services.story_withdraw(actor=request.user, story=story, reason=reason)

    action_done(request, withdraw, _("Đã gỡ câu chuyện khỏi Vườn hoa."))
    return redirect("showcase:story_edit", uuid=story.uuid)
