"""Integrator tokens: the push API's credentials. Only a digest is stored; the token is shown once."""

from __future__ import annotations

from django.db import models

from sotong.core.models import TimeStampedModel
from sotong.organizations.models import Organization


class IntegratorToken(TimeStampedModel):
    name = models.CharField(max_length=100, unique=True, help_text="who uses it, e.g. 'seoul-edms'")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the token
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
