"""Base models, the audit log and background task progress."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.core import audit_display


class PublicModel(models.Model):
    """Big integer key inside, a UUID in public URLs and the API."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuthoredModel(PublicModel):
    """A PublicModel that keeps who created it (the row stays when that user is deleted)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Cập nhật")
    DELETE = "delete", _("Xoá")
    STATE = "state", _("Chuyển trạng thái")
    VIEW_PERSONAL_DATA = "view_personal_data", _("Xem dữ liệu cá nhân")
    LOGIN = "login", _("Đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    PASSWORD = "password", _("Đổi/đặt lại mật khẩu")
    EXPORT = "export", _("Xuất dữ liệu")


class AuditEntry(models.Model):
    """Nhật ký: who did what to which object, when, with the state before and after.

    Written only by services (append-only); the UI and the admin can read it, never edit it.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at_idx"),
        ]
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    # Pairs for the template: a snapshot may hold any key, "items" included, which the
    # template language would take for dict.items.
    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field whose value changed."""
        before, after = _as_dict(self.before), _as_dict(self.after)
        return [
            (key, before[key], value)
            for key, value in after.items()
            if key in before and before[key] != value and key != "updated_at"
        ]

    @property
    def snapshot_pairs(self) -> list[tuple[str, Any]]:
        return list(_as_dict(self.after or self.before).items())

    @property
    def object_type_label(self) -> str:
        return audit_display.object_type_label(self.object_type)

    @property
    def changes_shown(self) -> list[tuple[str, Any, Any]]:
        """The changes with Vietnamese field names and the labels of the states."""
        return audit_display.labelled_changes(self.object_type, self.changes)

    @property
    def snapshot_shown(self) -> list[tuple[str, Any]]:
        return audit_display.labelled_pairs(self.object_type, self.snapshot_pairs)


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class TaskStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class TaskProgress(models.Model):
    """Progress of one background job, polled by its page with htmx."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    # A name in the default storage (exports/…, books/…), never a path on this host.
    result_file = models.FileField(max_length=300, blank=True, upload_to="exports/")
    result_name = models.CharField(max_length=200, blank=True)
    # The page of what the job builds (the book, the report, the decision): the progress page
    # links back to it, and the other files it made (a book's EPUB) are offered there.
    source_url = models.CharField(max_length=300, blank=True)
    source_label = models.CharField(max_length=200, blank=True)
    also_url = models.CharField(max_length=300, blank=True)  # a second result (the EPUB)
    also_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.percent}%)"

    @property
    def finished(self) -> bool:
        return self.status in {TaskStatus.DONE, TaskStatus.FAILED}


class WorkerBeat(models.Model):
    """Heartbeat of one task worker process: its lease on the tasks it runs.

    The worker writes `seen_at` every few seconds from its own thread and connection; a task
    whose worker has not been seen for the lease (or whose process is gone) is marked failed.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["-seen_at"], name="worker_beat_seen_idx")]

    def __str__(self) -> str:
        return self.worker_id
