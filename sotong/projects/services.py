"""Writes to projects: each one audited in the caller's transaction (STYLE 5).

Officers choose records by public id among the records taken in (the registry) and those harvested
from other instances: a record still being processed may be chosen, and shows on the project's public
page once it is published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.core.errors import BilingualError
from sotong.projects.choices import Status
from sotong.projects.errors import RECORD_ALREADY, RECORD_UNKNOWN, SLUG_TAKEN, TASK_CARD_ALREADY
from sotong.projects.models import Project, ProjectRecord, ProjectTaskCard
from sotong.publication.models import PublishedRecord
from sotong.records.models import Record

TARGET = "project"


@dataclass(frozen=True)
class ProjectFields:
    """What an officer edits on a project (its address and its publication are set apart)."""

    name: str
    kind: str
    organization: str
    status: str = Status.PLANNED
    department: str = ""
    description: str = ""
    budget: int | None = None
    budget_note: str = ""
    started_on: dt.date | None = None
    ended_on: dt.date | None = None

    @classmethod
    def names(cls) -> list[str]:
        return [field.name for field in dataclasses.fields(cls)]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _audit(project: Project, action: str, actor: str, **data: Any) -> None:
    audit_record(actor=actor, action=action, target_type=TARGET, target_id=project.slug, data=data)


def project_create(*, slug: str, fields: ProjectFields, actor: str) -> Project:
    """A new project, not yet published."""
    if Project.objects.filter(slug=slug).exists():
        raise BilingualError(SLUG_TAKEN, field="slug", value=slug)
    with transaction.atomic():
        project = Project.objects.create(slug=slug, **dataclasses.asdict(fields))
        _audit(project, "project.create", actor, name=project.name, kind=project.kind, status=project.status)
    return project


def project_update(*, project: Project, fields: ProjectFields, actor: str) -> list[str]:
    """Save what changed; the names of the changed fields ([] when nothing did: nothing written)."""
    changed = {
        name: [_plain(getattr(project, name)), _plain(value)]
        for name, value in dataclasses.asdict(fields).items()
        if getattr(project, name) != value
    }
    if not changed:
        return []
    with transaction.atomic():
        for name in changed:
            setattr(project, name, getattr(fields, name))
        project.save(update_fields=[*changed, "updated_at"])
        _audit(project, "project.update", actor, changed=changed)
    return sorted(changed)


def project_publish_set(*, project: Project, published: bool, actor: str) -> bool:
    """Publish or withdraw the project; False when it already was so (nothing written)."""
    if project.published == published:
        return False
    with transaction.atomic():
        project.published = published
        project.save(update_fields=["published", "updated_at"])
        _audit(project, "project.publish" if published else "project.unpublish", actor)
    return True


def project_task_card_add(*, project: Project, name: str, actor: str) -> ProjectTaskCard:
    if project.task_cards.filter(name=name).exists():
        raise BilingualError(TASK_CARD_ALREADY, field="task_card", value=name)
    with transaction.atomic():
        card = ProjectTaskCard.objects.create(project=project, name=name)
        _audit(project, "project.task_card_add", actor, task_card=name)
    return card


def project_task_card_remove(*, project: Project, card: ProjectTaskCard, actor: str) -> None:
    with transaction.atomic():
        card.delete()
        _audit(project, "project.task_card_remove", actor, task_card=card.name)


def project_record_add(*, project: Project, public_id: str, actor: str) -> ProjectRecord:
    known = Record.objects.filter(public_id=public_id).exists()
    if not (known or PublishedRecord.objects.filter(public_id=public_id).exists()):  # ours or harvested
        raise BilingualError(RECORD_UNKNOWN, field="public_id", value=public_id)
    if project.chosen_records.filter(public_id=public_id).exists():
        raise BilingualError(RECORD_ALREADY, field="public_id", value=public_id)
    with transaction.atomic():
        chosen = ProjectRecord.objects.create(project=project, public_id=public_id)
        _audit(project, "project.record_add", actor, public_id=public_id)
    return chosen


def project_record_remove(*, project: Project, chosen: ProjectRecord, actor: str) -> None:
    with transaction.atomic():
        chosen.delete()
        _audit(project, "project.record_remove", actor, public_id=chosen.public_id)
