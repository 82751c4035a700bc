"""Audit events. Rows are never changed or deleted: the model and its queryset refuse it."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("감사 기록은 수정할 수 없습니다 / audit events cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("감사 기록은 삭제할 수 없습니다 / audit events cannot be deleted")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=200, help_text="user, integrator token or command")
    action = models.CharField(max_length=100, db_index=True)  # e.g. "record.created"
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=200, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("감사 기록은 수정할 수 없습니다 / audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("감사 기록은 삭제할 수 없습니다 / audit events cannot be deleted")
