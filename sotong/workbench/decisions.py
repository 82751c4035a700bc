"""What a reviewer's decision must hold, stated once for the form and the services.

A withholding (부분공개, 비공개) is an administrative act the citizen may appeal: it must name its
grounds under 정보공개법 제9조 제1항, give a reason, and say when it may open or why it never will.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from sotong.core.errors import BilingualError
from sotong.records.choices import Grade, Listing
from sotong.workbench.errors import (
    GRADE_REQUIRED,
    GROUNDS_REQUIRED,
    OPENING_NOT_FUTURE,
    OPENING_REQUIRED,
    REASON_REQUIRED,
)

WITHHOLDING = (Grade.PARTIAL, Grade.WITHHELD)
# The two ways a reviewer lists a record: its content published as graded, or its metadata only.
LISTINGS = ((Listing.GRADED, gettext_lazy("원문 공개")), (Listing.OUT_OF_SCOPE, gettext_lazy("목록만 공개")))


@dataclass(frozen=True)
class DecisionInput:
    grade: str
    grounds: tuple[int, ...] = ()
    reason: str = ""
    opens_on: dt.date | None = None
    no_opening_reason: str = ""
    listing: str = Listing.GRADED


def decision_problems(decision: DecisionInput, *, today: dt.date) -> list[BilingualError]:
    """Every problem of ``decision``, each naming its form field; empty when it may stand."""
    if not decision.grade:
        return [BilingualError(GRADE_REQUIRED, field="grade")]
    if decision.grade not in WITHHOLDING:
        return []
    problems = []
    if not decision.grounds:
        problems.append(BilingualError(GROUNDS_REQUIRED, field="grounds"))
    if not decision.reason.strip():
        problems.append(BilingualError(REASON_REQUIRED, field="reason"))
    if decision.opens_on is not None and decision.opens_on <= today:
        problems.append(BilingualError(OPENING_NOT_FUTURE, field="opens_on"))
    elif decision.opens_on is None and not decision.no_opening_reason.strip():
        problems.append(BilingualError(OPENING_REQUIRED, field="no_opening_reason"))
    return problems
