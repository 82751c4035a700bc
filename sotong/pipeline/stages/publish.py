"""Publish: write into the publication layer exactly what the decision allows, nothing else.

- Every record: its metadata with the masked title (``public_title``), its listing, grade,
  grounds, reason, opening date or why there is none. The list of everything produced (정보목록)
  and search show it, whatever the grade (정보공개법 제8조).
- A record decided 공개 or 부분공개 and listed as graded (in scope, not under review): the approval
  line and the text of its shown files with every mask applied.
- Each shown file as its public PDF (``public_pdfs.py``: redacted or rendered, checked, signed) with
  page previews; a record whose PDF could not be made safely was sent to review before this runs.
A record never decided raises: every path decides before it publishes (``pipeline/decisions.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django.db import transaction

from sotong.core.faults import fault_point
from sotong.pipeline.decisions import masks_apply, public_contacts, unmasked_kinds
from sotong.pipeline.detectors import PublicContacts
from sotong.pipeline.public_pdfs import records_public_pdfs, rendered_store
from sotong.pipeline.stages.decide import GRADED
from sotong.publication.fields import field_map_path, field_of
from sotong.publication.models import PublishedFile
from sotong.publication.services import PublicationData, PublicFileData, publication_upsert_many
from sotong.records.choices import FileState, Grade, MaskState
from sotong.records.models import ApprovalStep, File, Mask, Record
from sotong.rules.selectors import rules_current
from sotong.search.indexer import search_index_publications

# Metadata published as the source writes it, never masked (titles and texts are decided and masked
# instead): the last look scans it, and list intake refuses a row showing personal information in it.
PUBLISHED_AS_IS = ("category", "region", "task_card", "department")

SHOWN = (Grade.PUBLIC, Grade.PARTIAL)


class UndecidedRecordError(RuntimeError):
    """A record reached publication without a decision: a bug in the calling path, never shown."""


class PublicationLeakError(RuntimeError):
    """What was about to be published still holds personal information: a bug, never shown."""


def _content_shown(record: Record) -> bool:
    return record.decided_listing == GRADED and record.decided_grade in SHOWN


def _shown_files(record: Record) -> list[File]:
    if not _content_shown(record):
        return []
    return [f for f in record.files.all() if f.decided_grade in SHOWN]


def _body_text(files: Sequence[File], masks: Sequence[Mask]) -> str:
    return "\n\n".join(
        masks_apply(f.text, [m for m in masks if m.file_id == f.pk])
        for f in files
        if f.state == FileState.EXTRACTED and f.text
    )


def _public_files(files: Sequence[File]) -> tuple[PublicFileData, ...]:
    """Each shown file's public PDF; never the original, whose metadata and layers are not public."""
    store = rendered_store()
    return tuple(
        PublicFileData(
            name=f"{PurePath(f.original_name).stem or 'document'}.pdf",
            role=f.role,
            mime_type="application/pdf",
            source=store.path(f.public_pdf_sha256),
            source_format=PurePath(f.original_name).suffix[1:].lower(),
            previews=tuple(store.path(sha256) for sha256 in f.public_pdf_previews),
            page_texts=tuple(f.public_pdf_page_texts),
        )
        for f in files
        if f.public_pdf_sha256 and not f.public_pdf_error_code
    )


def publication_data(record: Record) -> PublicationData:
    """The whole decision of what is public, in one place."""
    if not record.decided_listing:
        raise UndecidedRecordError(f"record {record.pk} was never decided")
    department = record.department
    files = _shown_files(record)
    # Read afresh: a prefetched list may predate the decision that just replaced the masks.
    masks = list(Mask.objects.filter(record_id=record.pk)) if files else []
    return PublicationData(
        public_id=record.public_id,
        title=record.public_title,
        organization=record.organization.name,
        listing=record.decided_listing,
        registration_number=record.registration_number,
        department=department.name if department else "",
        department_path=" > ".join(department.path()) if department else "",
        info_type=record.info_type.name if record.info_type else "",
        # The source's own field (정책연구, 사전정보공표 lists) in the portal's ten; else by department.
        field=field_of(record.category, path=field_map_path()) if record.category else "",
        category=record.category,
        region=record.region,
        produced_on=record.produced_on,
        retention_period=record.retention_period,
        task_card=record.task_card,
        grade=record.decided_grade,
        grounds=tuple(record.decided_grounds),
        reason=record.decided_reason,
        opens_on=record.decided_opens_on,
        no_opening_reason=record.no_opening_reason,
        original_url=record.original_url,
        licence=record.licence,
        approval_line=tuple(
            {"role": s.role, "position": s.position, "name": s.name} for s in record.approval_steps.all()
        )
        if _content_shown(record)
        else (),
        body_text=_body_text(files, masks),
        files=_public_files(files),
    )


