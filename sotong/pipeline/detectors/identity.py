"""Identity numbers: 주민등록번호, 외국인등록번호, passport, driver's licence, 건강보험증.

주민등록번호 and 외국인등록번호 share the shape ``YYMMDD-GXXXXXX``; G says the century and
whether the holder is a citizen (1-4; 9/0 for the 1800s) or a foreigner (5-8). The birth date
must be a real date. The check digit raises confidence but is not required: numbers issued since
October 2020 end in random digits. A number whose back part is already masked
(``850412-2******``) still reveals a birth date and sex, so it is found too.

Thirteen digits written together (a table cell: ``24⇥권율⇥9011262431803⇥…``) are a registration
number when the date is real and the 7th digit is 1-8: that is rarer by chance than it looks
(about one run in twenty), and an account number of that length comes right after its bank's
name. So a bare number directly after 은행/계좌/a bank's name is left to the account detector,
and any other scores 0.8, above a bare account number of the same length.

법인등록번호 (110111-1234567) and 사업자등록번호 (123-45-67890) identify businesses and are public
(계약정보공개, the tax service's lookup). A 법인등록번호 has exactly the RRN's shape, so the only
sign is its label: a number right after 법인등록번호/법인번호/등기번호 is not reported.

건강보험증 번호 (health-insurance card): 11 digits, written together (``12345678901``) or as
1-10 / 4-7 digit groups (``1-2345678901``). Eleven digits alone are as likely a phone number or
a case number, so the number is reported only after a context word (건강보험, 보험증, 건보,
의료보험) within 20 characters before it.
"""

from __future__ import annotations

import calendar
import re

from .findings import Finding

_NOT_AFTER_NUMBER = r"(?<![\d])(?<![\d][-.])"
_RRN = re.compile(
    _NOT_AFTER_NUMBER
    + r"(?P<yy>\d\d)(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12]\d|3[01])"
    + r"(?:[ \t]*[-–][ \t]*|[ \t])?(?P<g>\d)(?P<rest>\d{6}|[*xX●○]{6})(?![\d*])"
)
BUSINESS_LABEL = re.compile(
    r"(?:법인(?:등록)?번호|등기번호|사업자(?:등록)?번호)[ \t]*(?:\([^()\n]{0,10}\))?[ \t]*[은는:：]?[ \t]*$"
)
# A bank's name or 계좌 in the same cell, right before the digits: an account, not a person.
_ACCOUNT_LABEL = re.compile(
    r"(?:은행|뱅크|계좌|통장|농협|신협|수협|우체국|금고|KB|NH|IBK|SC|BNK|DGB)[^\t\n\d]{0,6}$"
)
_LABEL_WINDOW = 24
_CENTURY = {"9": 1800, "0": 1800, "1": 1900, "2": 1900, "5": 1900, "6": 1900}  # others: 2000
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)

# First letters: M 복수, S 단수 (일반여권), G 관용, D 외교관, R 거주, O 관용 (older), T 여행증명서.
_PASSPORT = re.compile(r"(?<![A-Za-z0-9])[MSRODGT](?:\d{8}|\d{3}[A-Z]\d{4})(?![A-Za-z0-9])")
_PASSPORT_CONTEXT = re.compile(r"여권|passport|Passport|PASSPORT")

_REGIONS = "서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산|세종"
# 11-28 are the region codes (11 서울 … 26 울산, 28 경기북부); newer licences print the region's name.
_LICENCE = re.compile(
    rf"(?:{_NOT_AFTER_NUMBER}(?:1[1-9]|2[0-8])-|(?<![가-힣])(?:{_REGIONS})[ \t-]?)\d\d-\d{{6}}-\d\d(?![\d])"
)

_HEALTH = re.compile(_NOT_AFTER_NUMBER + r"(?:\d{11}|\d-\d{10}|\d{4}-\d{7})(?![\d])")
_HEALTH_CONTEXT = re.compile(r"건강보험|보험증|건보|의료보험")
_CONTEXT_WINDOW = 20


def find_registration_numbers(text: str) -> list[Finding]:
    findings = []
    for match in _RRN.finditer(text):
        g = match["g"]
        kind = "foreigner_rrn" if g in "5678" else "rrn"
        century = _CENTURY.get(g, 2000)
        if not _is_date(century + int(match["yy"]), int(match["mm"]), int(match["dd"])):
            continue
        before = text[max(0, match.start() - _LABEL_WINDOW) : match.start()]
        if BUSINESS_LABEL.search(before):
            continue
        confidence, detector = _registration_score(match, kind, before)
        findings.append(Finding(kind, match.start(), match.end(), confidence, detector))
    return findings


def _registration_score(match: re.Match[str], kind: str, before: str) -> tuple[float, str]:
    digits = match["yy"] + match["mm"] + match["dd"] + match["g"] + match["rest"]
    if not match["rest"].isdigit():
        return 0.8, f"{kind}.masked"
    bare = len(match[0]) == 13
    if bare and (match["g"] in "90" or _ACCOUNT_LABEL.search(before)):
        return 0.6, f"{kind}.date"
    if _check_digit(digits, foreigner=kind == "foreigner_rrn") == int(digits[12]):
        return 0.99, f"{kind}.checksum"
    # A separator shows it was written as a registration number; bare digits are less sure.
    return (0.8 if bare else 0.85), f"{kind}.date"


def _check_digit(digits: str, *, foreigner: bool) -> int:
    total = sum(int(d) * w for d, w in zip(digits[:12], _WEIGHTS, strict=True))
    return ((13 if foreigner else 11) - total % 11) % 10


def _is_date(year: int, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year, month)[1]


def find_passports(text: str) -> list[Finding]:
    findings = []
    for match in _PASSPORT.finditer(text):
        context = _PASSPORT_CONTEXT.search(text, max(0, match.start() - 30), match.start())
        confidence = 0.95 if context else 0.7
        findings.append(Finding("passport", match.start(), match.end(), confidence, "passport.format"))
    return findings


def find_driver_licences(text: str) -> list[Finding]:
    return [
        Finding("driver_licence", match.start(), match.end(), 0.95, "driver_licence.format")
        for match in _LICENCE.finditer(text)
    ]


def find_health_insurance(text: str) -> list[Finding]:
    findings: list[Finding] = []
    if not _HEALTH_CONTEXT.search(text):
        return findings
    for match in _HEALTH.finditer(text):
        if _HEALTH_CONTEXT.search(text, max(0, match.start() - _CONTEXT_WINDOW), match.start()):
            findings.append(
                Finding("health_insurance", match.start(), match.end(), 0.9, "health_insurance.context")
            )
    return findings
