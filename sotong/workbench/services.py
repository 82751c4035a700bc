"""Writes of the workbench: a reviewer's masks, decision and approval. Each change is one audit event
in the same transaction, with the values before and after (STYLE 5).

Nothing here reaches the public until ``record_approve``: it marks the review done (the rules no
longer decide the record), then publishes the record as the reviewer left it. The audit data never
holds the masked text itself: the log is kept forever, and the text may be personal information.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.core import clock
from sotong.core.errors import BilingualError
from sotong.pipeline.decisions import REVIEWER_BASIS, masks_apply
from sotong.pipeline.stages.decide import MarkFacts, resolve_mark
from sotong.pipeline.stages.publish import records_publish
from sotong.records.choices import FileState, Grade, Listing, MaskOrigin, MaskState, ReviewState
from sotong.records.models import File, Mask, Record
from sotong.workbench.decisions import WITHHOLDING, DecisionInput, decision_problems
from sotong.workbench.errors import (
    FILE_GRADE_INVALID,
    MASK_ALREADY_HIDDEN,
    MASK_QUOTE_EMPTY,
    MASK_QUOTE_NOT_FOUND,
    MASK_TARGET_UNREADABLE,
)

MARKED = "marked"  # the kind of a mask someone named by its text


def _audit(*, actor: str, action: str, record: Record, data: dict[str, Any]) -> None:
    audit_record(actor=actor, action=action, target_type="record", target_id=record.public_id, data=data)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _short(quote: str) -> str:
    return quote if len(quote) <= 40 else quote[:40] + "…"


def _where(file: File | None) -> dict[str, str]:
    return {"where": "제목", "where_en": "the title"} if file is None else {
        "where": f"'{file.original_name}'", "where_en": f"'{file.original_name}'"
    }  # fmt: skip


def _target_text(record: Record, file: File | None) -> str:
    if file is None:
        return record.title
    if file.state != FileState.EXTRACTED:
        raise BilingualError(MASK_TARGET_UNREADABLE, field="target", name=file.original_name)
    return file.text


def mask_add(*, record: Record, file: File | None, quote: str, occurrence: int, actor: str) -> list[Mask]:
    """Mask ``quote`` in the title (``file`` None) or a file's text: its ``occurrence``-th time
    (1-based), or every time (0). A quote that is not there is an error, never a silent no-op."""
    if not quote:
        raise BilingualError(MASK_QUOTE_EMPTY, field="quote")
    mark = MarkFacts(
        file_key=file.pk if file else None, quote=quote, occurrence=occurrence, origin=MaskOrigin.REVIEWER
    )
    spans = resolve_mark(_target_text(record, file), mark)
    if not spans:
        nth = (f" ({occurrence}번째)", f" (occurrence {occurrence})") if occurrence else ("", "")
        raise BilingualError(
            MASK_QUOTE_NOT_FOUND,
            field="quote",
            quote=_short(quote),
            nth=nth[0],
            nth_en=nth[1],
            **_where(file),
        )
    with transaction.atomic():
        hiding = Mask.objects.filter(record=record, file=file).exclude(state=MaskState.CLEARED)
        hidden = set(hiding.values_list("start", "end"))
        masks = [
            Mask(record=record, file=file, start=span.start, end=span.end, kind=MARKED, origin=MaskOrigin.REVIEWER,
                 state=MaskState.MASKED, quote=quote, occurrence=occurrence, created_by=actor)
            for span in spans
            if (span.start, span.end) not in hidden
        ]  # fmt: skip
        if not masks:
            raise BilingualError(MASK_ALREADY_HIDDEN, field="quote", quote=_short(quote))
        masks = Mask.objects.bulk_create(masks)
        _audit(
            actor=actor, action="mask.added", record=record,
            data={"file": file.original_name if file else None, "occurrence": occurrence, "length": len(quote),
                  "spans": [[m.start, m.end] for m in masks], "before": None, "after": MaskState.MASKED},
        )  # fmt: skip
    return masks


def _mask_state_set(*, record: Record, mask: Mask, state: str, action: str, actor: str) -> Mask:
    before = mask.state
    if before == state:
        return mask
    with transaction.atomic():
        mask.state = state
        mask.save(update_fields=["state"])
        _audit(
            actor=actor, action=action, record=record,
            data={"mask": mask.pk, "file": mask.file.original_name if mask.file else None, "kind": mask.kind,
                  "origin": mask.origin, "span": [mask.start, mask.end], "before": before, "after": state},
        )  # fmt: skip
    return mask


def mask_clear(*, record: Record, mask: Mask, actor: str) -> Mask:
    """The reviewer finds the span is not to be hidden: shown once the record is approved."""
    return _mask_state_set(
        record=record, mask=mask, state=MaskState.CLEARED, action="mask.cleared", actor=actor
    )


def mask_restore(*, record: Record, mask: Mask, actor: str) -> Mask:
    """Hide a span again (a flagged one, once restored, is confirmed as hidden)."""
    return _mask_state_set(
        record=record, mask=mask, state=MaskState.MASKED, action="mask.restored", actor=actor
    )


def _decision_values(record: Record, decision: DecisionInput) -> dict[str, Any]:
    withholding = decision.grade in WITHHOLDING
    listing = decision.listing
    if listing == Listing.GRADED and record.decided_listing == Listing.UNDER_REVIEW:
        listing = Listing.UNDER_REVIEW  # content shows only once approved (record_approve lists it)
    return {
        "decided_grade": decision.grade,
        "decided_grounds": sorted(set(decision.grounds)) if withholding else [],
        "decided_reason": decision.reason.strip() if withholding else "",
        "decided_opens_on": decision.opens_on if withholding else None,
        "no_opening_reason": decision.no_opening_reason.strip()
        if withholding and not decision.opens_on
        else "",
        "decided_listing": listing,
        "decision_basis": REVIEWER_BASIS,
    }


def decision_change(
    *, record: Record, decision: DecisionInput, actor: str, today: dt.date | None = None
) -> Record:
    """Set the reviewer's decision. The public sees it once the record is approved."""
    problems = decision_problems(decision, today=today or clock.today())
    if problems:
        raise problems[0]
    values = _decision_values(record, decision)
    before = {name: _plain(getattr(record, name)) for name in values}
    changed = [name for name, value in values.items() if before[name] != _plain(value)]
    if not changed:
        return record
    with transaction.atomic():
        for name in changed:
            setattr(record, name, values[name])
        record.save(update_fields=[*changed, "updated_at"])
        _audit(
            actor=actor, action="record.decision_changed", record=record,
            data={"before": {n: before[n] for n in changed}, "after": {n: _plain(values[n]) for n in changed}},
        )  # fmt: skip
    return record


