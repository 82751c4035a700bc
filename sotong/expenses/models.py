"""A published 업무추진비 (business expense) line: only public values are ever stored.

Place and purpose are public by the disclosure rules for these expenses; the attendees text went
through the personal-information detectors and is stored masked (``sotong.expenses.importer``).
"""

from __future__ import annotations

from django.db import models

from sotong.core.models import TimeStampedModel

DEPARTMENT_LEVELS = 5
DEPARTMENT_NAME_MAX = 200


class ExpenseLine(TimeStampedModel):
    """One line of a department's monthly disclosure (Seoul's ``expense_list``)."""

    # The source's disclosure page (one per department and month) and the line's place in it: the
    # n-th line spent at that minute. A re-import of the same file finds the line and updates it.
    source_nid = models.CharField(max_length=30)
    spent_at = models.DateTimeField()
    sequence = models.PositiveSmallIntegerField(default=1)
    source_url = models.CharField(max_length=500, blank=True)  # http(s) only, checked on import
    # The five-level department path; blanks only at the end (사업소 › 상수도사업본부 › … ).
    dept_level_1 = models.CharField(max_length=DEPARTMENT_NAME_MAX)
    dept_level_2 = models.CharField(max_length=DEPARTMENT_NAME_MAX, blank=True)
    dept_level_3 = models.CharField(max_length=DEPARTMENT_NAME_MAX, blank=True)
    dept_level_4 = models.CharField(max_length=DEPARTMENT_NAME_MAX, blank=True)
    dept_level_5 = models.CharField(max_length=DEPARTMENT_NAME_MAX, blank=True)
    unit_name = models.CharField(
        max_length=DEPARTMENT_NAME_MAX, blank=True
    )  # the spending unit (dept_nm_full)
    year = models.PositiveSmallIntegerField()  # the disclosure's year and month (exec_yr, exec_month)
    month = models.PositiveSmallIntegerField()
    place = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    attendees = models.TextField(blank=True)  # masked: never the source's text when it held personal data
    attendees_masked = models.BooleanField(default=False)
    payment_method = models.CharField(max_length=50, blank=True)
    amount = models.PositiveBigIntegerField()  # 원

    class Meta:
        ordering = ["-spent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_nid", "spent_at", "sequence"], name="unique_expense_line"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="expense_month_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["-spent_at", "-id"], name="expense_newest_first"),
            models.Index(fields=["year", "month"], name="expense_year_month"),
            models.Index(
                fields=["dept_level_1", "dept_level_2", "dept_level_3", "dept_level_4", "dept_level_5"],
                name="expense_department_path",
            ),
        ]

    def __str__(self) -> str:
        return f"{' › '.join(self.department_path)} {self.spent_at:%Y-%m-%d} {self.amount}원"

    @property
    def department_path(self) -> tuple[str, ...]:
        levels = (
            self.dept_level_1,
            self.dept_level_2,
            self.dept_level_3,
            self.dept_level_4,
            self.dept_level_5,
        )
        return tuple(name for name in levels if name)
