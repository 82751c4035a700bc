"""The publication cycles of a 사전정보공표 item, with the Korean labels citizens and officers see.

The labels stay Korean here (the officers' workbench shows them as they are); they are marked for
translation, and the public pages translate them where they show them (``{% translate %}``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_noop


class Cycle(models.TextChoices):
    NOT_SET = "not_set", gettext_noop("미지정")  # imported and not yet set by an officer: no due date
    MONTHLY = "monthly", gettext_noop("매월")  # due a month after the last publication
    QUARTERLY = "quarterly", gettext_noop("분기별")  # due three months after it
    YEARLY = "yearly", gettext_noop("매년")  # due a year after it
    AD_HOC = "ad_hoc", gettext_noop("수시")  # published when something happens: never due
