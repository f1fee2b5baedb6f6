"""The books app's part of the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

ADMIN_ONLY = {"books:list", "books:create", "books:pick_organiser"}


def _other_book(world):
    from guongsang.books import services
    from guongsang.books.models import Book
    from guongsang.books.tests.factories import make_book, make_story

    found = Book.objects.filter(organiser=world.other_centre).first()
    if found is not None:
        return found
    book = make_book(world.other_centre, title="Sách của Trung tâm 2")
    story = make_story(
        unit=world.other_centre, person=world.other_person, title="Chuyện Trung tâm 2"
    )
    services.book_add_stories(actor=None, book=book, stories=[story])
    return book


def object_routes(world) -> dict[str, list]:
    book = _other_book(world)
    entry = book.entries.first()
    return {
        "books:detail": [book.uuid],
        "books:edit": [book.uuid],
        "books:delete": [book.uuid],
        "books:add": [book.uuid],
        "books:remove": [book.uuid, entry.pk],
        "books:move": [book.uuid, entry.pk, "len"],
        "books:reorder": [book.uuid],
        "books:build": [book.uuid],
        "books:download": [book.uuid, "pdf"],
    }


def api_substitutions(world) -> dict[str, str]:
    return {"{book_id}": str(_other_book(world).uuid)}
