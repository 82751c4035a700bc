"""The kinds and states of a project, with the Korean labels citizens and officers see."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    POLICY = "policy", "서울의 정책"  # key city policies and projects of 10 billion won or more
    SOCIAL = "social", "사회적 관심사업"  # projects the press, the council or many requests ask about
    CONSTRUCTION = "construction", "건설사업"  # works the city builds


class Status(models.TextChoices):
    PLANNED = "planned", "계획"  # planned, not started
    ONGOING = "ongoing", "추진 중"  # under way
    DONE = "done", "완료"  # finished (for a service: built and in service)
    STOPPED = "stopped", "중단"  # stopped before it was finished
