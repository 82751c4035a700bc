"""What the public may see of a record: written by the publish stage (our records) and by the
federation harvester (records of other Sotong instances, with their origin), read by every public
surface."""

from __future__ import annotations

from django.db import models


class PublishedRecord(models.Model):
    public_id = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=1000)
    registration_number = models.CharField(max_length=200, blank=True, db_index=True)
    organization = models.CharField(max_length=100, db_index=True)
    department = models.CharField(max_length=200, blank=True, db_index=True)
    department_path = models.CharField(max_length=1000, blank=True)
    info_type = models.CharField(max_length=100, blank=True, db_index=True)
    field = models.CharField(max_length=20, blank=True)  # 분야: the source's, else by department (fields.py)
    # The source's own classification (정책연구: 건설 …) and region, published as the source writes them.
    category = models.CharField(max_length=200, blank=True)
    region = models.CharField(max_length=100, blank=True)
    produced_on = models.DateField(null=True, blank=True, db_index=True)
    retention_period = models.CharField(max_length=20, blank=True)
    task_card = models.CharField(max_length=300, blank=True)
    grade = models.CharField(max_length=10, blank=True, db_index=True)  # "" = not known
    # graded / published_elsewhere / listed_only / out_of_scope / under_review
    listing = models.CharField(max_length=30)
    grounds = models.JSONField(default=list, blank=True)  # law items 1–8
    reason = models.TextField(blank=True)
    opens_on = models.DateField(null=True, blank=True)
    no_opening_reason = models.CharField(max_length=300, blank=True)  # why no opening date is given
    original_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=50, blank=True)
    approval_line = models.JSONField(default=list, blank=True)  # [{role, position, name}]
    body_text = models.TextField(blank=True)  # only ever the public text
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField()  # the changes feed (``/api/v1/changes``) follows it
    # Harvested from another Sotong instance (``sotong/federation``): the peer's name, the record's
    # page there, and its files as links to the peer ([{name, role, size, sha256, url}]): files are
    # never copied, and page previews stay on the peer. Empty for our own records.
    origin = models.CharField(max_length=100, blank=True, db_index=True)
    origin_url = models.URLField(max_length=500, blank=True)
    origin_files = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-produced_on", "-id"]
        indexes = [
            models.Index(fields=["updated_at", "id"], name="published_changes"),
            # The list's pages (``publication.listing``): newest first, whole or by organization or kind.
            models.Index(fields=["produced_on", "id"], name="published_list"),
            models.Index(fields=["organization", "produced_on", "id"], name="published_list_org"),
            models.Index(fields=["info_type", "produced_on", "id"], name="published_list_kind"),
            models.Index(fields=["field", "produced_on", "id"], name="published_list_field"),
            models.Index(fields=["department", "produced_on", "id"], name="published_list_dept"),
            # Related records (the same task card) and projects that follow task cards.
            models.Index(fields=["task_card", "produced_on", "id"], name="published_task_card"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int | None:
        return self.produced_on.year if self.produced_on else None


class PublishedFile(models.Model):
    """A file citizens may download: the public PDF made from an original (redacted or rendered,
    checked and signed), copied into the public store with its page previews. Never the original."""

    record = models.ForeignKey(PublishedRecord, on_delete=models.CASCADE, related_name="files")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=20)
    mime_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)  # the signed PDF's: `sotong verify` looks it up
    source_format = models.CharField(max_length=20, blank=True)  # the original's extension, e.g. "hwp"

    class Meta:
        ordering = ["record", "order"]

    def __str__(self) -> str:
        return self.name


class PublishedPage(models.Model):
    """One page of a public PDF: its preview image (PNG in the public store) and its public text."""

    file = models.ForeignKey(PublishedFile, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()  # 1-based
    image_sha256 = models.CharField(max_length=64, db_index=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["file", "number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="published_page_unique")]

    def __str__(self) -> str:
        return f"{self.file} p.{self.number}"
