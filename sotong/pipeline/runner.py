"""The pipeline's ordered stage list and the database work around it (STYLE 6).

Stages are plain functions over plain data; the runner loads the record, runs each stage on each
file, and saves. A record is marked failed first and succeeded last, so a crash leaves it failed,
not half-done. Per file: extraction (``STAGES``); then per record: the decision (detection,
grade, masks: ``decisions.records_decide``) and publication, which first makes the public PDF of
every shown file (``public_pdfs.py``: redacted or rendered, checked, signed).
"""

from __future__ import annotations

import logging

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.core.faults import fault_point
from sotong.intake.services.documents import originals_store
from sotong.pipeline.converters.errors import ExtractionError
from sotong.pipeline.converters.registry import extract_text
from sotong.pipeline.decisions import records_decide
from sotong.pipeline.stages.publish import records_publish
from sotong.records.choices import FileState, RecordState
from sotong.records.models import File, Record

log = logging.getLogger(__name__)

ACTOR = "pipeline"


def file_extract(file: File) -> None:
    """Extract one file's text, or record why it could not be read. Never raises on bad input."""
    path = originals_store().path(file.sha256)
    try:
        extracted = extract_text(path, filename=file.original_name, mime_type=file.mime_type or None)
    except ExtractionError as error:
        file.state, file.text, file.converter = FileState.FAILED, "", ""
        file.error_code, file.error_ko, file.error_en = (
            error.code,
            error.message_ko,
            error.message_en,
        )
        log.info("extraction failed for file %s: %s", file.pk, error.code)
    else:
        file.state, file.text, file.converter = (
            FileState.EXTRACTED,
            extracted.text,
            extracted.converter,
        )
        file.error_code = file.error_ko = file.error_en = ""
    file.save(
        update_fields=[
            "state",
            "text",
            "converter",
            "error_code",
            "error_ko",
            "error_en",
            "updated_at",
        ]
    )


STAGES = [file_extract]


def _locked(record_id: int) -> Record:
    """The record, read afresh and locked until the transaction ends. Workers deliver a task at least
    once (decision 0009): two runs for one record decide and publish one after the other, the second
    over the first, never side by side (which could leave two sets of published files)."""
    records = Record.objects.select_for_update(of=("self",))
    return records.select_related("organization", "department", "info_type").get(pk=record_id)


def record_process(*, record_id: int) -> Record:
    Record.objects.filter(pk=record_id).update(state=RecordState.FAILED)
    record = Record.objects.get(pk=record_id)
    for file in record.files.filter(state=FileState.STORED):
        for stage in STAGES:
            stage(file)
        fault_point("pipeline.between_files")
    failed = record.files.filter(state=FileState.FAILED).count()
    with transaction.atomic():
        record = _locked(record_id)
        record.state = RecordState.FAILED if failed else RecordState.EXTRACTED
        record.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=ACTOR, action="record.extracted", target_type="record", target_id=record.public_id,
            data={"failed_files": failed},
        )  # fmt: skip
        records_decide(records=[record], actor=ACTOR)
        records_publish(records=[record])
    return record


def record_redecide(*, record_id: int) -> Record:
    with transaction.atomic():
        record = _locked(record_id)
        records_decide(records=[record], actor=ACTOR)
        records_publish(records=[record])
    return record
