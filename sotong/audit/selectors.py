"""Reading the audit log: ``audit_chain_verify`` walks the hash chain and says where it breaks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import router, transaction

from sotong.audit.chain import GENESIS, canonical_json, event_hash
from sotong.audit.models import AuditChainHead, AuditEvent
from sotong.core.errors import Message

# A chunk is read whole: memory is bounded by CHUNK_SIZE times the largest event (a batch event of a
# 1,000-row list-import batch holds ~110 kB).
CHUNK_SIZE = 500

CHAIN_INTACT = Message(
    "audit_chain_intact",
    "감사 기록 {count}건, 해시 체인 정상",
    "{count} audit events, hash chain intact",
)
# What a break means and what to do is the same for all of them: the database was written behind the
# application's back. The chain itself is never "repaired": that would hide the change.
_AFTER_A_BREAK_KO = "데이터베이스가 애플리케이션 밖에서 변경되었습니다. 백업과 비교해 경위를 조사하십시오"
_AFTER_A_BREAK_EN = (
    "the database was changed outside the application: compare it with a backup and investigate"
)
EVENT_CHANGED = Message(
    "audit_event_changed",
    "감사 기록 #{event_id}의 내용이 해시와 맞지 않습니다(기록 후 수정됨). " + _AFTER_A_BREAK_KO,
    "audit event #{event_id}: its contents no longer match its hash (changed after it was written); "
    + _AFTER_A_BREAK_EN,
)
LINK_BROKEN = Message(
    "audit_link_broken",
    "감사 기록 #{event_id}의 prev_hash가 앞 기록({previous})의 해시와 다릅니다(그 사이 기록 삭제·삽입 "
    "또는 순서 변경). " + _AFTER_A_BREAK_KO,
    "audit event #{event_id}: its prev_hash is not the hash of the event before it ({previous}); an "
    "event was removed or inserted between them, or events were reordered; " + _AFTER_A_BREAK_EN,
)
HEAD_MISMATCH = Message(
    "audit_head_mismatch",
    "체인 머리(마지막 기록 #{head_id})가 실제 마지막 기록({last})과 다릅니다(끝의 기록 삭제 또는 "
    "서비스 밖에서 추가). " + _AFTER_A_BREAK_KO,
    "the chain head (last event #{head_id}) does not match the last event ({last}); events at the end "
    "were removed, or added outside sotong.audit.services; " + _AFTER_A_BREAK_EN,
)


@dataclass(frozen=True)
class ChainReport:
    events: int  # events checked
    broken_at: int | None = None  # id of the first bad event; None if intact or only the head is off
    problem: Message | None = None
    message_ko: str = ""
    message_en: str = ""

    @property
    def intact(self) -> bool:
        return self.problem is None


class _Walk:
    """The chain so far: each event must link to ``prev_hash`` and hash to its own ``hash``."""

    def __init__(self, alias: str, chunk_size: int, progress: Callable[[int], object] | None) -> None:
        self.alias, self.chunk_size, self.progress = alias, chunk_size, progress
        self.count, self.last_id, self.prev_hash = 0, 0, GENESIS

    def on(self) -> ChainReport | None:
        """Check every event after the last one checked; a report if one is bad."""
        events = AuditEvent.objects.using(self.alias).order_by("id")
        fields = ("id", "occurred_at", "actor", "action", "target_type", "target_id", "data", "prev_hash")
        while chunk := list(
            events.filter(id__gt=self.last_id).values_list(*fields, "hash")[: self.chunk_size]
        ):
            for event_id, occurred_at, actor, action, target_type, target_id, data, prev, stored in chunk:
                if prev != self.prev_hash:
                    previous = f"#{self.last_id}" if self.count else "start of chain"
                    return self.report(LINK_BROKEN, event_id=event_id, previous=previous)
                computed = event_hash(
                    prev_hash=prev,
                    occurred_at=occurred_at,
                    actor=actor,
                    action=action,
                    target_type=target_type,
                    target_id=target_id,
                    data_json=canonical_json(data),
                )
                if computed != stored:
                    return self.report(EVENT_CHANGED, event_id=event_id)
                self.count, self.last_id, self.prev_hash = self.count + 1, event_id, stored
            if self.progress is not None:
                self.progress(self.count)
        return None

    def report(self, problem: Message, *, event_id: int | None = None, **fields: object) -> ChainReport:
        ko, en = problem.format(event_id=event_id, **fields)
        return ChainReport(self.count, broken_at=event_id, problem=problem, message_ko=ko, message_en=en)

    def head_report(self, head: AuditChainHead | None) -> ChainReport:
        head_id, head_hash = (head.last_event_id, head.hash) if head else (None, GENESIS)
        if (head_id, head_hash) != ((self.last_id or None), self.prev_hash):
            last = f"#{self.last_id}" if self.count else "none"
            return self.report(HEAD_MISMATCH, head_id=head_id or "-", last=last)
        ko, en = CHAIN_INTACT.format(count=f"{self.count:,}")
        return ChainReport(self.count, message_ko=ko, message_en=en)


def audit_chain_verify(
    *, chunk_size: int = CHUNK_SIZE, progress: Callable[[int], object] | None = None
) -> ChainReport:
    """Recompute every hash in id order and check each link, then the head; the first break wins.

    The long walk runs outside a transaction, so writers go on. The events written meanwhile and the
    head are then read under the head's lock, so the head compared is the one those events left.
    ``progress`` is called after each chunk with the number of events checked so far.
    """
    alias = router.db_for_write(AuditEvent)  # the head is locked where it is written
    walk = _Walk(alias, chunk_size, progress)
    broken = walk.on()
    if broken is not None:
        return broken
    with transaction.atomic(using=alias):
        head = AuditChainHead.objects.using(alias).select_for_update().filter(pk=1).first()
        return walk.on() or walk.head_report(head)
