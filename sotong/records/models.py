"""Record, File, ApprovalStep, InfoType: the restricted registry the pipeline works on.

Nothing here is public. The publication layer projects what may be shown; public code reads that.
"""

from __future__ import annotations

from django.db import models

from sotong.core.models import TimeStampedModel
from sotong.organizations.models import Department, Organization
from sotong.records.choices import (
    ApprovalRole,
    FileRole,
    FileState,
    Grade,
    Listing,
    MaskOrigin,
    MaskState,
    RecordState,
    ReviewState,
)


class InfoType(models.Model):
    """A kind of information (정보 유형); Seoul shows 31 on its portal. Configurable in the admin."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Record(TimeStampedModel):
    # Stable forever and unique across instances; other instances harvest by it.
    public_id = models.CharField(max_length=64, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="records")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    # The source system's own document id (package_id in Seoul's lists): the re-intake key.
    source_id = models.CharField(max_length=100, null=True, blank=True)
    # Re-intake key for documents whose source gives no id (see services.keys).
    content_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    source = models.CharField(max_length=100, help_text="how it came in: push:<token>, folder, list")

    title = models.CharField(max_length=1000)
    registration_number = models.CharField(max_length=200, blank=True, db_index=True)
    info_type = models.ForeignKey(InfoType, null=True, blank=True, on_delete=models.PROTECT)
    produced_on = models.DateField(null=True, blank=True, db_index=True)
    retention_period = models.CharField(max_length=20, blank=True)
    task_card = models.CharField(max_length=300, blank=True)
    writer = models.CharField(max_length=100, blank=True)
    category = models.CharField(max_length=200, blank=True)  # the source's own classification
    region = models.CharField(max_length=100, blank=True)  # 지역 the record concerns, where the source says

    # What the source (the approver) said. The decision below is what Sotong does with it.
    grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)
    grounds = models.JSONField(default=list, blank=True)  # list of Ground values
    reason = models.TextField(blank=True)
    opens_on = models.DateField(null=True, blank=True)

    # The decision in force, set by the decide stage or a reviewer (see sotong/pipeline/decisions.py).
    public_title = models.CharField(max_length=1000, blank=True)  # the title with its masks applied
    decided_listing = models.CharField(max_length=30, choices=Listing.choices, blank=True)
    decided_grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)
    decided_grounds = models.JSONField(default=list, blank=True)
    decided_reason = models.TextField(blank=True)
    decided_opens_on = models.DateField(null=True, blank=True, db_index=True)
    no_opening_reason = models.CharField(max_length=300, blank=True)  # why there is no opening date
    decision_basis = models.JSONField(default=list, blank=True)  # rule codes that led to the decision
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, blank=True, default=ReviewState.NONE, db_index=True
    )
    review_reasons = models.JSONField(default=list, blank=True)  # codes: why an official must look
    decision_version = models.PositiveIntegerField(default=0)  # rules revision the decision used

    original_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=50, blank=True)
    state = models.CharField(max_length=20, choices=RecordState.choices, default=RecordState.LISTED)
    extra = models.JSONField(default=dict, blank=True)  # source fields with no column of their own

    class Meta:
        ordering = ["-produced_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source_id"],
                condition=models.Q(source_id__isnull=False),
                name="unique_source_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.title}".strip()


class File(TimeStampedModel):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=20, choices=FileRole.choices, default=FileRole.BODY)
    order = models.PositiveIntegerField(default=0)
    original_name = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)  # the source's
    decided_grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)
    state = models.CharField(max_length=20, choices=FileState.choices, default=FileState.STORED)
    text = models.TextField(blank=True)
    converter = models.CharField(max_length=50, blank=True)
    error_code = models.CharField(max_length=50, blank=True)
    error_ko = models.TextField(blank=True)
    error_en = models.TextField(blank=True)
    # The public PDF (redacted or rendered, checked, signed) in the restricted rendered store until
    # published. ``public_pdf_key`` names what it was made from, so an unchanged file is not made again.
    public_pdf_key = models.CharField(max_length=64, blank=True)
    public_pdf_sha256 = models.CharField(max_length=64, blank=True)
    public_pdf_method = models.CharField(max_length=20, blank=True)
    public_pdf_previews = models.JSONField(default=list, blank=True)  # sha256 of each page's PNG
    public_pdf_page_texts = models.JSONField(default=list, blank=True)  # the public text of each page
    public_pdf_error_code = models.CharField(max_length=50, blank=True)
    public_pdf_error_ko = models.TextField(blank=True)
    public_pdf_error_en = models.TextField(blank=True)

    class Meta:
        ordering = ["record", "order"]

    def __str__(self) -> str:
        return self.original_name


class Mask(models.Model):
    """A span of a title (``file`` is null) or of a file's extracted text that the public must not see.

    Detector masks are recomputed whenever the text changes; officer and reviewer masks keep the
    quoted text and which occurrence, so they can be found again in a re-extracted text.
    """

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="masks")
    file = models.ForeignKey(File, null=True, blank=True, on_delete=models.CASCADE, related_name="masks")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=30)  # a detector kind (rrn, phone, …) or "marked"
    origin = models.CharField(max_length=10, choices=MaskOrigin.choices)
    state = models.CharField(max_length=10, choices=MaskState.choices, default=MaskState.MASKED)
    confidence = models.FloatField(default=1.0)
    detector = models.CharField(max_length=50, blank=True)
    quote = models.TextField(blank=True)  # the masked text itself: restricted, never public
    occurrence = models.PositiveIntegerField(default=0)  # which occurrence of quote; 0 = every one
    page = models.PositiveIntegerField(null=True, blank=True)  # PDF marks: page (1-based) and rectangle
    rect = models.JSONField(null=True, blank=True)
    created_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["record", "file", "start"]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end} ({self.get_state_display()})"

    @property
    def hides(self) -> bool:
        return self.state != MaskState.CLEARED


class ApprovalStep(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="approval_steps")
    order = models.PositiveIntegerField()
    role = models.CharField(max_length=10, choices=ApprovalRole.choices)
    position = models.CharField(max_length=100, help_text="직위, e.g. 정보화기획팀장")
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["record", "order"]

    def __str__(self) -> str:
        return f"{self.role} {self.position} {self.name}".strip()
