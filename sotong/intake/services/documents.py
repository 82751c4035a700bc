"""Intake of one document with its files: the service the push API and the drop folder share."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, BinaryIO

from django.conf import settings
from django.db import transaction

from sotong.audit.services import audit_record
from sotong.core.faults import fault_point
from sotong.core.files import FileStore, StoredFile
from sotong.intake.errors import (
    FILE_NAME_UNSAFE,
    FILE_NOT_LISTED,
    FILE_NOT_SENT,
    FILE_TOO_LARGE,
    ORGANIZATION_NOT_ALLOWED,
    UNKNOWN_ORGANIZATION,
    IntakeError,
    ManifestErrors,
)
from sotong.intake.manifest import FileIn, Manifest
from sotong.organizations.models import Department, Organization
from sotong.organizations.services.units import UnitResolver
from sotong.pipeline.queue import pipeline_enqueue, pipeline_redecide
from sotong.records.choices import FileState, MaskOrigin, RecordState, ReviewState
from sotong.records.models import File, Mask, Record
from sotong.records.services.info_types import InfoTypeResolver
from sotong.records.services.records import ApprovalStepData, RecordData, record_upsert_many


@dataclass(frozen=True)
class Upload:
    name: str
    stream: BinaryIO | IO[bytes]


@dataclass(frozen=True)
class IntakeResult:
    record: Record
    outcome: str  # "created", "updated" or "unchanged"


def originals_store() -> FileStore:
    return FileStore(settings.SOTONG_ORIGINALS_DIR)


def _safe_name(name: str) -> bool:
    plain = PurePosixPath(name).name == name and PureWindowsPath(name).name == name
    return plain and name not in {"", ".", ".."} and "\x00" not in name


def _check_files(manifest: Manifest, uploads: Sequence[Upload]) -> list[IntakeError]:
    listed = {f.name for f in manifest.all_files()}
    sent = {u.name for u in uploads}
    errors = [
        IntakeError(FILE_NAME_UNSAFE, field="files", name=n)
        for n in sorted(listed | sent)
        if not _safe_name(n)
    ]
    errors += [IntakeError(FILE_NOT_SENT, field="files", name=n) for n in sorted(listed - sent)]
    errors += [IntakeError(FILE_NOT_LISTED, field="files", name=n) for n in sorted(sent - listed)]
    return errors


def _organization(manifest: Manifest, allowed: Organization | None) -> Organization:
    organization = Organization.objects.filter(name=manifest.organization).first()
    if organization is None:
        raise ManifestErrors(
            [IntakeError(UNKNOWN_ORGANIZATION, field="organization", name=manifest.organization)]
        )
    if allowed is not None and organization != allowed:
        raise ManifestErrors([IntakeError(ORGANIZATION_NOT_ALLOWED, field="organization",
                                          allowed=allowed.name, name=organization.name)])  # fmt: skip
    return organization


def _store(uploads: Sequence[Upload]) -> dict[str, StoredFile]:
    store, limit = originals_store(), settings.SOTONG_MAX_UPLOAD_BYTES
    stored: dict[str, StoredFile] = {}
    for upload in uploads:
        try:
            stored[upload.name] = store.put(upload.stream, max_bytes=limit)
        except ValueError as exc:
            error = IntakeError(FILE_TOO_LARGE, field="files", name=upload.name, limit_mb=limit // 2**20)
            raise ManifestErrors([error]) from exc
    return stored


def _department(manifest: Manifest, organization: Organization) -> Department | None:
    if not manifest.department:
        return None
    resolver = UnitResolver(organization)
    if manifest.bureau:
        return resolver.by_path([manifest.bureau, manifest.department])
    return resolver.by_name(manifest.department)


def _record_data(manifest: Manifest, organization: Organization, *, source: str, actor: str) -> RecordData:
    steps = [ApprovalStepData(role=s.role, position=s.position, name=s.name) for s in manifest.approval_line]
    steps += [ApprovalStepData(role="협조", position=c.position, name=c.name) for c in manifest.cooperation]
    extra = {k: v for k, v in (("policy_number", manifest.policy_number),
                                ("approved_on_precision", manifest.approved_on_precision)) if v}  # fmt: skip
    return RecordData(
        title=manifest.title,
        source=source,
        source_id=manifest.source_id,
        registration_number=manifest.registration_number or "",
        department=_department(manifest, organization),
        info_type=InfoTypeResolver(actor=actor).get(manifest.kind or "결재문서"),
        produced_on=manifest.approved_on,
        retention_period=manifest.retention_period or "",
        task_card=manifest.task_card or "",
        grade=manifest.disclosure or "",
        grounds=tuple(manifest.grounds),
        reason=manifest.reason or "",
        opens_on=manifest.opens_on,
        extra=extra,
        approval_line=tuple(steps),
    )


def _attach_files(record: Record, listed: list[FileIn], stored: dict[str, StoredFile]) -> bool:
    """Make the record's files exactly the listed ones; True when any needs extraction."""
    record.files.exclude(original_name__in=[f.name for f in listed]).delete()
    needs_work = False
    for order, item in enumerate(listed):
        content = stored[item.name]
        existing = record.files.filter(original_name=item.name).first()
        if existing is not None and existing.sha256 == content.sha256 and existing.state != FileState.STORED:
            File.objects.filter(pk=existing.pk).update(
                order=order, role=item.role, grade=item.disclosure or ""
            )
            continue
        needs_work = True
        File.objects.update_or_create(
            record=record, original_name=item.name,
            defaults={"order": order, "role": item.role, "grade": item.disclosure or "",
                      "sha256": content.sha256, "size": content.size, "state": FileState.STORED,
                      "mime_type": mimetypes.guess_type(item.name)[0] or "", "text": "",
                      "converter": "", "error_code": "", "error_ko": "", "error_en": ""},
        )  # fmt: skip
    return needs_work


