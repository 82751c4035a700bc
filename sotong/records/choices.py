"""Enumerations of the records domain, with the Korean labels citizens and officials see.

The labels stay Korean (code and the audit log read them as they are); ``gettext_noop`` marks those
the workbench shows, and its templates translate them where they show them (the ``term`` filter)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_noop

# The vocabulary of disclosure is shared with public code; re-exported for the records domain.
from sotong.core.disclosure import Grade as Grade
from sotong.core.disclosure import Ground as Ground


class Listing(models.TextChoices):
    """How a record without a grade of our own appears on the list of everything produced."""

    GRADED = "graded", gettext_noop("공개 여부 결정됨")  # a grade is set (by the source or the engine)
    # The source published the original.
    PUBLISHED_ELSEWHERE = "published_elsewhere", gettext_noop("원문 공개(외부)")
    LISTED_ONLY = "listed_only", gettext_noop("공개 여부 미확인 — 목록만 공개")  # a citizen may request it
    # The publishing rules exclude it.
    OUT_OF_SCOPE = "out_of_scope", gettext_noop("원문 공개 대상 아님 — 목록만 공개")
    # Waiting for an official's review.
    UNDER_REVIEW = "under_review", gettext_noop("공개 여부 검토 중 — 목록만 공개")


class ApprovalRole(models.TextChoices):
    DRAFT = "기안", gettext_noop("기안")  # the official who drafted it
    REVIEW = "검토", gettext_noop("검토")  # reviewers on the line
    COOPERATION = "협조", gettext_noop("협조")  # other departments consulted
    APPROVAL = "결재", gettext_noop("결재")  # the final approver


class RecordState(models.TextChoices):
    LISTED = "listed", "목록 등록"  # metadata only (from a list import): nothing to process
    QUEUED = "queued", "처리 대기"  # originals stored, waiting for the pipeline
    EXTRACTED = "extracted", "본문 추출 완료"  # text extracted from every readable file
    FAILED = "failed", "처리 실패"  # a stage failed; see the files' errors


class FileRole(models.TextChoices):
    BODY = "body", gettext_noop("본문")
    ATTACHMENT = "attachment", gettext_noop("첨부")


class FileState(models.TextChoices):
    STORED = "stored", gettext_noop("저장됨")
    EXTRACTED = "extracted", gettext_noop("추출됨")
    FAILED = "failed", gettext_noop("추출 실패")


class ReviewState(models.TextChoices):
    NONE = "", gettext_noop("검토 불필요")  # the rules decided it
    # An official must decide before anything beyond metadata shows.
    PENDING = "pending", gettext_noop("검토 대기")
    DONE = "done", gettext_noop("검토 완료")  # an official decided; the rules do not override it


class MaskOrigin(models.TextChoices):
    DETECTOR = "detector", gettext_noop("자동 탐지")
    # Marked non-public by the approver in the sending system.
    OFFICER = "officer", gettext_noop("결재권자 지정")
    REVIEWER = "reviewer", gettext_noop("검토자 지정")


class MaskState(models.TextChoices):
    MASKED = "masked", gettext_noop("가림")
    FLAGGED = "flagged", gettext_noop("검토 필요(가림 유지)")  # e.g. a name: hidden until a reviewer decides
    CLEARED = "cleared", gettext_noop("가림 해제")  # a reviewer found it is not personal


RETENTION_PERIODS = ["1년", "3년", "5년", "10년", "20년", "30년", "준영구", "영구"]
