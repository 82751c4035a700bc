"""The database work around the decide stage: gather a record's facts, run ``decide``, save the
decision and its masks, one audit event per call.

Every path that publishes decides first (the runner, list imports, re-intake, ``sotong redecide``,
``sotong publish-due``); ``records_publish_many`` refuses a record that was never decided. A record
an official has reviewed keeps the official's decision: the rules do not decide it again until the
source sends a changed document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, prefetch_related_objects

from sotong.audit.services import audit_record_values
from sotong.core import clock
from sotong.organizations.models import Organization
from sotong.pipeline.detectors import AUTO_MASK_KINDS, PublicContacts, detect, mask_text
from sotong.pipeline.stages.decide import (
    Decision,
    DecisionRules,
    FileFacts,
    MarkFacts,
    RecordFacts,
    decide,
)
from sotong.records.choices import ApprovalRole, FileState, MaskOrigin, ReviewState
from sotong.records.models import File, Mask, Record
from sotong.rules.selectors import rules_current

REDECIDE_BATCH = 1000
DECISION_FIELDS = [
    "public_title", "decided_listing", "decided_grade", "decided_grounds", "decided_reason",
    "decided_opens_on", "no_opening_reason", "decision_basis", "review_state", "review_reasons",
    "decision_version",
]  # fmt: skip


def public_contacts(organization: Organization, names: Iterable[str] = ()) -> PublicContacts:
    """What is not personal in a record: its organization's officials' work contacts and the names
    of its approval line (정책실명제)."""
    return PublicContacts.from_config(organization.official_contacts or {}, names=[n for n in names if n])


def masks_apply(text: str, masks: Iterable[Mask]) -> str:
    """``text`` as the public sees it: every placed mask that still hides something applied (a mark
    that matched nothing waits at 0–0 and hides nothing)."""
    return mask_text(text, [(m.start, m.end) for m in masks if m.hides and m.end > m.start])


def unmasked_kinds(
    text: str, *, public: PublicContacts, cleared: Collection[str], min_confidence: float
) -> list[str]:
    """The kinds of personal information ``text`` still shows that the rules would have masked: the
    last look before anything is published. Spans a reviewer cleared are not findings."""
    return [
        f.kind for f in detect(text, public=public)
        if f.kind in AUTO_MASK_KINDS and f.confidence >= min_confidence and text[f.start : f.end] not in cleared
    ]  # fmt: skip


def _marks(record: Record) -> tuple[MarkFacts, ...]:
    seen: dict[tuple[Any, ...], MarkFacts] = {}
    for mask in record.masks.all():
        if mask.origin == MaskOrigin.DETECTOR or not mask.hides:
            continue
        mark = MarkFacts(
            file_key=mask.file_id, quote=mask.quote, occurrence=mask.occurrence, origin=mask.origin,
            page=mask.page, rect=tuple(mask.rect) if mask.rect else None,
        )  # fmt: skip
        seen.setdefault((mark.file_key, mark.quote, mark.occurrence, mark.origin), mark)
    return tuple(seen.values())


def record_facts(record: Record) -> RecordFacts:
    steps = list(record.approval_steps.all()) if record.pk else []
    final = [s.position for s in steps if s.role == ApprovalRole.APPROVAL]
    files = list(record.files.all()) if record.pk else []
    return RecordFacts(
        title=record.title,
        kind=record.info_type.name if record.info_type else "",
        grade=record.grade,
        grounds=tuple(record.grounds),
        reason=record.reason,
        opens_on=record.opens_on,
        produced_on=record.produced_on,
        task_card=record.task_card,
        original_url=record.original_url,
        final_approver=final[-1] if final else None,
        has_content=bool(files),
        files=tuple(
            FileFacts(
                key=f.pk,
                name=f.original_name,
                grade=f.grade,
                text=f.text,
                readable=f.state == FileState.EXTRACTED,
                converter=f.converter,
            )
            for f in files
        ),
        marks=_marks(record) if record.pk else (),
    )


def _apply(record: Record, decision: Decision, rules: DecisionRules) -> None:
    record.public_title = decision.public_title
    record.decided_listing = decision.listing
    record.decided_grade = decision.grade
    record.decided_grounds = list(decision.grounds)
    record.decided_reason = decision.reason
    record.decided_opens_on = decision.opens_on
    record.no_opening_reason = decision.no_opening_reason
    record.decision_basis = list(decision.basis)
    record.review_state = ReviewState.PENDING if decision.needs_review else ReviewState.NONE
    record.review_reasons = list(decision.review_reasons)
    record.decision_version = rules.fingerprint


REVIEWER_BASIS = ["reviewer"]  # set by the workbench when an official changes or approves a decision


def _official_decides(record: Record) -> bool:
    """An official approved the decision, or changed it and has not approved yet: the rules keep out."""
    return record.review_state == ReviewState.DONE or record.decision_basis == REVIEWER_BASIS


def _prefetched(records: Sequence[Record]) -> None:
    saved = [r for r in records if r.pk is not None]
    prefetch_related_objects(
        saved, "approval_steps", "files", Prefetch("masks", queryset=Mask.objects.order_by("id"))
    )


def records_decide_in_memory(
    records: Sequence[Record], *, rules: DecisionRules | None = None, today: dt.date | None = None
) -> list[tuple[Record, Decision]]:
    """Decide and set the decision fields on the records, unsaved (list imports insert them so).
    Records an official has reviewed are left alone."""
    rules = rules or rules_current()
    today = today or clock.today()
    _prefetched(records)
    contacts: dict[int, PublicContacts] = {}
    decided = []
    for record in records:
        if _official_decides(record):
            continue
        if record.pk is None:  # new: no approval line or marks yet (list rows carry none)
            public = contacts.setdefault(record.organization_id, public_contacts(record.organization))
        else:
            public = public_contacts(record.organization, (s.name for s in record.approval_steps.all()))
        decision = decide(record_facts(record), rules=rules, public=public, today=today)
        _apply(record, decision, rules)
        decided.append((record, decision))
    return decided


def masks_write(decided: Iterable[tuple[Record, Decision]]) -> None:
    """Replace the records' masks with their decisions' spans. Marks that matched nothing stay, at
    0–0, so the approver's statement is not lost and the record stays in review."""
    decided = [(record, decision) for record, decision in decided if record.pk is not None]
    if not decided:
        return
    ids = [record.pk for record, _ in decided]
    keep_unfound: list[Mask] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        masks = list(Mask.objects.filter(record_id__in=chunk))
        keep_unfound += [m for m in masks if m.origin != MaskOrigin.DETECTOR]
        if masks:  # new records (most of a list import) have none: spare the delete
            Mask.objects.filter(pk__in=[m.pk for m in masks]).delete()
    found = {(s.file_key, s.quote, s.occurrence, s.origin) for _, d in decided for s in d.spans}
    new = [
        Mask(record_id=m.record_id, file_id=m.file_id, start=0, end=0, kind=m.kind, origin=m.origin, state=m.state,
             quote=m.quote, occurrence=m.occurrence, page=m.page, rect=m.rect, created_by=m.created_by)
        for m in keep_unfound
        if (m.file_id, m.quote, m.occurrence, m.origin) not in found
    ]  # fmt: skip
    for record, decision in decided:
        new += [
            Mask(record_id=record.pk, file_id=s.file_key, start=s.start, end=s.end, kind=s.kind,
                 origin=s.origin, state=s.state, confidence=s.confidence, detector=s.detector,
                 quote=s.quote, occurrence=s.occurrence, page=s.page, rect=list(s.rect) if s.rect else None,
                 created_by="pipeline" if s.origin == MaskOrigin.DETECTOR else "")
            for s in decision.spans
        ]  # fmt: skip
    Mask.objects.bulk_create(new, batch_size=500)
    for record, _ in decided:  # a prefetched list of masks is stale now
        getattr(record, "_prefetched_objects_cache", {}).pop("masks", None)