def _mark_key(
    file_id: int | None, text: str, occurrence: int, page: int | None, rect: Sequence[float] | None
) -> tuple[object, ...]:
    return (file_id or 0, text, occurrence, page or 0, tuple(rect or ()))


def _replace_marks(record: Record, manifest: Manifest) -> bool:
    """Make the approver's marks exactly the manifest's; True when they changed. The decide stage
    finds them in the text (start and end stay 0 until then)."""
    files = {f.original_name: f for f in record.files.all()}
    wanted = [(None, mark) for mark in manifest.title_marks] + [
        (files[item.name], mark) for item in manifest.all_files() for mark in item.marks
    ]
    officer = record.masks.filter(origin=MaskOrigin.OFFICER)
    current = {_mark_key(m.file_id, m.quote, m.occurrence, m.page, m.rect) for m in officer}
    given = {_mark_key(f.pk if f else None, m.text, m.occurrence, m.page, m.rect) for f, m in wanted}
    if current == given:
        return False
    officer.delete()
    Mask.objects.bulk_create(
        Mask(record=record, file=file, start=0, end=0, kind="marked", origin=MaskOrigin.OFFICER,
             quote=mark.text, occurrence=mark.occurrence, page=mark.page, rect=mark.rect, created_by="source")
        for file, mark in wanted
    )  # fmt: skip
    return True


def document_intake(
    *,
    manifest: Manifest,
    uploads: Sequence[Upload],
    source: str,
    actor: str,
    allowed_organization: Organization | None = None,
) -> IntakeResult:
    """Store the originals, create or update the record, queue it for the pipeline.

    Every check runs before anything is written; the database part is one transaction.
    """
    organization = _organization(manifest, allowed_organization)
    if errors := _check_files(manifest, uploads):
        raise ManifestErrors(errors)
    stored = _store(uploads)
    fault_point("intake.after_originals")
    with transaction.atomic():
        data = _record_data(manifest, organization, source=source, actor=actor)
        result = record_upsert_many(organization=organization, items=[data], actor=actor)
        record = result.records()[0]
        files_changed = _attach_files(record, manifest.all_files(), stored)
        marks_changed = _replace_marks(record, manifest)
        if result.updated or files_changed or marks_changed:
            # The source changed the document: a reviewer's decision was about the old one.
            record.review_state, record.decision_basis = ReviewState.NONE, []
            record.save(update_fields=["review_state", "decision_basis", "updated_at"])
        if (result.created or result.updated or marks_changed) and not files_changed:
            pipeline_redecide(record_ids=[record.pk])  # same files: decide and publish again
        if files_changed:
            record.state = RecordState.QUEUED
            record.save(update_fields=["state", "updated_at"])
            audit_record(
                actor=actor, action="record.queued", target_type="record", target_id=record.public_id
            )
            transaction.on_commit(lambda: pipeline_enqueue(record_ids=[record.pk]))
    if result.created:
        outcome = "created"
    elif result.updated or files_changed or marks_changed:
        outcome = "updated"
    else:
        outcome = "unchanged"
    return IntakeResult(record=record, outcome=outcome)
