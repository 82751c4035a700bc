"""Organization → Department tree (bureau → department → team, any depth)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_noop  # labels stay Korean; public pages translate them

from sotong.core.models import TimeStampedModel


class OrganizationKind(models.TextChoices):
    HEADQUARTERS = "headquarters", gettext_noop("본청")  # the city hall itself (서울특별시)
    DISTRICT = "district", gettext_noop("자치구")  # one of the 25 autonomous districts
    INSTITUTION = "institution", gettext_noop("투자출연기관")  # investment and funded institutions


class Organization(TimeStampedModel):
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices)
    # Officials' work contacts are public (정책실명제): {"email_domains": [...], "phone_prefixes": [...]}
    # in the shape of seoul-organizations.json's ``official_contacts``; anything outside is personal.
    official_contacts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class UnitLevel(models.TextChoices):
    BUREAU = "bureau", "실·국·본부"  # 실, 국, 본부, 기획단, 기획관
    DEPARTMENT = "department", "과·담당관"  # the unit that registers documents (문서번호 prefix)
    TEAM = "team", "팀"
    OTHER = "other", "기타"  # levels of deeper paths (사업소 → 본부 → 센터 → 팀)


class Department(TimeStampedModel):
    """A unit of an organization. Names repeat across units (every fire station has a 예방과),
    so a unit is identified by its organization and its parent, never by name alone."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=UnitLevel.choices, default=UnitLevel.DEPARTMENT)
    # True when a source named it and the organization chart lacks it.
    from_source = models.BooleanField(default=False)

    class Meta:
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "parent", "name"], name="unique_unit_under_parent"
            ),
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=models.Q(parent__isnull=True),
                name="unique_top_level_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def path(self) -> list[str]:
        names: list[str] = []
        unit: Department | None = self
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return list(reversed(names))
