"""Records a crash left half-way through the pipeline, and carrying them on.

The runner marks a record failed before it starts and succeeded last (``runner.record_process``),
and every stage is safe to run again (extraction only of stored files, decisions that replace their
masks, publication that upserts), so carrying on is running the record again. A record is
interrupted when it is still queued, or failed with a file not yet extracted, or failed although
no file failed.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from sotong.pipeline.queue import pipeline_enqueue
from sotong.records.choices import FileState, RecordState
from sotong.records.models import File, Record


def records_interrupted() -> QuerySet[Record]:
    files = File.objects.filter(record=OuterRef("pk"))
    return Record.objects.filter(
        Q(state=RecordState.QUEUED)
        | Q(state=RecordState.FAILED)
        & (Exists(files.filter(state=FileState.STORED)) | ~Exists(files.filter(state=FileState.FAILED)))
    )


def records_resume() -> int:
    """Hand every interrupted record to the pipeline again; returns how many."""
    ids = list(records_interrupted().order_by("pk").values_list("pk", flat=True))
    if ids:
        pipeline_enqueue(record_ids=ids)
    return len(ids)