def _file_grades_write(decided: Sequence[tuple[Record, Decision]]) -> None:
    changed = []
    for record, decision in decided:
        if not decision.file_grades:  # no files (a list row): spare the query
            continue
        for file in record.files.all():
            grade = decision.file_grades.get(file.pk, "")
            if file.decided_grade != grade:
                file.decided_grade = grade
                changed.append(file)
    File.objects.bulk_update(changed, ["decided_grade"], batch_size=500)


def records_decide(
    *, records: Sequence[Record], actor: str, today: dt.date | None = None
) -> list[tuple[Record, Decision]]:
    """Decide the records and save the decisions, masks and file grades, with one audit event."""
    with transaction.atomic():
        decided = records_decide_in_memory(records, today=today)
        Record.objects.bulk_update([r for r, _ in decided], DECISION_FIELDS, batch_size=500)
        decisions_save(decided, actor=actor)
    return decided


def decisions_save(decided: Sequence[tuple[Record, Decision]], *, actor: str) -> None:
    """What goes with decisions already set on saved records: their masks, their files' grades and
    one audit event."""
    masks_write(decided)
    _file_grades_write(decided)
    _decisions_audit(decided, actor=actor)


def _decisions_audit(decided: Iterable[tuple[Record, Decision]], *, actor: str) -> None:
    audit_record_values(
        actor=actor,
        events=(
            ("record.decided", "record", r.public_id,
             {"listing": d.listing, "grade": d.grade, "grounds": list(d.grounds), "basis": list(d.basis),
              "review": list(d.review_reasons), "masks": len(d.spans)})
            for r, d in decided
        ),
    )  # fmt: skip


