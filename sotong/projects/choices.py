"""The kinds and states of a project, with the Korean labels citizens and officers see."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    POLICY = "policy", _("서울의 정책")  # key city policies and projects of 10 billion won or more
    SOCIAL = "social", _("사회적 관심사업")  # projects the press, the council or many requests ask about
    CONSTRUCTION = "construction", _("건설사업")  # works the city builds


class Status(models.TextChoices):
    PLANNED = "planned", _("계획")  # planned, not started
    ONGOING = "ongoing", _("추진 중")  # under way
    DONE = "done", _("완료")  # finished (for a service: built and in service)
    STOPPED = "stopped", _("중단")  # stopped before it was finished
