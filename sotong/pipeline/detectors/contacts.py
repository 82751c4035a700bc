"""Phone numbers and e-mail addresses.

Phones: mobiles (010, 011, 016-019), Seoul (02) and the other area codes (031-064), 070 and the
050x personal numbers, written with ``-``, ``.``, spaces, ``02)`` or nothing between the groups,
and the international ``+82`` forms. A bracketed area code (``(02) 7889-1486``) is found with its
bracket; a number that merely sits in brackets (``(010-1234-5678)``) is found without it. Mobile
digits written together (``01069492777``, ``0119465744``) are a phone even in a table cell next to
a bank's name: no Korean bank numbers accounts from 010/011/016-019. Business numbers (1588-1234 and the like) have no area
code and are a company's, not a person's, so the pattern does not take them. Whether a number is
an official's work number (public) is decided by the caller against ``PublicContacts``.
"""

from __future__ import annotations

import re

from .findings import Finding

_AREA = r"01[016789]|02|0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])|070|050[2-8]"
_AREA_INTERNATIONAL = r"1[016789]|2|(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])|70|50[2-8]"
_SEP_AFTER_AREA = r"(?:[ \t]*[-.)][ \t]*|[ \t]+)"
_SEP = r"(?:[ \t]*[-.][ \t]*|[ \t]+)"
_NOT_AFTER_NUMBER = r"(?<![\d+])(?<![\d][-.])"
_NOT_BEFORE_NUMBER = r"(?![\d]|[-.]\d)"
_PHONE = re.compile(
    _NOT_AFTER_NUMBER
    + "(?:"
    + rf"\+82[ \t-]*(?:\(0\)[ \t]*)?(?P<intl>{_AREA_INTERNATIONAL}){_SEP_AFTER_AREA}?\d{{3,4}}{_SEP}?\d{{4}}"
    + rf"|\(?(?P<area>{_AREA}){_SEP_AFTER_AREA}\d{{3,4}}{_SEP}\d{{4}}"
    + r"|(?P<bare>01[016789]\d{7,8}|(?P<bare_landline>(?:02|0[3-6]\d|070)\d{7,8}))"
    + ")"
    + _NOT_BEFORE_NUMBER
)
_PHONE_CONTEXT = re.compile(r"전화|연락처|휴대|핸드폰|팩스|[Tt][Ee][Ll]|☎|TEL|[Pp]hone|H\.?P")
_CONTEXT_WINDOW = 20
# ASCII-only boundaries: in Korean prose a particle follows the address directly
# (``hong@naver.com로``, ``kim@snu.ac.kr을``), and Hangul counts as ``\w``.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.)+[A-Za-z]{2,24}"
    r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
)


def find_phones(text: str) -> list[Finding]:
    findings = []
    for match in _PHONE.finditer(text):
        start = match.start()
        if match[0].startswith("(") and ")" not in match[0]:
            start += 1  # "(010-1234-5678)": the bracket is the sentence's, not the number's
        if match["bare_landline"]:
            # Nine or ten bare digits starting 02 are as often a customer or case number.
            if not _PHONE_CONTEXT.search(text, max(0, start - _CONTEXT_WINDOW), start):
                continue
            confidence, detector = 0.8, "phone.context"
        elif match["bare"]:
            # Above a bare account number's 0.8: the mobile prefix settles it.
            confidence, detector = 0.85, "phone.digits"
        else:
            mobile = (match["area"] or match["intl"] or "").lstrip("0").startswith("1")
            confidence, detector = (0.95 if mobile else 0.9), "phone.format"
        findings.append(Finding("phone", start, match.end(), confidence, detector))
    return findings


def find_emails(text: str) -> list[Finding]:
    return [Finding("email", m.start(), m.end(), 0.98, "email.format") for m in _EMAIL.finditer(text)]
