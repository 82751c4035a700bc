"""The 사전정보공표 catalogue: what a body must publish without being asked, and what it published.

Everything here is public by design and read by public pages: titles and paths are stored already
masked by the importer (a citizen's identifier never reaches these tables); the 담당자 and 전화
columns are officials' work contacts, public by law (정책실명제), and are stored as received.
"""

from __future__ import annotations

from django.db import models

from sotong.core import clock
from sotong.core.models import TimeStampedModel
from sotong.proactive.choices import Cycle
from sotong.proactive.cycles import is_overdue

TAXONOMY_SEPARATOR = ">"


class ProactiveItem(TimeStampedModel):
    """One catalogue item: a kind of information a department must publish, on a cycle.

    ``last_published_on`` and ``next_due_on`` are kept in step by the services (import, cycle set),
    so that the pages can sort and filter on them without reading every publication.
    """

    # The path naming the item, e.g. "공통업무>업무추진비 사용내역>…>시립대학교 총장, 처장의 업무추진비"
    taxonomy = models.CharField(max_length=500)
    field = models.CharField(max_length=100)  # 분야, e.g. 주택도시계획
    department = models.CharField(max_length=200)
    cycle = models.CharField(max_length=20, choices=Cycle.choices, default=Cycle.NOT_SET)
    last_published_on = models.DateField(null=True, blank=True)
    next_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["field", "department", "taxonomy"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "department"], name="proactive_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"

    @property
    def name(self) -> str:
        """The last step of the path: what the item is called."""
        return self.taxonomy.rpartition(TAXONOMY_SEPARATOR)[2].strip()

    @property
    def path(self) -> list[str]:
        """The steps above the name, for a breadcrumb."""
        return [step.strip() for step in self.taxonomy.split(TAXONOMY_SEPARATOR)[:-1]]

    @property
    def overdue(self) -> bool:
        return is_overdue(self.next_due_on, clock.today())

    @property
    def days_overdue(self) -> int:
        if self.next_due_on is None or not self.overdue:
            return 0
        return (clock.today() - self.next_due_on).days


class ProactivePublication(TimeStampedModel):
    """One row of the 사전정보공표 list: a publication of an item."""

    item = models.ForeignKey(ProactiveItem, on_delete=models.CASCADE, related_name="publications")
    # The list's own id: a re-import updates the publication, never adds a second one.
    nid = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=500)
    registered_at = models.DateTimeField()
    writer = models.CharField(max_length=100, blank=True)  # 담당자: an official, public by law
    telno = models.CharField(max_length=50, blank=True)  # 전화: the official's work phone, public by law
    licence = models.CharField(max_length=100, blank=True)
    url = models.URLField(max_length=500, blank=True)  # the original on the source's portal

    class Meta:
        ordering = ["-registered_at", "-id"]
        indexes = [models.Index(fields=["item", "-registered_at"], name="proactive_pub_item")]

    def __str__(self) -> str:
        return self.title
