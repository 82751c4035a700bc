"""Audit events. Rows are never changed or deleted: the model and its queryset refuse it.

Each event carries the hash of the one before it (``sotong.audit.chain``), so a row changed, removed or
moved behind the application's back breaks the chain, and ``sotong audit verify`` says where.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

from sotong.audit.chain import GENESIS

UNCHAINED = (
    "감사 기록은 sotong.audit.services로만 씁니다 / write audit events through sotong.audit.services "
    "(audit_record, audit_record_values): they link each event into the hash chain"
)


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event, or to add one outside the chain."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("감사 기록은 수정할 수 없습니다 / audit events cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("감사 기록은 삭제할 수 없습니다 / audit events cannot be deleted")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(UNCHAINED)


class AuditEvent(models.Model):
    # Set by the service, in Python, once: the hash covers exactly the value stored.
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=200, help_text="user, integrator token or command")
    action = models.CharField(max_length=100, db_index=True)  # e.g. "record.created"; "batch" if mixed
    target_type = models.CharField(max_length=100)  # "batch": ``data["events"]`` holds the events
    target_id = models.CharField(max_length=200, db_index=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)  # the previous event's ``hash``; GENESIS for the first
    hash = models.CharField(max_length=64)  # sha256 hex of prev_hash and this event (chain.event_hash)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("감사 기록은 수정할 수 없습니다 / audit events cannot be updated")
        if not self.hash:
            raise AppendOnlyError(UNCHAINED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("감사 기록은 삭제할 수 없습니다 / audit events cannot be deleted")


class AuditChainHead(models.Model):
    """The chain's last link: one row (pk 1). Writers read it with ``select_for_update()`` in their
    own transaction, so two of them cannot both link to the same event and fork the chain; on SQLite
    the IMMEDIATE transaction mode (config/settings/base.py) serializes writers instead."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_event_id = models.BigIntegerField(null=True, blank=True)  # None: no event yet
    hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"#{self.last_event_id} {self.hash[:12]}"