def record_decision(record: Record) -> DecisionInput:
    """The decision in force, as the form and the checks take it."""
    return DecisionInput(
        grade=record.decided_grade,
        grounds=tuple(record.decided_grounds),
        reason=record.decided_reason,
        opens_on=record.decided_opens_on,
        no_opening_reason=record.no_opening_reason,
        listing=Listing.OUT_OF_SCOPE if record.decided_listing == Listing.OUT_OF_SCOPE else Listing.GRADED,
    )


def file_grade_default(*, record: Record, file: File, masks: Sequence[Mask]) -> str:
    """비공개 when the record is, when the source withheld the file, when nobody could read it (so no
    detector checked it) or when a span marked in it was not found; 부분공개 when something in it is
    masked; else 공개."""
    mine = [m for m in masks if m.file_id == file.pk and m.hides]
    if (
        record.decided_grade == Grade.WITHHELD
        or file.grade == Grade.WITHHELD
        or file.state != FileState.EXTRACTED
        or any(m.end <= m.start for m in mine)
    ):
        return Grade.WITHHELD
    return Grade.PARTIAL if mine else Grade.PUBLIC


def _file_grades(
    record: Record, files: Sequence[File], masks: Sequence[Mask], chosen: Mapping[int, str]
) -> dict[int, str]:
    grades = {}
    for file in files:
        grade = chosen.get(file.pk) or file_grade_default(record=record, file=file, masks=masks)
        if grade not in Grade.values:
            raise BilingualError(
                FILE_GRADE_INVALID, field=f"file_{file.pk}", name=file.original_name, grade=grade
            )
        grades[file.pk] = grade
    return grades


def record_approve(
    *, record: Record, file_grades: Mapping[int, str], actor: str, today: dt.date | None = None
) -> Record:
    """The review is done: the masked title is recomputed from the title's masks, every file gets
    its grade (``file_grades`` where the reviewer chose one, else ``file_grade_default``), the rules
    no longer decide the record, and it is published as it now stands."""
    problems = decision_problems(record_decision(record), today=today or clock.today())
    if problems:
        raise problems[0]
    masks = list(Mask.objects.filter(record=record))
    files = list(File.objects.filter(record=record))
    grades = _file_grades(record, files, masks, file_grades)
    fields = ["decided_listing", "review_state", "review_reasons", "decision_basis", "public_title"]
    before = {name: getattr(record, name) for name in fields}
    with transaction.atomic():
        record.decided_listing = (
            Listing.OUT_OF_SCOPE if record.decided_listing == Listing.OUT_OF_SCOPE else Listing.GRADED
        )
        record.review_state = ReviewState.DONE
        record.review_reasons = []
        record.decision_basis = REVIEWER_BASIS
        record.public_title = masks_apply(record.title, [m for m in masks if m.file_id is None])
        record.save(update_fields=[*fields, "updated_at"])
        changed = [f for f in files if f.decided_grade != grades[f.pk]]
        file_changes = {f.original_name: [f.decided_grade, grades[f.pk]] for f in changed}
        for file in changed:
            file.decided_grade = grades[file.pk]
        File.objects.bulk_update(changed, ["decided_grade"])
        _audit(
            actor=actor, action="record.approved", record=record,
            data={"before": before, "after": {name: getattr(record, name) for name in fields},
                  "grade": record.decided_grade, "files": file_changes},
        )  # fmt: skip
        fresh = Record.objects.select_related("organization", "department", "info_type").get(pk=record.pk)
        records_publish(records=[fresh])
    return record
