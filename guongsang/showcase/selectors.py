"""Reading stories (public, no user needed) and tips (the secretariat's)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from guongsang.catalogue.models import Title
from guongsang.core.permissions import get_visible_or_404, has_role, restrict
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.showcase.models import Story, StoryStatus, Tip, TipStatus, published_stories
from guongsang.showcase.permissions import EDITOR_ROLES

PUBLIC_RELATED = ("unit", "unit__parent", "person", "award__title")


def public_stories() -> QuerySet[Story]:
    """Published stories with what the public pages show, no personal data fetched."""
    return (
        published_stories()
        .select_related(*PUBLIC_RELATED)
        .only(
            "uuid",
            "title",
            "slug",
            "summary",
            "photo",
            "photo_alt",
            "year",
            "collective_name",
            "featured",
            "published_at",
            "status",
            "consent_recorded_at",
            "unit__uuid",
            "unit__name",
            "unit__parent__name",
            "person__full_name",
            "award__title__name",
            "award__title__code",
            "award__year",
        )
    )


def featured_stories(limit: int = 3) -> list[Story]:
    return list(public_stories().filter(featured=True)[:limit])


def latest_stories(limit: int = 6, *, exclude: list[int] | None = None) -> list[Story]:
    return list(public_stories().exclude(pk__in=exclude or [])[:limit])


def browse(
    *, year: int | None = None, unit: Unit | None = None, title: Title | None = None
) -> QuerySet[Story]:
    qs = public_stories()
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if title is not None:
        qs = qs.filter(award__title=title)
    return qs


FACET_SECONDS = 300  # grouped counts over every published story: cached a few minutes


def facet_years() -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        return list(published_stories().values("year").annotate(n=Count("id")).order_by("-year"))

    rows = cache.get_or_set("showcase:facet:years", compute, FACET_SECONDS)
    assert rows is not None  # compute() always returns a list
    return rows


def _facet_ids(key: str, field: str) -> list[int]:
    def compute() -> list[int]:
        return list(
            published_stories()
            .exclude(**{f"{field}__isnull": True})
            .order_by()
            .values_list(field, flat=True)
            .distinct()
        )

    ids = cache.get_or_set(f"showcase:facet:{key}", compute, FACET_SECONDS)
    assert ids is not None  # compute() always returns a list
    return ids


def facet_units() -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=_facet_ids("units", "unit_id")).order_by("name")


def facet_titles() -> QuerySet[Title]:
    return Title.objects.filter(pk__in=_facet_ids("titles", "award__title_id")).order_by(
        "order", "name"
    )


def story_public(*, year: int, slug: str) -> Story:
    qs = published_stories().select_related(*PUBLIC_RELATED)
    return get_visible_or_404(qs, year=year, slug=slug)


def related_stories(story: Story, limit: int = 3) -> list[Story]:
    """Other stories of the same year, newest first (index status, year, published_at)."""
    return list(public_stories().filter(year=story.year).exclude(pk=story.pk)[:limit])


# --- Secretariat ------------------------------------------------------------------------


def stories_managed(*, user: Actor, status: str = "") -> QuerySet[Story]:
    qs = restrict(
        Story.objects.select_related("unit", "unit__parent", "person", "award__title"),
        user,
        roles=EDITOR_ROLES,
        unit_field="unit_id",
    )
    if status in StoryStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id")


def story_managed(*, user: Actor, uuid: Any) -> Story:
    return get_visible_or_404(stories_managed(user=user), uuid=uuid)


def tips_for(*, user: Actor, status: str = "") -> QuerySet[Tip]:
    qs = Tip.objects.select_related("dossier", "merged_into_tip", "merged_into_story")
    if not has_role(user, EDITOR_ROLES):
        return qs.none()
    if status in TipStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def tip_for(*, user: Actor, uuid: Any) -> Tip:
    return get_visible_or_404(tips_for(user=user), uuid=uuid)
