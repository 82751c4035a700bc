"""Records as the pipeline leaves them: stored, extracted, decided and published."""

from __future__ import annotations

import io
from pathlib import Path

from sotong.intake.services.documents import originals_store
from sotong.pipeline.decisions import records_decide
from sotong.pipeline.stages.publish import records_publish
from sotong.records.choices import FileState
from sotong.records.models import File, Record
from sotong.records.tests.factories import RecordFactory


def extracted_file(record: Record, text: str, *, name: str = "본문.txt", order: int = 0, **fields) -> File:
    stored = originals_store().put(io.BytesIO(text.encode()))
    return File.objects.create(
        record=record, order=order, original_name=name, mime_type="text/plain", sha256=stored.sha256,
        size=stored.size, state=FileState.EXTRACTED, text=text, converter="txt", **fields,
    )  # fmt: skip


def published_record(*, text: str | None = None, **fields) -> Record:
    """A record with one extracted file (unless ``text`` is None), decided by the rules and published,
    as the pipeline would leave it. Publishing indexes on commit: capture the callbacks to search it."""
    record: Record = RecordFactory(**fields)  # type: ignore[assignment]
    if text is not None:
        extracted_file(record, text)
    records_decide(records=[record], actor="test")
    records_publish(records=[record])
    record.refresh_from_db()
    return record


def stored_pdf_record(pdf: Path, *, text: str, **fields) -> Record:
    """A record whose one file is the PDF at ``pdf`` with its extracted ``text``, decided and published."""
    record: Record = RecordFactory(**fields)  # type: ignore[assignment]
    stored = originals_store().put(io.BytesIO(pdf.read_bytes()))
    File.objects.create(
        record=record, order=0, original_name=pdf.name, mime_type="application/pdf", sha256=stored.sha256,
        size=stored.size, state=FileState.EXTRACTED, text=text, converter="pdf",
    )  # fmt: skip
    records_decide(records=[record], actor="test")
    records_publish(records=[record])
    record.refresh_from_db()
    return record
