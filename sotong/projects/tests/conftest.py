"""Fixtures of the projects' tests: published records made by hand, projects, officers and officials."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from sotong.accounts.tests.factories import OfficialFactory
from sotong.projects.choices import Kind, Status
from sotong.projects.models import Project, ProjectRecord, ProjectTaskCard
from sotong.publication.models import PublishedRecord

TASK_CARD = "서부간선지하도로 민간투자사업(조경)"


def published(public_id: str, **fields: Any) -> PublishedRecord:
    """A published record as the publish stage leaves it: ``published("seoul-p1", produced_on=…)``."""
    now = timezone.now()
    values: dict[str, Any] = {
        "title": f"문서 {public_id}", "organization": "서울특별시", "department": "방재시설부",
        "produced_on": dt.date(2021, 2, 10), "grade": "공개", "listing": "graded", "task_card": "",
        "registration_number": f"방재시설부-{public_id[-4:]}", "published_at": now, "updated_at": now,
    }  # fmt: skip
    values.update(fields)
    return PublishedRecord.objects.create(public_id=public_id, **values)


def project(slug: str = "west-tunnel", *, cards: tuple[str, ...] = (), chosen: tuple[str, ...] = (),
            **fields: Any) -> Project:  # fmt: skip
    values: dict[str, Any] = {
        "name": "서부간선지하도로 민간투자사업", "kind": Kind.CONSTRUCTION, "status": Status.ONGOING,
        "organization": "서울특별시", "department": "방재시설부", "published": True,
    }  # fmt: skip
    values.update(fields)
    made = Project.objects.create(slug=slug, **values)
    ProjectTaskCard.objects.bulk_create(ProjectTaskCard(project=made, name=name) for name in cards)
    ProjectRecord.objects.bulk_create(ProjectRecord(project=made, public_id=pid) for pid in chosen)
    return made


@pytest.fixture
def officer(db: None):
    return OfficialFactory(user__username="project-officer", user__officer=True)


@pytest.fixture
def official(db: None):
    return OfficialFactory(user__username="project-official")
