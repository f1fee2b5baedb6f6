"""Officer pages served from the cache while no record has changed.

A page read often and changed rarely (the dossier list, a dossier, the statistics dashboard) is
rendered once per user, address, language and *records version*, and served from the cache
(Redis in production) until that version moves. The version moves on every write of a record:
any model saved or deleted, or a many-to-many link changed, except the bookkeeping written by
reading (sessions, login attempts, authenticators, task progress, the time of last login, audit
entries of reads). It moves at the write, and again when its transaction commits, so that a
page rendered between the two from the data before the commit is never served after it.
Writes that bypass the ORM's signals (``QuerySet.update``, ``bulk_create``) are caught by the
audit entry every service writes beside them; anything else is seen within PAGE_SECONDS.

The page is cached with a placeholder for the CSRF token, which is put back per request; a page
with messages to show (after a form was sent) is never cached or served from the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

RECORDS_VERSION = "core:records:version"
PAGE_SECONDS = 300
CSRF_PLACEHOLDER = "gs-csrf-token-placeholder"
# Models written while reading (or by the task runner) are not records: they move no version.
_IGNORED_APPS = frozenset(
    {"sessions", "axes", "otp_totp", "otp_static", "django_otp", "django_tasks_db", "admin"}
)
_IGNORED_MODELS = frozenset({"core.taskprogress", "core.workerbeat"})
_READ_ACTIONS = frozenset({"view_personal_data", "login", "logout", "login_failed", "export"})


def records_version() -> int:
    version = cache.get_or_set(RECORDS_VERSION, 1, None)
    assert version is not None  # get_or_set returns the stored value or the default 1
    return int(version)


def bump_records_version() -> None:
    try:
        cache.incr(RECORDS_VERSION)
    except ValueError:  # not in the cache (first write, or the cache was emptied)
        cache.set(RECORDS_VERSION, 2, None)


def _is_record(sender: Any, instance: Any, update_fields: Any) -> bool:
    meta = sender._meta
    if meta.app_label in _IGNORED_APPS or meta.label_lower in _IGNORED_MODELS:
        return False
    if (
        meta.label_lower == "accounts.user"
        and update_fields
        and set(update_fields) <= {"last_login"}
    ):
        return False
    return not (meta.label_lower == "core.auditentry" and instance.action in _READ_ACTIONS)


def _written(using: str) -> None:
    bump_records_version()
    connection = transaction.get_connection(using)
    # And once more after the commit (registered once per transaction).
    if connection.in_atomic_block and not any(
        entry[1] is bump_records_version for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump_records_version, using=using)


def _saved_or_deleted(
    sender: Any, instance: Any = None, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
) -> None:
    if _is_record(sender, instance, kwargs.get("update_fields")):
        _written(using)


def _links_changed(sender: Any, action: str, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    if action.startswith("post_") and _is_record(sender, None, None):
        _written(using)


def connect() -> None:
    """Called once by the core app's ready()."""
    post_save.connect(_saved_or_deleted, dispatch_uid="gs-pagecache-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="gs-pagecache-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="gs-pagecache-m2m")


def page_key(request: HttpRequest, name: str) -> str:
    where = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    htmx = "h" if getattr(request, "htmx", False) else "p"
    user = getattr(request, "user", None)
    return (
        f"core:page:{name}:{records_version()}:{getattr(user, 'pk', None)}:"
        f"{get_language()}:{htmx}:{where}"
    )


def cached_page(
    request: HttpRequest, template: str, build: Callable[[], dict[str, Any]], *, name: str
) -> HttpResponse:
    """``render(request, template, build())``, from the cache when the records are unchanged.
    Access checks stay in the view, before this call: they run on every request."""
    if request.method != "GET" or len(get_messages(request)):
        return render(request, template, build())
    key = page_key(request, name)
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**build(), "csrf_token": CSRF_PLACEHOLDER}, request)
        cache.set(key, html, PAGE_SECONDS)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
