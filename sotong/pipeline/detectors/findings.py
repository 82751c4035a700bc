"""What a detector reports, and which kinds the pipeline masks without asking anyone."""

from __future__ import annotations

from dataclasses import dataclass

KINDS: tuple[str, ...] = (
    "rrn",
    "foreigner_rrn",
    "passport",
    "driver_licence",
    "phone",
    "email",
    "card",
    "bank_account",
    "health_insurance",
    "address",
    "vehicle_plate",
    "person_name",
)
# A name is found from its context only, so a reviewer confirms it; every other kind has a
# shape (and often a checksum) that makes masking it safe without a person looking.
AUTO_MASK_KINDS: frozenset[str] = frozenset(KINDS) - {"person_name"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One span of personal information; ``start``/``end`` are ``str`` indexes, end exclusive."""

    kind: str
    start: int
    end: int
    confidence: float
    detector: str
