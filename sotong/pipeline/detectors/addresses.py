"""Street addresses that point at where a person lives.

An address is found from its 시/도 or 시/군/구 part (or its road when those are left out) down to
the unit. Not every address is personal: a city hall's ``서울특별시 중구 세종대로 110`` is printed
on every letterhead. The rule:

* a road address (…로/…길 + building number) is personal when it goes down to a unit (103동,
  15층, 1502호), follows a context word on its line (주소, 거주, 주거지, 자택, 민원인, 소재지,
  발생장소 …: an incident happens at someone's door), is followed by ``에 거주``/``에 사는``, or
  fills a cell of a table row about a person (a row that also holds a registration or mobile
  number: ``김상채⇥430812-2393377⇥경기도 고양시 일산동구 중앙로 177⇥…``);
* a lot address (…동/리/가 + 123-45 or 123번지) is personal also when a 구/군/시 names it, since
  a lot number points at one parcel, nearly always private land; the bare lot number without
  one (``항동 121-1``) counts only with a unit or context;
* a unit alone (``103동 1602호``) is personal: it is a household.

Every 시/도 is known in its full and short forms (서울특별시/서울시/서울, 경기도/경기,
세종특별자치시, 강원특별자치도/강원도, 전북특별자치도/전라북도 …), followed by up to two 시/군/구
(``고양시 일산동구``).
"""

from __future__ import annotations

import re

from .findings import Finding
from .tables import is_person_row, row_bounds

_SIDO = (
    r"서울특별시|서울시|서울|부산광역시|부산시|부산|대구광역시|대구시|대구|인천광역시|인천시|인천"
    r"|광주광역시|광주시|광주|대전광역시|대전시|대전|울산광역시|울산시|울산|세종특별자치시|세종시|세종"
    r"|경기도|경기|강원특별자치도|강원도|강원|충청북도|충북|충청남도|충남|전북특별자치도|전라북도|전북"
    r"|전라남도|전남|경상북도|경북|경상남도|경남|제주특별자치도|제주도|제주"
)
_SIGUNGU = r"[가-힣]{1,5}(?:시|군|구)"
_ROAD = r"[가-힣][가-힣0-9]{0,11}(?:로|길)(?:[ \t]?\d{1,3}(?:번)?[가-하]?(?:로|길))?"
_LOT_AREA = r"[가-힣]{1,6}\d{0,2}(?:동|리|가)(?:\d{1,2}가)?"
_NUMBER = r"(?:지하[ \t]?)?\d{1,5}(?:-\d{1,5})?"
_BUILDING = r"[가-힣A-Za-z0-9]{1,15}(?:아파트|빌라|맨션|오피스텔|빌딩|타워|하이츠|캐슬|연립|주택|빌)"
_UNIT = (
    rf"(?:[ \t]*,?[ \t]*(?:{_BUILDING}[ \t]*)?"
    r"(?P<dong>제?\d{1,4}[ \t]?동(?![가-힣]))?[ \t]*"
    r"(?P<floor>(?:지하[ \t]?)?\d{1,3}[ \t]?층)?[ \t]*"
    r"(?P<ho>제?\d{1,5}[ \t]?호)?)?"
)
_REFERENCE = r"(?P<ref>[ \t]*\([가-힣]{1,6}\d{0,2}(?:동|가|리)(?:,[ \t]*[^()\n]{1,30})?\))?"
_ADDRESS = re.compile(
    rf"(?<![가-힣])(?:(?P<sido>{_SIDO})[ \t]+)?(?P<sgg>(?:{_SIGUNGU}[ \t]+){{0,2}})"
    rf"(?:(?P<road>{_ROAD})[ \t]*(?P<rnum>{_NUMBER})|(?P<lot>{_LOT_AREA})[ \t]+(?P<lnum>(?:산[ \t]?)?\d{{1,5}}(?:-\d{{1,5}})?(?:[ \t]?번지)?))"
    rf"(?![\d.]){_UNIT}{_REFERENCE}"
)
_UNIT_ONLY = re.compile(
    rf"(?:(?<![가-힣])[가-힣]{{1,6}}\d{{0,2}}동[ \t]+)?(?:{_BUILDING}[ \t]*)?(?<![가-힣\d])\d{{1,4}}[ \t]?동[ \t]?\d{{1,5}}[ \t]?호"
)
# Every address has a road, lot or unit word right before a number; most titles have none.
_QUICK = re.compile(r"[로길동리가][ \t]*(?:산[ \t]?|지하[ \t]?)?\d")
_CONTEXT = re.compile(
    r"주소|거주|주거지|자택|거소|민원인|신청인|청구인|사는 곳|현주소|배송지|소재지"
    r"|(?:발생|사고|사건|피해)[ \t]?(?:장소|지점|위치)"
)
_CONTEXT_WINDOW = 30
_AFTER_CONTEXT = re.compile(r"[ \t]*(?:에서|에)[ \t]*(?:거주|살|사는|사시)")


def find_addresses(text: str) -> list[Finding]:
    findings: list[Finding] = []
    if not _QUICK.search(text):
        return findings
    for match in _ADDRESS.finditer(text):
        finding = _judge(text, match)
        if finding:
            findings.append(finding)
    findings.extend(
        Finding("address", m.start(), m.end(), 0.8, "address.unit") for m in _UNIT_ONLY.finditer(text)
    )
    return findings


def _judge(text: str, match: re.Match[str]) -> Finding | None:
    road = match["road"]
    if road and (road.endswith("으로") or road in {"대로", "별로"}):
        return None  # "…을 기준으로 3" is a particle, not a road
    end = max(match.end(group) for group in ("rnum", "lnum", "dong", "floor", "ho", "ref"))
    has_unit = bool(match["dong"] or match["floor"] or match["ho"])
    named = bool(match["sido"] or match["sgg"])
    line_start = text.rfind("\n", 0, match.start()) + 1
    context = (
        _CONTEXT.search(text, max(line_start, match.start() - _CONTEXT_WINDOW), match.start())
        or _AFTER_CONTEXT.match(text, end)
        or (named and _in_person_row(text, match.start()))
    )
    if has_unit or context:
        confidence, detector = (
            0.9 if named or has_unit else 0.8,
            "address.unit" if has_unit else "address.context",
        )
    elif match["lot"] and match["sgg"] and ("-" in match["lnum"] or "번지" in match["lnum"]):
        confidence, detector = 0.7, "address.lot"
    else:
        return None
    return Finding("address", match.start(), end, confidence, detector)


def _in_person_row(text: str, start: int) -> bool:
    """The address starts a table cell of a row about a person."""
    return start > 0 and text[start - 1] == "\t" and is_person_row(text, *row_bounds(text, start))
