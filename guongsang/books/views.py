"""Book pages: list, create/edit, the detail where stories are picked and ordered, the build
in the background and the downloads of the last build."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.books import selectors, services, tasks
from guongsang.books.forms import BookForm
from guongsang.books.models import Book
from guongsang.books.permissions import BOOK_MANAGE_ROLES
from guongsang.core.files import file_response
from guongsang.core.http import AuthedRequest, form_saved, report_errors
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.pickers import unit_choices
from guongsang.org.selectors import units_acting
from guongsang.showcase.models import Story

MIME = {"pdf": "application/pdf", "epub": "application/epub+zip"}


def _organisers(request: AuthedRequest) -> Any:
    return units_acting(user=request.user, roles=BOOK_MANAGE_ROLES)


@login_required
@require_GET
def pick_organiser(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "books.manage_book")
    return picker_response(unit_choices(_organisers(request), request.GET.get("q", "")))


def _book(request: AuthedRequest, uuid: Any, *, manage: bool = False) -> Book:
    book = selectors.book_detail(user=request.user, uuid=uuid)
    require_perm(request, "books.manage_book" if manage else "books.view_book", book)
    return book


@login_required
def book_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "books.view_book")
    context = {
        "books": selectors.book_list(user=request.user),
        "can_create": request.user.has_perm("books.manage_book"),
    }
    return render(request, "books/list.html", context)


@login_required
def book_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "books.manage_book")
    form = BookForm(request.POST or None, organisers=_organisers(request))
    made = form_saved(
        request, form, lambda: services.book_create(actor=request.user, **form.cleaned_data)
    )
    if made is not None:
        messages.success(request, _("Đã tạo sách; hãy chọn các câu chuyện."))
        return redirect("books:detail", uuid=made.uuid)
    return render(request, "books/form.html", {"form": form, "title": _("Sách mới")})


@login_required
def book_edit(request: AuthedRequest, uuid: Any) -> HttpResponse:
    book = _book(request, uuid, manage=True)
    initial = {f: getattr(book, f) for f in BookForm.base_fields}
    form = BookForm(request.POST or None, initial=initial, organisers=_organisers(request))
    if form_saved(
        request,
        form,
        lambda: services.book_update(actor=request.user, book=book, **form.cleaned_data),
    ):
        messages.success(request, _("Đã lưu sách."))
        return redirect("books:detail", uuid=book.uuid)
    context = {"form": form, "title": _("Sửa thông tin sách"), "book": book}
    return render(request, "books/form.html", context)


@login_required
def book_delete(request: AuthedRequest, uuid: Any) -> HttpResponse:
    book = _book(request, uuid, manage=True)
    if request.method == "POST":
        services.book_delete(actor=request.user, book=book)
        messages.success(request, _("Đã xoá sách."))
        return redirect("books:list")
    return render(request, "books/confirm_delete.html", {"book": book})


def _chapters(request: AuthedRequest, book: Book) -> HttpResponse:
    """After a chapter moved: the chapters in their new order for htmx, else the page."""
    if not request.htmx:
        return redirect("books:detail", uuid=book.uuid)
    book = selectors.book_detail(user=request.user, uuid=book.uuid)  # fresh order
    context = {"book": book, "can_manage": True}
    return render(request, "books/partials/chapters.html", context)


@login_required
def book_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    book = _book(request, uuid)
    can_manage = request.user.has_perm("books.manage_book", book)
    context = {
        "book": book,
        "can_manage": can_manage,
        "candidates": selectors.story_candidates(book=book) if can_manage else [],
    }
    return render(request, "books/detail.html", context)


@login_required
@require_POST
def book_add(request: AuthedRequest, uuid: Any) -> HttpResponse:
    book = _book(request, uuid, manage=True)
    wanted = request.POST.getlist("story")
    try:
        stories = list(Story.objects.filter(uuid__in=wanted))
        services.book_add_stories(actor=request.user, book=book, stories=stories)
    except (ValidationError, ValueError) as exc:
        report_errors(request, exc)
    return redirect("books:detail", uuid=book.uuid)


def _entry(book: Book, pk: int) -> Any:
    entry = book.entries.filter(pk=pk).select_related("book").first()
    if entry is None:
        raise Http404
    return entry


@login_required
@require_POST
def book_remove(request: AuthedRequest, uuid: Any, pk: int) -> HttpResponse:
    book = _book(request, uuid, manage=True)
    services.book_remove_story(actor=request.user, entry=_entry(book, pk))
    return redirect("books:detail", uuid=book.uuid)


@login_required
@require_POST
def book_move(request: AuthedRequest, uuid: Any, pk: int, direction: str) -> HttpResponse:
    book = _book(request, uuid, manage=True)
    if direction not in {"len", "xuong"}:
        raise Http404
    step = -1 if direction == "len" else 1
    services.book_move(actor=request.user, entry=_entry(book, pk), step=step)
    return _chapters(request, book)


@login_required
@require_POST
def book_reorder(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Drag and drop: the chapters' ids in their new order."""
    book = _book(request, uuid, manage=True)
    ids = [int(v) for v in request.POST.getlist("entry") if v.isdigit()]
    try:
        services.book_reorder(actor=request.user, book=book, entry_ids=ids)
    except ValidationError as exc:
        return HttpResponse(exc.messages[0], status=400)
    return _chapters(request, book)


@login_required
@require_POST
def book_build(request: AuthedRequest, uuid: Any) -> HttpResponse:
    book = _book(request, uuid, manage=True)
    try:
        progress = tasks.book_build_start(actor=request.user, book=book, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("books:detail", uuid=book.uuid)
    return redirect("core:task_progress", uuid=progress.uuid)


@login_required
def book_download(request: AuthedRequest, uuid: Any, fmt: str) -> HttpResponseBase:
    book = _book(request, uuid)
    stored = {"pdf": book.pdf_file, "epub": book.epub_file}.get(fmt)
    if not stored:
        raise Http404(_("Sách chưa được dựng."))
    name = f"nhung-bong-hoa-dep-{book.year}.{fmt}"
    return file_response(stored, filename=name, content_type=MIME[fmt])
