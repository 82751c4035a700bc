"""Dead letters: pipeline tasks that failed for good when workers run them (``SOTONG_TASKS=celery``).

Disclosure officers see them at ``/workbench/dead-letters/`` and may send one again. The record of a
dead letter stays failed (the runner marks it failed first and succeeded last), so nothing of a
failed task is published.
"""

from __future__ import annotations

from django.db import models

from sotong.records.models import Record


class DeadLetter(models.Model):
    # Celery's id: a task retried or redelivered keeps it, so one failure is one row however often
    # its end is reported.
    task_id = models.CharField(max_length=64, unique=True)
    task = models.CharField(max_length=200)  # e.g. "sotong.pipeline.record_process"
    record = models.ForeignKey(Record, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kwargs = models.JSONField(default=dict)  # what the task was sent with: enough to send it again
    error_type = models.CharField(max_length=200)
    error = models.TextField(blank=True)  # the exception's message, cut to ERROR_LIMIT characters
    attempts = models.PositiveIntegerField()  # runs that failed; 0 when the task could not even be sent
    failed_at = models.DateTimeField(db_index=True)
    retried_at = models.DateTimeField(null=True, blank=True)  # set when an officer sends it again
    retried_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-failed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} {self.kwargs} ({self.error_type})"
