"""Officials: the people behind the workbench. Citizens need no account.

Who may see what is decided in ``permissions.py``, from this profile and one custom permission.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sotong.organizations.models import Department, Organization

REVIEW_ALL = "accounts.review_all"  # the disclosure officer's permission, as ``user.has_perm`` names it
OFFICER_GROUP = "정보공개 담당자"  # the group that carries it (migration 0002)


class Official(models.Model):
    """A user who works for an organization: sees the records of their unit and the units below it
    (the whole organization when no unit is set)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="officials")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="officials"
    )

    class Meta:
        ordering = ["organization", "user__username"]
        verbose_name = "공무원"
        verbose_name_plural = "공무원"
        permissions = [("review_all", "모든 기록물 검토·직권심의 (정보공개 담당자)")]

    def __str__(self) -> str:
        unit = f" {self.department}" if self.department_id else ""
        return f"{self.user} ({self.organization}{unit})"