def leak_context(records: Sequence[Record]) -> dict[int, tuple[PublicContacts, set[str]]]:
    """For each record, what may appear although it looks personal: officials' contacts, the
    approvers' names, and the spans a reviewer cleared."""
    ids = [record.pk for record in records]
    cleared: dict[int, set[str]] = {}
    names: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for record_id, quote in Mask.objects.filter(record_id__in=chunk, state=MaskState.CLEARED).values_list(
            "record_id", "quote"
        ):
            cleared.setdefault(record_id, set()).add(quote)
        for record_id, name in ApprovalStep.objects.filter(record_id__in=chunk).values_list(
            "record_id", "name"
        ):
            names.setdefault(record_id, []).append(name)
    contacts: dict[tuple[int, tuple[str, ...]], PublicContacts] = {}
    context = {}
    for record in records:
        key = (record.organization_id, tuple(names.get(record.pk, ())))
        if key not in contacts:
            contacts[key] = public_contacts(record.organization, key[1])
        context[record.pk] = (contacts[key], cleared.get(record.pk, set()))
    return context


def _leak_guard(records: Sequence[Record], items: Sequence[PublicationData]) -> None:
    """Fail closed: scan what is about to be published once more, as a last line of defence against
    a mask lost on the way (a stale cache, a bug). Any identifier the rules would have masked raises;
    nothing of the batch is written."""
    min_confidence = rules_current().min_confidence
    context = leak_context(records)
    for record, item in zip(records, items, strict=True):
        public, cleared = context[record.pk]
        page_texts = [text for file in item.files for text in file.page_texts]
        metadata = (getattr(item, name) for name in PUBLISHED_AS_IS)
        for text in filter(None, (item.title, *metadata, item.body_text, *page_texts)):
            leaked = unmasked_kinds(text, public=public, cleared=cleared, min_confidence=min_confidence)
            if leaked:
                raise PublicationLeakError(
                    f"record {record.pk}: unmasked {sorted(set(leaked))} — not published"
                )


def records_publish_many(*, records: Sequence[Record]) -> list[PublicationData]:
    """Publish the given records and return what changed, as written: bulk callers build their
    search documents from it (``search_document``) instead of reading the publications back, and
    index them themselves."""
    records_public_pdfs(records=records, actor="pipeline")
    fault_point("publish.after_public_pdfs")
    items = [publication_data(record) for record in records]
    _leak_guard(records, items)
    changed = set(publication_upsert_many(items=items))
    return [item for item in items if item.public_id in changed]


def records_publish(*, records: Sequence[Record]) -> list[str]:
    """Publish the given records and index what changed once the transaction commits."""
    changed = [item.public_id for item in records_publish_many(records=records)]
    if changed:
        transaction.on_commit(lambda: _index(changed))
    return changed


def _index(public_ids: list[str]) -> None:
    fault_point("publish.before_indexing")
    search_index_publications(public_ids=public_ids)


def records_republish_legacy_files(*, batch_size: int = 200) -> int:
    """Publish again, without deciding again, every record whose published files predate public PDFs
    (copies of originals, which have no page previews): once, after an upgrade. Reviewed decisions
    stay as they are. Returns how many records were published again."""
    public_ids = list(
        PublishedFile.objects.filter(pages__isnull=True)
        .values_list("record__public_id", flat=True)
        .distinct()
    )
    for start in range(0, len(public_ids), batch_size):
        chunk = public_ids[start : start + batch_size]
        with transaction.atomic():
            records = list(
                Record.objects.filter(public_id__in=chunk)
                .select_related("organization", "department", "info_type")
                .prefetch_related("files", "approval_steps")
            )
            records_publish(records=records)
    return len(public_ids)
