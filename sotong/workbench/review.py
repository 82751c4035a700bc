"""The record page's view of a record: the original beside the public version, for the title and
each file, built from the prefetched masks (no query per file)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext

from sotong.pipeline.stages.decide import REVIEW_REASONS
from sotong.records.choices import FileState
from sotong.records.models import File, Mask, Record
from sotong.workbench.highlight import Segment, kind_label, public_version, segments
from sotong.workbench.services import file_grade_default


@dataclass(frozen=True)
class MaskRow:
    mask: Mask
    kind: str
    found: bool


@dataclass(frozen=True)
class Part:
    """The title or one file."""

    name: str
    segments: list[Segment]
    public_text: str
    masks: list[MaskRow]
    file: File | None = None
    default_grade: str = ""

    @property
    def readable(self) -> bool:
        return self.file is None or self.file.state == FileState.EXTRACTED


@dataclass(frozen=True)
class RecordReview:
    title: Part
    files: list[Part]
    reasons: list[str]
    file_defaults: dict[int, str] = field(default_factory=dict)


def _rows(masks: list[Mask]) -> list[MaskRow]:
    return [MaskRow(mask=m, kind=kind_label(m.kind), found=m.end > m.start) for m in masks]


def review_reasons(codes: list[str]) -> list[str]:
    """Each reason in the page's language: the decide stage (Django-free) words every reason in
    Korean and English already, so the catalogue does not repeat them. An unknown code as it is."""
    half = 1 if (get_language() or "").startswith("en") else 0
    return [REVIEW_REASONS[code][half] if code in REVIEW_REASONS else code for code in codes]


def record_review(record: Record) -> RecordReview:
    masks = list(record.masks.all())
    title_masks = [m for m in masks if m.file_id is None]
    title = Part(
        name=gettext("제목"), segments=segments(record.title, title_masks),
        public_text=public_version(record.title, title_masks), masks=_rows(title_masks),
    )  # fmt: skip
    files = []
    for file in record.files.all():
        mine = [m for m in masks if m.file_id == file.pk]
        text = file.text if file.state == FileState.EXTRACTED else ""
        files.append(
            Part(
                name=file.original_name, segments=segments(text, mine), public_text=public_version(text, mine),
                masks=_rows(mine), file=file, default_grade=file_grade_default(record=record, file=file, masks=masks),
            )
        )  # fmt: skip
    return RecordReview(
        title=title,
        files=files,
        reasons=review_reasons(record.review_reasons),
        file_defaults={part.file.pk: part.default_grade for part in files if part.file is not None},
    )
