"""Projects (서울의 정책 / 사회적 관심사업 / 건설사업): a named undertaking and the records that document it.

A project's records are never copied here: it names the task cards (단위과제) it follows and the
records chosen one by one (by public id), and its pages read the matching records from the
publication layer. So a project shows only what is published, in its published form, and a record
taken in later joins its project by itself. Nothing of a project is public until it is published.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from sotong.core.models import TimeStampedModel
from sotong.projects.choices import Kind, Status

NAME_LIMIT = 200
TASK_CARD_LIMIT = 300  # as ``PublishedRecord.task_card``
PUBLIC_ID_LIMIT = 64  # as ``PublishedRecord.public_id``


class Project(TimeStampedModel):
    slug = models.SlugField(max_length=80, unique=True)  # the address: /projects/<slug>/
    name = models.CharField(max_length=NAME_LIMIT)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    description = models.TextField(blank=True)
    budget = models.PositiveBigIntegerField(null=True, blank=True)  # 원; None = not stated
    budget_note = models.CharField(max_length=500, blank=True)  # where the figure comes from, its parts
    organization = models.CharField(max_length=100)
    department = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)  # only published projects are public

    class Meta:
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project", args=[self.slug])


class ProjectTaskCard(models.Model):
    """A task card the project follows: every record whose ``task_card`` is exactly this name."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="task_cards")
    name = models.CharField(max_length=TASK_CARD_LIMIT, db_index=True)  # a record page asks by name

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="project_task_card_unique")]

    def __str__(self) -> str:
        return self.name


class ProjectRecord(models.Model):
    """A record chosen one by one. By public id, not a key of the publication table: the record may
    not be published yet (then it shows nowhere until it is), and its published row may be rewritten."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="chosen_records")
    public_id = models.CharField(max_length=PUBLIC_ID_LIMIT, db_index=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "public_id"], name="project_record_unique")]

    def __str__(self) -> str:
        return self.public_id
