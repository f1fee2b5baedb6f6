"""Reads of books, cut to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from guongsang.books.models import Book, BookStory
from guongsang.books.permissions import BOOK_VIEW_ROLES
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.types import Actor
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.showcase.models import Story


def book_list(*, user: Actor) -> QuerySet[Book]:
    qs = restrict(
        Book.objects.select_related("organiser", "progress"),
        user,
        roles=BOOK_VIEW_ROLES,
        unit_field="organiser",
    )
    return qs.annotate(story_count=Count("entries")).order_by("-year", "-pk")


def entries() -> Prefetch:
    return Prefetch(
        "entries",
        queryset=BookStory.objects.select_related(
            "story__person", "story__unit", "story__award__title"
        ).order_by("order", "pk"),
    )


def book_detail(*, user: Actor, uuid: Any) -> Book:
    qs = restrict(Book.objects.all(), user, roles=BOOK_VIEW_ROLES, unit_field="organiser")
    return get_visible_or_404(
        qs.select_related("organiser", "progress").prefetch_related(entries()), uuid=uuid
    )


def book_with_entries(book_id: int) -> Book:
    return (
        Book.objects.select_related("organiser", "organiser__parent")
        .prefetch_related(entries())
        .get(pk=book_id)
    )


def story_candidates(*, book: Book) -> QuerySet[Story]:
    """Published stories (with consent) of the book's year, of the organiser's subtree, not yet
    in the book."""
    return (
        Story.objects.published()
        .filter(year=book.year, unit_id__in=unit_ids_for_counting(book.organiser_id))
        .exclude(pk__in=book.entries.values("story_id"))
        .select_related("person", "unit")
        .order_by("title")
    )
