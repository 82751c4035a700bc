"""Run every detector over a text, drop what is public, and settle overlapping findings.

Each detector is a plain function ``text -> list[Finding]``. Digit-based detectors are skipped
when the text has no digit, which is most of what makes a title cost microseconds (detect() runs
on every row of a list import).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from .addresses import find_addresses
from .contacts import find_emails, find_phones
from .financial import find_bank_accounts, find_cards
from .findings import Finding
from .identity import find_driver_licences, find_health_insurance, find_passports, find_registration_numbers
from .names import find_names
from .public import PublicContacts
from .vehicles import find_vehicle_plates

Detector = Callable[[str], list[Finding]]
DIGIT_DETECTORS: tuple[Detector, ...] = (
    find_registration_numbers,
    find_passports,
    find_driver_licences,
    find_health_insurance,
    find_cards,
    find_bank_accounts,
    find_addresses,
    find_vehicle_plates,
)
# On equal confidence the more specific kind wins: a checksum or a fixed shape over a pattern.
_SPECIFICITY = {
    kind: rank
    for rank, kind in enumerate(
        (
            "rrn",
            "foreigner_rrn",
            "card",
            "driver_licence",
            "health_insurance",
            "passport",
            "bank_account",
            "phone",
            "email",
            "vehicle_plate",
            "address",
            "person_name",
        )
    )
}
_PUBLIC_DEFAULT = PublicContacts()


# Short texts (titles) are scanned twice on the way to publication: by the decision, then by the
# publication's last check. Findings are immutable, so the second scan of the same title is a lookup.
CACHED_TEXT_CHARS = 1000


def detect(text: str, *, public: PublicContacts = _PUBLIC_DEFAULT) -> list[Finding]:
    """All findings, sorted by start; overlapping findings resolved (keep the more specific/confident one)."""
    if len(text) <= CACHED_TEXT_CHARS:
        return list(_detect_short(text, public))
    return _detect(text, public)


@functools.lru_cache(maxsize=4096)
def _detect_short(text: str, public: PublicContacts) -> tuple[Finding, ...]:
    return tuple(_detect(text, public))


def _detect(text: str, public: PublicContacts) -> list[Finding]:
    findings: list[Finding] = []
    public_lines: set[int] = set()
    if any(char.isdigit() for char in text):
        for detector in DIGIT_DETECTORS:
            findings.extend(detector(text))
        for phone in find_phones(text):
            _keep_or_mark(text, phone, public.is_public_phone, findings, public_lines)
    if "@" in text:
        for email in find_emails(text):
            _keep_or_mark(text, email, public.is_public_email, findings, public_lines)
    findings.extend(_personal_names(text, public, public_lines))
    return resolve_overlaps(findings)


def _keep_or_mark(
    text: str,
    finding: Finding,
    is_public: Callable[[str], bool],
    findings: list[Finding],
    public_lines: set[int],
) -> None:
    if is_public(text[finding.start : finding.end]):
        public_lines.add(_line_of(text, finding.start))
    else:
        findings.append(finding)


def _personal_names(text: str, public: PublicContacts, public_lines: set[int]) -> list[Finding]:
    """Names, less the approval line's and those printed beside an official's work contact."""
    return [
        name
        for name in find_names(text)
        if text[name.start : name.end] not in public.names and _line_of(text, name.start) not in public_lines
    ]


def _line_of(text: str, index: int) -> int:
    """The offset where the line holding *index* starts: a cheap identity for "the same line"."""
    return text.rfind("\n", 0, index) + 1


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep the most confident of overlapping findings (then the more specific kind, then the longer)."""
    ranked = sorted(findings, key=lambda f: (-f.confidence, _SPECIFICITY[f.kind], f.start - f.end, f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= other.start or other.end <= finding.start for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end))


def mask_text(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Length-preserving: every character inside a span except whitespace becomes '*', so offsets stay valid (e.g. '국***어린이집')."""
    chars = list(text)
    for start, end in spans:
        for index in range(max(0, start), min(len(chars), end)):
            if not chars[index].isspace():
                chars[index] = "*"
    return "".join(chars)
