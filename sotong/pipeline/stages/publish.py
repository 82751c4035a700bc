"""Publish: decide what of a record may be shown and write only that into the publication layer.

Until the disclosure engine exists the rule is deliberately narrow:
- a record the source grades 공개: metadata, approval line, the text of every file and the files;
- anything else (부분공개, 비공개, grade not known): metadata only — title, numbers, department,
  dates, grade or "listed only", grounds, reason, opening date. Never text, never files.
The engine will later re-scan everything published here, titles included.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from sotong.intake.services.documents import originals_store
from sotong.publication.services import PublicationData, PublicFileData, publication_upsert_many
from sotong.records.choices import FileState, Grade
from sotong.records.models import File, Record
from sotong.search.indexer import search_index_publications


def _body_text(files: Sequence[File]) -> str:
    return "\n\n".join(f.text for f in files if f.state == FileState.EXTRACTED and f.text)


def _public_files(files: Sequence[File]) -> tuple[PublicFileData, ...]:
    store = originals_store()
    return tuple(
        PublicFileData(name=f.original_name, role=f.role, mime_type=f.mime_type, source=store.path(f.sha256))
        for f in files
        if f.grade in ("", Grade.PUBLIC)
    )


def publication_data(record: Record) -> PublicationData:
    """The whole decision of what is public, in one place."""
    department = record.department
    is_public = record.grade == Grade.PUBLIC
    files = list(record.files.all()) if is_public else []
    return PublicationData(
        public_id=record.public_id,
        title=record.title,
        organization=record.organization.name,
        listing=record.listing,
        registration_number=record.registration_number,
        department=department.name if department else "",
        department_path=" > ".join(department.path()) if department else "",
        info_type=record.info_type.name if record.info_type else "",
        produced_on=record.produced_on,
        retention_period=record.retention_period,
        task_card=record.task_card,
        grade=record.grade,
        grounds=tuple(record.grounds),
        reason=record.reason,
        opens_on=record.opens_on,
        original_url=record.original_url,
        licence=record.licence,
        approval_line=tuple(
            {"role": s.role, "position": s.position, "name": s.name} for s in record.approval_steps.all()
        )
        if is_public
        else (),
        body_text=_body_text(files),
        files=_public_files(files),
    )


def records_publish_many(*, records: Sequence[Record]) -> list[PublicationData]:
    """Publish the given records and return what changed, as written: bulk callers build their
    search documents from it (``search_document``) instead of reading the publications back, and
    index them themselves."""
    items = [publication_data(record) for record in records]
    changed = set(publication_upsert_many(items=items))
    return [item for item in items if item.public_id in changed]


def records_publish(*, records: Sequence[Record]) -> list[str]:
    """Publish the given records and index what changed once the transaction commits."""
    changed = [item.public_id for item in records_publish_many(records=records)]
    if changed:
        transaction.on_commit(lambda: search_index_publications(public_ids=changed))
    return changed
