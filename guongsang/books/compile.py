"""Compile a book: the print-ready PDF (WeasyPrint, CSS paged media: page size, running
header and footer, a table of contents with target-counter page numbers) and the EPUB 3
(ebooklib: navigation document, NCX, one XHTML chapter a story)."""

from __future__ import annotations

import base64
import html
import io
import mimetypes
from dataclasses import dataclass

from django.template.loader import render_to_string

from guongsang.books.models import Book, BookStory
from guongsang.core.documents import html_to_pdf
from guongsang.core.files import file_read
from guongsang.org.models import UnitType

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


@dataclass(frozen=True)
class Picture:
    """A chapter's photo: the story's own, or a drawn flower when the story has none."""

    data: bytes
    media_type: str
    alt: str
    placeholder: bool

    @property
    def extension(self) -> str:
        return {"image/svg+xml": "svg", "image/jpeg": "jpg"}.get(
            self.media_type, self.media_type.split("/")[-1]
        )

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode()}"


@dataclass(frozen=True)
class Chapter:
    number: int
    anchor: str
    title: str
    honouree: str
    unit: str
    award: str
    summary: str
    paragraphs: list[str]
    picture: Picture


def flower_svg(initials: str, hue: int) -> bytes:
    """A simple flower with the honouree's initials: the picture of a story without a photo."""
    petals = "".join(
        f'<ellipse cx="200" cy="120" rx="34" ry="70" transform="rotate({angle} 200 190)" '
        f'fill="hsl({hue}, 70%, 72%)" stroke="hsl({hue}, 60%, 45%)" stroke-width="2"/>'
        for angle in range(0, 360, 45)
    )
    text = html.escape(initials)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 380">'
        f'<rect width="400" height="380" fill="hsl({hue}, 60%, 96%)"/>{petals}'
        f'<circle cx="200" cy="190" r="48" fill="hsl({(hue + 40) % 360}, 85%, 60%)"/>'
        f'<text x="200" y="205" font-family="Liberation Serif, serif" font-size="40" '
        f'font-weight="bold" text-anchor="middle" fill="#fff">{text}</text></svg>'
    ).encode()


def _initials(name: str) -> str:
    words = [w for w in name.split() if w]
    return "".join(w[0] for w in words[-2:]).upper() if words else "?"


def picture_for(entry: BookStory) -> Picture:
    story = entry.story
    if story.photo:
        media_type = mimetypes.guess_type(story.photo.name)[0] or ""
        try:
            if media_type in IMAGE_TYPES:
                data = file_read(story.photo)
                return Picture(data, media_type, story.photo_alt or story.title, False)
        except OSError:  # a photo missing from the storage: the book gets a drawn flower
            pass
    name = story.honouree_name
    return Picture(
        flower_svg(_initials(name), (entry.pk or 0) * 47 % 360),
        "image/svg+xml",
        story.photo_alt or name,
        True,
    )


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def chapters(book: Book) -> list[Chapter]:
    found = []
    for number, entry in enumerate(book.entries.all(), start=1):
        story = entry.story
        found.append(
            Chapter(
                number=number,
                anchor=f"chuong-{number}",
                title=story.title,
                honouree=story.honouree_name,
                unit=story.unit.name if story.unit.name != story.honouree_name else "",
                award=str(story.award.title.name) if story.award is not None else "",
                summary=story.summary,
                paragraphs=_paragraphs(story.body),
                picture=picture_for(entry),
            )
        )
    return found


def _parent_name(book: Book) -> str:
    parent = book.organiser.parent
    if parent is None:
        return ""
    name = parent.name.upper()
    return f"UBND {name}" if parent.unit_type == UnitType.CITY else name


def _context(book: Book, found: list[Chapter]) -> dict[str, object]:
    return {
        "book": book,
        "chapters": found,
        "parent_name": _parent_name(book),
        "foreword": _paragraphs(book.foreword),
        "cover_art": "data:image/svg+xml;base64," + base64.b64encode(flower_svg("", 350)).decode(),
    }


def book_pdf(book: Book, found: list[Chapter] | None = None) -> bytes:
    """The print-ready PDF; `found` (the chapters) is read from the book when not given."""
    found = chapters(book) if found is None else found
    return html_to_pdf(render_to_string("books/print/book.html", _context(book, found)))


# --- EPUB ------------------------------------------------------------------------------------

EPUB_CSS = """
body { font-family: serif; line-height: 1.5; margin: 0 5%; }
h1, h2 { text-align: center; color: #8a1c1c; }
.byline { text-align: center; font-style: italic; }
.summary { font-style: italic; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; }
figcaption { font-size: 0.85em; color: #555; }
p { text-indent: 1.5em; margin: 0 0 0.5em; text-align: justify; }
.cover { text-align: center; margin-top: 20%; }
"""


def book_epub(book: Book, found: list[Chapter] | None = None) -> bytes:
    """Build the EPUB of the book: the package's files are written in the order the EPUB
    specification lists them (mimetype, container, content, navigation, chapters), on one
    archive."""
    from ebooklib import epub

    found = chapters(book) if found is None else found
    document = epub.EpubBook()
    document.set_identifier(f"urn:uuid:{book.uuid}")
    document.set_title(f"{book.title} {book.year}")
    document.set_language("vi")
    document.add_author(book.organiser.name)
    document.add_metadata("DC", "publisher", book.organiser.name)
    document.add_metadata("DC", "date", str(book.year))
    style = epub.EpubItem(
        uid="style", file_name="style/book.css", media_type="text/css", content=EPUB_CSS
    )
    document.add_item(style)

    context = _context(book, found)
    cover = epub.EpubHtml(uid="cover", title="Bìa", file_name="cover.xhtml", lang="vi")
    cover.content = render_to_string("books/epub/cover.html", context)
    cover.add_item(style)
    document.add_item(cover)
    spine: list[object] = [cover, "nav"]
    toc: list[object] = []
    if context["foreword"]:
        foreword = epub.EpubHtml(
            uid="foreword", title="Lời giới thiệu", file_name="foreword.xhtml", lang="vi"
        )
        foreword.content = render_to_string("books/epub/foreword.html", context)
        foreword.add_item(style)
        document.add_item(foreword)
        spine.append(foreword)
        toc.append(foreword)
    for chapter in found:
        image_name = f"images/chuong-{chapter.number:03d}.{chapter.picture.extension}"
        document.add_item(
            epub.EpubItem(
                uid=f"img{chapter.number}",
                file_name=image_name,
                media_type=chapter.picture.media_type,
                content=chapter.picture.data,
            )
        )
        item = epub.EpubHtml(
            uid=f"chap{chapter.number}",
            title=chapter.title,
            file_name=f"chuong-{chapter.number:03d}.xhtml",
            lang="vi",
        )
        item.content = render_to_string(
            "books/epub/chapter.html", {"chapter": chapter, "image": image_name}
        )
        item.add_item(style)
        document.add_item(item)
        spine.append(item)
        toc.append(item)
    document.toc = toc
    document.add_item(epub.EpubNcx())
    document.add_item(epub.EpubNav(title="Mục lục"))
    document.spine = spine
    buffer = io.BytesIO()
    epub.write_epub(buffer, document, {})
    return buffer.getvalue()
