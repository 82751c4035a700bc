"""The public PDFs of the files a decision shows: made once per input, kept in the restricted
rendered store until publication copies them out, and a veto when one cannot be made safely.

A file whose public PDF fails (a span that cannot be located, a checker hit, an encrypted or broken
file) keeps the reason on the file (Korean and English, for the workbench) and sends its record to
review (``public_pdf_failed``): the record is then listed with its masked title only, and nothing of
its content is published until an official decides.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from sotong.audit.services import audit_record_values
from sotong.core.files import FileStore
from sotong.intake.services.documents import originals_store
from sotong.pipeline.decisions import masks_apply
from sotong.pipeline.pdfs.errors import PublicPdfError
from sotong.pipeline.pdfs.make import public_pdf_key, public_pdf_make
from sotong.pipeline.stages.decide import GRADED, UNDER_REVIEW
from sotong.records.choices import FileState, Grade, ReviewState
from sotong.records.models import File, Mask, Record
from sotong.seal.keys import SigningIdentity, signing_identity_ensure

log = logging.getLogger(__name__)

SHOWN = (Grade.PUBLIC, Grade.PARTIAL)
PDF_FAILED = "public_pdf_failed"
_FILE_FIELDS = [
    "public_pdf_key", "public_pdf_sha256", "public_pdf_method", "public_pdf_previews",
    "public_pdf_page_texts", "public_pdf_error_code", "public_pdf_error_ko", "public_pdf_error_en",
]  # fmt: skip


def rendered_store() -> FileStore:
    return FileStore(settings.SOTONG_RENDERED_DIR)


@functools.cache
def _identity(key_path: str, cert_path: str, instance: str) -> SigningIdentity:
    return signing_identity_ensure(
        Path(key_path), Path(cert_path), common_name=f"Sotong {instance}", organization=instance
    )


def signing_identity() -> SigningIdentity:
    """This instance's signing key and certificate, generated on first use."""
    return _identity(
        str(settings.SOTONG_SIGNING_KEY), str(settings.SOTONG_SIGNING_CERT), settings.SOTONG_INSTANCE_ID
    )


def shown_files(record: Record) -> list[File]:
    """The files whose content a record's decision shows, and so needs public PDFs of."""
    if record.decided_listing != GRADED or record.decided_grade not in SHOWN:
        return []
    return [f for f in record.files.all() if f.decided_grade in SHOWN and f.state == FileState.EXTRACTED]


def _masked_quotes(record: Record, masks: Sequence[Mask]) -> list[str]:
    """Every string of the record the public must not see: the title's and every file's."""
    texts: dict[int | None, str] = {None: record.title, **{f.pk: f.text for f in record.files.all()}}
    quotes = {texts.get(m.file_id, "")[m.start : m.end] for m in masks if m.hides and m.end > m.start}
    return sorted(q for q in quotes if q.strip())


def _make(file: File, *, record: Record, masks: Sequence[Mask], masked: Sequence[str]) -> bool:
    """Bring ``file``'s public PDF up to date; False when it cannot be made safely."""
    text = masks_apply(file.text, [m for m in masks if m.file_id == file.pk])
    key = public_pdf_key(
        source_sha256=file.sha256,
        converter=file.converter,
        text=text,
        masked=masked,
        title=record.public_title,
    )
    store = rendered_store()
    if file.public_pdf_key == key and (
        file.public_pdf_error_code or store.path(file.public_pdf_sha256).exists()
    ):
        return not file.public_pdf_error_code
    file.public_pdf_key = key
    try:
        sealed = public_pdf_make(
            originals_store().path(file.sha256).read_bytes(), converter=file.converter, text=text,
            masked=masked, title=record.public_title, identity=signing_identity(),
        )  # fmt: skip
    except PublicPdfError as error:
        log.info("public PDF refused for file %s: %s", file.pk, error.code)
        file.public_pdf_sha256, file.public_pdf_method = "", ""
        file.public_pdf_previews, file.public_pdf_page_texts = [], []
        file.public_pdf_error_code, file.public_pdf_error_ko, file.public_pdf_error_en = (
            error.code, error.message_ko, error.message_en,
        )  # fmt: skip
        return False
    file.public_pdf_sha256 = store.put(io.BytesIO(sealed.content)).sha256
    file.public_pdf_method = sealed.method
    file.public_pdf_previews = [store.put(io.BytesIO(png)).sha256 for png in sealed.previews]
    file.public_pdf_page_texts = list(sealed.page_texts)
    file.public_pdf_error_code = file.public_pdf_error_ko = file.public_pdf_error_en = ""
    return True


def records_public_pdfs(*, records: Sequence[Record], actor: str) -> list[Record]:
    """Make the public PDFs the records' decisions need; send a record whose PDF fails to review.
    Returns the records sent to review."""
    vetoed: dict[Record, list[int]] = {}  # record → its files that failed
    changed: list[File] = []
    for record in records:
        files = shown_files(record)
        if not files:
            continue
        masks = list(Mask.objects.filter(record_id=record.pk))
        masked = _masked_quotes(record, masks)
        for file in files:
            before = file.public_pdf_key
            if not _make(file, record=record, masks=masks, masked=masked):
                vetoed.setdefault(record, []).append(file.pk)
            if file.public_pdf_key != before:
                changed.append(file)
    File.objects.bulk_update(changed, _FILE_FIELDS, batch_size=200)
    for record in vetoed:
        record.decided_listing = UNDER_REVIEW
        record.review_state = ReviewState.PENDING
        record.review_reasons = list(dict.fromkeys([*record.review_reasons, PDF_FAILED]))
    Record.objects.bulk_update(vetoed, ["decided_listing", "review_state", "review_reasons"], batch_size=200)
    audit_record_values(
        actor=actor,
        events=(
            ("record.public_pdf_refused", "record", r.public_id,
             {"files": file_ids})
            for r, file_ids in vetoed.items()
        ),
    )  # fmt: skip
    return list(vetoed)