def records_stale(*, fingerprint: int) -> Q:
    """Records decided under other rules (or never), that the rules may decide again."""
    return (
        ~Q(decision_version=fingerprint)
        & ~Q(review_state=ReviewState.DONE)
        & ~Q(decision_basis=REVIEWER_BASIS)
    )


def records_due(*, today: dt.date) -> Q:
    """Withheld records whose opening date has come."""
    return Q(decided_opens_on__lte=today)


def records_redecide(
    *, where: Q, actor: str, today: dt.date | None = None, progress: Callable[[int], object] | None = None
) -> int:
    """Decide again, publish and index every record matching ``where``, a batch at a time (memory
    stays bounded on a million records). Returns how many were decided."""
    from sotong.pipeline.stages.publish import records_publish_many
    from sotong.search.indexer import search_index_publications

    rules = rules_current()
    total, last = 0, 0
    records = Record.objects.filter(where).select_related("organization", "department", "info_type")
    while batch := list(records.filter(pk__gt=last).order_by("pk")[:REDECIDE_BATCH]):
        last = batch[-1].pk
        with transaction.atomic():
            decided = records_decide_in_memory(batch, rules=rules, today=today)
            Record.objects.bulk_update([r for r, _ in decided], DECISION_FIELDS, batch_size=500)
            decisions_save(decided, actor=actor)
            changed = [item.public_id for item in records_publish_many(records=[r for r, _ in decided])]
        search_index_publications(public_ids=changed)
        total += len(decided)
        if progress is not None:
            progress(len(batch))
    return total


def records_open_due(*, actor: str, today: dt.date | None = None) -> int:
    """Open every withheld record whose opening date has come (the scheduled job)."""
    today = today or clock.today()
    # A reviewer's withholding ends on its date too: the rules decide the record from then on.
    Record.objects.filter(records_due(today=today)).filter(
        Q(review_state=ReviewState.DONE) | Q(decision_basis=REVIEWER_BASIS)
    ).update(review_state=ReviewState.NONE, decision_basis=[])
    return records_redecide(where=records_due(today=today), actor=actor, today=today)
