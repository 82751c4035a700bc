"""Reads of the workbench. Every one is bounded by ``accounts.permissions.record_scope``: a record
the user may not see is not found (404), never forbidden, so its existence does not leak either."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from sotong.accounts.permissions import AnyUser, record_scope
from sotong.organizations.models import Organization
from sotong.records.choices import Grade, ReviewState
from sotong.records.models import Mask, Record


def review_queue(*, user: AnyUser) -> QuerySet[Record]:
    """Records waiting for an official, newest first, with their number of masks."""
    return (
        Record.objects.filter(record_scope(user), review_state=ReviewState.PENDING)
        .select_related("organization", "department")
        .annotate(mask_count=Count("masks"))
        .order_by("-created_at", "-id")
    )


def record_for_review(*, user: AnyUser, public_id: str) -> Record | None:
    masks = Mask.objects.select_related("file").order_by("file_id", "start", "id")
    return (
        Record.objects.filter(record_scope(user), public_id=public_id)
        .select_related("organization", "department", "info_type")
        .prefetch_related("approval_steps", "files", Prefetch("masks", queryset=masks))
        .first()
    )


def withheld_records(*, organization_id: int | None = None) -> QuerySet[Record]:
    """Every record decided 비공개, for the disclosure officer's 직권심의 (officers see all)."""
    records = Record.objects.filter(decided_grade=Grade.WITHHELD)
    if organization_id is not None:
        records = records.filter(organization_id=organization_id)
    return records.select_related("organization", "department").order_by("-produced_on", "-id")


def withheld_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(records__decided_grade=Grade.WITHHELD).distinct().order_by("name")
