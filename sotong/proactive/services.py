"""Writes to the catalogue other than the import: an officer sets a cycle; due dates follow."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sotong.audit.services import audit_record
from sotong.core.errors import BilingualError
from sotong.proactive.choices import Cycle
from sotong.proactive.cycles import next_due
from sotong.proactive.errors import BAD_CYCLE
from sotong.proactive.models import ProactiveItem


def item_dates_refresh(*, item: ProactiveItem) -> None:
    """Last published (the newest publication's date, in Seoul) and next due, from the database."""
    newest = item.publications.aggregate(newest=Max("registered_at"))["newest"]
    item.last_published_on = timezone.localtime(newest).date() if newest else None
    item.next_due_on = next_due(item.last_published_on, item.cycle)
    item.save(update_fields=["last_published_on", "next_due_on", "updated_at"])


def item_cycle_set(*, item: ProactiveItem, cycle: str, actor: str) -> bool:
    """Set the publication cycle an officer chose; False when it was already so (nothing written)."""
    if cycle not in Cycle.values:
        raise BilingualError(BAD_CYCLE, field="cycle", value=cycle)
    if item.cycle == cycle:
        return False
    previous, item.cycle = item.cycle, cycle
    with transaction.atomic():
        item.next_due_on = next_due(item.last_published_on, cycle)
        item.save(update_fields=["cycle", "next_due_on", "updated_at"])
        audit_record(
            actor=actor, action="proactive.cycle_set", target_type="proactive_item", target_id=str(item.pk),
            data={"taxonomy": item.taxonomy, "department": item.department, "from": previous, "to": cycle},
        )  # fmt: skip
    return True
