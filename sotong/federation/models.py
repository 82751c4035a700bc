"""Peers this instance harvests, and the items it refused from them."""

from __future__ import annotations

from django.db import models


class Peer(models.Model):
    """Another Sotong instance (a district, an institution) whose published records we show."""

    name = models.CharField(max_length=50, unique=True)  # ours for it; the origin of its records
    base_url = models.URLField(max_length=300)  # its public address: citizens follow links to it
    organization = models.CharField(max_length=100)  # shown as its records' organization
    enabled = models.BooleanField(default=True)
    cursor = models.CharField(max_length=500, blank=True)  # its feed's `next`, as sent; "" = from the start
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # Why the last run failed ("" after a success), in both languages, as the portal's errors are.
    last_error_code = models.CharField(max_length=50, blank=True)
    last_error_ko = models.TextField(blank=True)
    last_error_en = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organization})"


class Refusal(models.Model):
    """An item of a peer's feed we did not publish, and why. Kept until a later version of the same
    record is accepted. It never holds the refused text: only which kinds of personal information
    the last look found."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="refusals")
    public_id = models.CharField(max_length=64)
    code = models.CharField(max_length=50)
    kinds = models.JSONField(default=list, blank=True)  # e.g. ["rrn", "phone"]
    refused_at = models.DateTimeField()

    class Meta:
        ordering = ["peer", "-refused_at"]
        constraints = [models.UniqueConstraint(fields=["peer", "public_id"], name="refusal_unique")]

    def __str__(self) -> str:
        return f"{self.peer.name} {self.public_id}: {self.code}"
