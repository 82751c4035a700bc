"""The disclosure rules a disclosure officer edits: which approved documents are published in full,
which tasks are excluded, how each kind of information is treated, when a finding is trusted.

The decide stage reads them as plain data (``selectors.rules_current``); a change to any rule
changes their fingerprint, and every record decided under the old rules is decided again.
"""

from __future__ import annotations

from django.db import models

from sotong.records.models import InfoType


class Rank(models.Model):
    """A position in an approval line (주무관 … 시장), lowest level first."""

    name = models.CharField(max_length=50, unique=True)
    level = models.PositiveIntegerField(unique=True)

    class Meta:
        ordering = ["level"]
        verbose_name = verbose_name_plural = "직급"

    def __str__(self) -> str:
        return self.name


class RankAlias(models.Model):
    """Another title of the same rank (담당관 = 과장, 단장 = 국장 …)."""

    alias = models.CharField(max_length=50, unique=True)
    rank = models.ForeignKey(Rank, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        ordering = ["alias"]
        verbose_name = verbose_name_plural = "직급 별칭"

    def __str__(self) -> str:
        return f"{self.alias} = {self.rank}"


class PublishingScope(models.Model):
    """From ``effective_from`` on, approved documents (결재문서) whose final approver holds at least
    ``min_rank`` are published in full; the others are listed only. Seoul: 국장 이상 in 2013, 과장
    이상 from 2014."""

    effective_from = models.DateField(unique=True)
    min_rank = models.ForeignKey(Rank, on_delete=models.PROTECT)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["effective_from"]
        verbose_name = verbose_name_plural = "결재문서 공개 범위"

    def __str__(self) -> str:
        return f"{self.effective_from:%Y-%m-%d}부터 {self.min_rank} 이상"


class ExcludedTask(models.Model):
    """A word of a task card (단위과제) whose documents are administrative support, listed only
    (직원 복무, 인사발령, 교육훈련, 일상경비 지출 …). Compared without spaces."""

    word = models.CharField(max_length=100, unique=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["word"]
        verbose_name = verbose_name_plural = "공개 제외 업무"

    def __str__(self) -> str:
        return self.word


class KindAction(models.TextChoices):
    FOLLOW_SOURCE = "follow_source", "원 기관의 공개 구분에 따름"
    LIST_ONLY = "list_only", "목록만 공개"
    REVIEW = "review", "담당자 검토 후 공개"


class KindRule(models.Model):
    """How records of one kind of information are treated; kinds without a rule follow the source."""

    info_type = models.OneToOneField(InfoType, on_delete=models.CASCADE, related_name="rule")
    action = models.CharField(max_length=20, choices=KindAction.choices, default=KindAction.FOLLOW_SOURCE)

    class Meta:
        verbose_name = verbose_name_plural = "정보 유형별 기준"

    def __str__(self) -> str:
        return f"{self.info_type}: {self.get_action_display()}"


class DetectionSetting(models.Model):
    """One row: how sure a detector must be for its finding to be masked without review."""

    min_confidence = models.FloatField(default=0.8)
    approval_kind = models.CharField(
        max_length=100,
        default="결재문서",
        help_text="the kind of information the publishing scope applies to",
    )

    class Meta:
        verbose_name = verbose_name_plural = "탐지 기준"

    def __str__(self) -> str:
        return f"자동 가림 신뢰도 {self.min_confidence:.2f} 이상"
