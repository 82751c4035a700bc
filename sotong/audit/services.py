"""The one way to write the audit log. Call it inside the service's own ``atomic()`` block."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sotong.audit.models import AuditEvent


def audit_record(
    *, actor: str, action: str, target_type: str, target_id: str, data: dict[str, Any] | None = None
) -> AuditEvent:
    with transaction.atomic():
        return AuditEvent.objects.create(
            actor=actor, action=action, target_type=target_type, target_id=target_id, data=data or {}
        )


def audit_record_many(events: list[AuditEvent]) -> None:
    """Bulk variant for imports that change thousands of records in one transaction."""
    AuditEvent.objects.bulk_create(events, batch_size=1000)
