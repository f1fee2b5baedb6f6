"""API: sách "Những bông hoa đẹp" — the books the caller may see and their chapters."""

# No "from __future__ import annotations": ninja resolves the annotations at runtime.
import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import Pages
from guongsang.books import selectors
from guongsang.books.models import Book

router = Router()


class BookOut(Schema):
    id: UUID = Field(alias="uuid")
    title: str
    subtitle: str
    year: int
    organiser_id: UUID = Field(alias="organiser.uuid")
    organiser_name: str = Field(alias="organiser.name")
    page_size: str
    built_at: dt.datetime | None


class ChapterOut(Schema):
    order: int
    story_id: UUID = Field(alias="story.uuid")
    title: str = Field(alias="story.title")
    honouree: str = Field(alias="story.honouree_name")
    unit_name: str = Field(alias="story.unit.name")
    slug: str = Field(alias="story.slug")


class BookDetailOut(BookOut):
    foreword: str
    chapters: list[ChapterOut]

    @staticmethod
    def resolve_chapters(obj: Book) -> list[object]:
        return list(obj.entries.all())


@router.get("", response=list[BookOut], summary="Danh sách sách Những bông hoa đẹp")
@paginate(Pages, page_size=50)
def book_list(request: HttpRequest) -> QuerySet[Book]:
    if not request.user.has_perm("books.view_book"):
        raise PermissionDenied
    return selectors.book_list(user=request.user)


@router.get("/{book_id}", response=BookDetailOut, summary="Một cuốn sách và các chương của nó")
def book_detail(request: HttpRequest, book_id: UUID) -> Book:
    book = selectors.book_detail(user=request.user, uuid=book_id)
    if not request.user.has_perm("books.view_book", book):
        raise PermissionDenied
    return book
