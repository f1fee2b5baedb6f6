"""Writes of books: create, edit, pick and order the stories; each atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guongsang.books.models import Book, BookStory, PageSize
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.services import model_update
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.showcase.models import Story

_TEXT_FIELDS = ("title", "subtitle", "foreword")


def _text(value: str | None) -> str:
    return nfc(value or "").strip()


def _order_snapshot(book: Book) -> list[int]:
    return list(book.entries.order_by("order", "pk").values_list("story_id", flat=True))


def _log_order(actor: Actor, book: Book, before: list[int], reason: str) -> None:
    after = _order_snapshot(book)
    if after != before:
        audit.audit_log(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=book,
            before={"stories": before},
            after={"stories": after},
            reason=reason,
        )


def _check(title: str, year: int, page_size: str) -> None:
    if not title:
        raise ValidationError(_("Hãy nhập tên sách."))
    if not 1992 <= year <= 2100:
        raise ValidationError(_("Năm của sách không hợp lệ."))
    if page_size not in PageSize.values:
        raise ValidationError(_("Khổ giấy phải là A5 hoặc B5."))


@transaction.atomic
def book_create(
    *,
    actor: Actor,
    organiser: Unit,
    year: int,
    title: str = "",
    subtitle: str = "",
    page_size: str = PageSize.A5,
    foreword: str = "",
) -> Book:
    title = _text(title) or Book._meta.get_field("title").default
    _check(title, year, page_size)
    book = Book.objects.create(
        organiser=organiser,
        year=year,
        title=title,
        subtitle=_text(subtitle),
        page_size=page_size,
        foreword=_text(foreword),
    )
    audit.audit_create(actor=actor, obj=book)
    return book


@transaction.atomic
def book_update(*, actor: Actor, book: Book, **fields: Any) -> Book:
    return model_update(
        actor=actor,
        obj=book,
        changes=fields,
        clean=lambda name, value: _text(value) if name in _TEXT_FIELDS else value,
        before_save=lambda book: _check(book.title, book.year, book.page_size),
    )


@transaction.atomic
def book_delete(*, actor: Actor, book: Book) -> None:
    audit.audit_delete(actor=actor, obj=book, reason=_("Xoá sách"))
    book.delete()


@transaction.atomic
def book_add_stories(*, actor: Actor, book: Book, stories: Iterable[Story]) -> int:
    """Add published stories of the book's year and the organiser's subtree, at the end."""
    stories = list(stories)
    allowed = set(
        Story.objects.published()
        .filter(
            pk__in=[s.pk for s in stories],
            year=book.year,
            unit_id__in=unit_ids_for_counting(book.organiser_id),
        )
        .values_list("pk", flat=True)
    )
    if len(allowed) != len({s.pk for s in stories}):
        raise ValidationError(
            _("Chỉ chọn được câu chuyện đã đăng (có sự đồng ý) của năm %(year)s thuộc đơn vị.")
            % {"year": book.year}
        )
    before = _order_snapshot(book)
    present = set(before)
    order = book.entries.aggregate(m=Max("order"))["m"] or 0
    new = []
    for story in stories:
        if story.pk in present:
            continue
        order += 1
        present.add(story.pk)
        new.append(BookStory(book=book, story=story, order=order))
    BookStory.objects.bulk_create(new)
    _log_order(actor, book, before, _("Thêm câu chuyện vào sách"))
    return len(new)


def _renumber(book: Book, entries: Sequence[BookStory]) -> None:
    for number, entry in enumerate(entries, start=1):
        entry.order = number
    BookStory.objects.bulk_update(entries, ["order"])


@transaction.atomic
def book_remove_story(*, actor: Actor, entry: BookStory) -> None:
    book = entry.book
    before = _order_snapshot(book)
    entry.delete()
    _renumber(book, list(book.entries.order_by("order", "pk")))
    _log_order(actor, book, before, _("Bỏ câu chuyện khỏi sách"))


@transaction.atomic
def book_move(*, actor: Actor, entry: BookStory, step: int) -> None:
    """Move a chapter up (step -1) or down (+1); at either end nothing changes."""
    book = entry.book
    before = _order_snapshot(book)
    entries = list(book.entries.select_for_update().order_by("order", "pk"))
    index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
    target = index + step
    if 0 <= target < len(entries):
        entries[index], entries[target] = entries[target], entries[index]
    _renumber(book, entries)
    _log_order(actor, book, before, _("Đổi thứ tự chương"))


@transaction.atomic
def book_reorder(*, actor: Actor, book: Book, entry_ids: Sequence[int]) -> None:
    """Put the chapters in the order given (drag and drop): every chapter exactly once."""
    entries = {e.pk: e for e in book.entries.select_for_update()}
    if sorted(entry_ids) != sorted(entries):
        raise ValidationError(_("Thứ tự gửi lên không khớp với các chương của sách."))
    before = _order_snapshot(book)
    _renumber(book, [entries[pk] for pk in entry_ids])
    _log_order(actor, book, before, _("Đổi thứ tự chương"))
