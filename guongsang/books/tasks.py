"""Building the book in the background: PDF then EPUB, with progress on the task page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from guongsang.books.compile import book_epub, book_pdf
from guongsang.books.models import Book
from guongsang.books.selectors import book_with_entries
from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.models import AuditAction, TaskProgress
from guongsang.core.tasks import (
    progress_finish,
    progress_run,
    progress_update,
    task_queue,
)
from guongsang.core.types import Actor

BUILD_LABEL = "Dựng sách “%(title)s” %(year)s (PDF, EPUB)"


def book_build_start(
    *, actor: Actor, book: Book, request: HttpRequest | None = None
) -> TaskProgress:
    """Record the request, queue the build and follow it on the task page."""
    if not book.entries.exists():
        raise ValidationError("Sách chưa có câu chuyện nào: hãy chọn câu chuyện trước khi dựng.")
    label = BUILD_LABEL % {"title": book.title, "year": book.year}

    def record(progress: TaskProgress) -> None:
        Book.objects.filter(pk=book.pk).update(progress=progress)
        audit.audit_log(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=book,
            after={"export": "books.book", "format": "pdf+epub"},
            reason=label,
            request=request,
        )

    return task_queue(
        owner=actor,
        label=label,
        task=build_book,
        args=[book.pk],
        record=record,
        source_url=reverse("books:detail", args=[book.uuid]),
        source_label=book.title[:200],
        also_url=reverse("books:download", args=[book.uuid, "epub"]),
        also_label=f"nhung-bong-hoa-dep-{book.year}.epub",
    )


@task()
def build_book(progress_id: int, book_id: int) -> str:
    """Compile the PDF and the EPUB into books/<uuid>/ of the file storage; the task's result
    is the PDF."""
    with progress_run(progress_id), translation.override("vi"):
        book = book_with_entries(book_id)
        count = len(book.entries.all())
        if not count:
            raise ValidationError("Sách chưa có câu chuyện nào.")
        progress_update(progress_id, 5, f"Đang dàn trang PDF ({count} câu chuyện)…")
        pdf = book_pdf(book)
        progress_update(progress_id, 70, "Đang tạo EPUB…")
        epub = book_epub(book)
        progress_update(progress_id, 90, "Đang lưu tệp…")
        folder = f"books/{book.uuid}"
        pdf_name = file_save(folder=folder, extension=".pdf", content=pdf)
        epub_name = file_save(folder=folder, extension=".epub", content=epub)
        Book.objects.filter(pk=book.pk).update(
            pdf_file=pdf_name, epub_file=epub_name, built_at=timezone.now()
        )
        progress_finish(
            progress_id,
            result_file=pdf_name,
            result_name=f"nhung-bong-hoa-dep-{book.year}.pdf",
            message=f"Đã dựng sách: {count} câu chuyện; tải PDF hoặc EPUB ở trang của sách.",
        )
    return pdf_name
