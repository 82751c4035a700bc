"""The publication cycles of a 사전정보공표 item, with the Korean labels citizens and officers see."""

from __future__ import annotations

from django.db import models


class Cycle(models.TextChoices):
    NOT_SET = "not_set", "미지정"  # imported and not yet set by an officer: no due date
    MONTHLY = "monthly", "매월"  # due a month after the last publication
    QUARTERLY = "quarterly", "분기별"  # due three months after it
    YEARLY = "yearly", "매년"  # due a year after it
    AD_HOC = "ad_hoc", "수시"  # published when something happens: never due
