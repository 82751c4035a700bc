"""Payment-card and bank-account numbers.

Cards: 13-19 digits in groups (4-4-4-4, 4-6-5 for Amex, 4-6-4 for Diners, 4-4-4-4-3 …) that pass
the Luhn check. Digits written together (``378813824895791``, ``법인카드(36984285819374)``) count
when they pass Luhn and start with an issuer prefix of their length: 16 digits with 3-6 or 9 (JCB,
Visa, Master, the domestic BC/local networks), 15 with 34/37 (Amex), 14 with 30/36/38 (Diners).
By shape alone that is 0.7, left to a reviewer; after 카드 or card within 20 characters it is 0.9.

Bank accounts have no checksum, so the pattern is each bank's grouping: 6-2-6 (국민, 농협,
우체국), 3-3-6 (신한, 케이뱅크), 3-2-6 (SC제일, 신한 old), 4-3-6 (우리), 3-6-5 and 3-6-3 (하나,
씨티), 3-4-4-2 (농협, 부산), 3-6-2-3 (기업), 4-2-7 (카카오뱅크), 3-2-4-3 (국민 old). Dates
(4-2-2), phones (3-4-4) and document numbers (과-1234) have other shapes. A context word (계좌,
예금주, 입금, a bank's name) within 30 characters before raises confidence, and with one,
10-14 digits written together count too.
"""

from __future__ import annotations

import re

from .findings import Finding
from .identity import BUSINESS_LABEL

_NOT_AFTER_NUMBER = r"(?<![\d])(?<![\d][-.])"
_NOT_BEFORE_NUMBER = r"(?![\d]|[-.]\d)"
_CARD = re.compile(
    _NOT_AFTER_NUMBER
    + r"(?:\d{4}(?P<sep>[- ])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,4}(?:(?P=sep)\d{3})?|\d{4}[- ]\d{6}[- ]\d{4,5})"
    + _NOT_BEFORE_NUMBER
)
_QUICK_CARD = re.compile(r"\d{4}[- ]?\d{4}")
_CARD_BARE = re.compile(_NOT_AFTER_NUMBER + r"(?:[3-69]\d{15}|3[47]\d{13}|3[068]\d{12})" + _NOT_BEFORE_NUMBER)
_CARD_CONTEXT = re.compile(r"카드|[Cc]ard|CARD")
_CARD_CONTEXT_WINDOW = 20

_ACCOUNT_SHAPES = (
    (r"\d{6}-\d{2}-\d{6}", 0.85),
    (r"\d{3}-\d{6}-\d{2}-\d{3}", 0.85),
    (r"\d{4}-\d{2}-\d{7}", 0.85),
    (r"\d{3}-\d{4}-\d{4}-\d{2}", 0.8),
    (r"\d{3}-\d{2}-\d{4}-\d{3}", 0.75),
    (r"\d{3}-\d{6}-\d{5}", 0.8),
    (r"\d{4}-\d{3}-\d{6}", 0.8),
    (r"\d{3}-\d{3}-\d{6}", 0.75),
    (r"\d{3}-\d{2}-\d{6}", 0.7),
    (r"\d{3}-\d{6}-\d{3}", 0.7),
)
_ACCOUNT = re.compile(
    _NOT_AFTER_NUMBER
    + "(?:"
    + "|".join(f"(?P<s{i}>{shape})" for i, (shape, _) in enumerate(_ACCOUNT_SHAPES))
    + "|(?P<bare>\\d{10,14})"
    + ")"
    + _NOT_BEFORE_NUMBER
)
_BANKS = (
    "국민|신한|우리|하나|농협|기업|외환|SC제일|제일|씨티|시티|카카오뱅크|케이뱅크|토스뱅크|우체국|새마을금고"
    "|신협|수협|산업|부산|대구|경남|광주|전북|제주|IBK|KB|NH"
)
_ACCOUNT_CONTEXT = re.compile(rf"계좌|예금주|입금|통장|은행|{_BANKS}")
_CONTEXT_WINDOW = 30


def find_cards(text: str) -> list[Finding]:
    findings: list[Finding] = []
    if not _QUICK_CARD.search(text):
        return findings
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match[0])
        if 13 <= len(digits) <= 19 and _luhn(digits):
            findings.append(Finding("card", match.start(), match.end(), 0.95, "card.luhn"))
    for match in _CARD_BARE.finditer(text):
        if _luhn(match[0]):
            start = match.start()
            context = _CARD_CONTEXT.search(text, max(0, start - _CARD_CONTEXT_WINDOW), start)
            confidence, detector = (0.9, "card.context") if context else (0.7, "card.luhn_bare")
            findings.append(Finding("card", start, match.end(), confidence, detector))
    return findings


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def find_bank_accounts(text: str) -> list[Finding]:
    findings: list[Finding] = []
    if "-" not in text and not _ACCOUNT_CONTEXT.search(text):
        return findings  # every shape has hyphens; bare digits need a context word
    for match in _ACCOUNT.finditer(text):
        has_context = bool(
            _ACCOUNT_CONTEXT.search(text, max(0, match.start() - _CONTEXT_WINDOW), match.start())
        )
        if match["bare"]:
            if has_context and not BUSINESS_LABEL.search(text, max(0, match.start() - 24), match.start()):
                findings.append(
                    Finding("bank_account", match.start(), match.end(), 0.8, "bank_account.context")
                )
            continue
        shape_confidence = _ACCOUNT_SHAPES[int(str(match.lastgroup)[1:])][1]
        confidence, detector = (
            (0.95, "bank_account.context") if has_context else (shape_confidence, "bank_account.format")
        )
        findings.append(Finding("bank_account", match.start(), match.end(), confidence, detector))
    return findings
