"""Vehicle registration plates: ``12가3456``, ``123가4567`` and the older ``서울12가3456``.

The Hangul letter must be one the law assigns (자동차 등록번호판 등의 기준에 관한 고시): private
cars 가-마, 거-저, 고-조, 구-주; commercial 바 사 아 자; rental 하 허 호; delivery 배.

A plate is personal because it leads to the car's owner. The city's own cars are government
property, not a person's: the weekly list prints ``차량운행일지(37거5749)`` for each 관용차량 it
runs, and hiding those plates would hide what the city drives. So a plate on a line that speaks of
a vehicle log, a fuel ledger or an official car (차량운행일지, 유류수불대장, 차량관리대장,
관용차(량), 공용차(량), 업무용 차량, 청사 차량) is not reported. A plate anywhere else (가해차량,
귀하의 차량, 주차 신청) still is.
"""

from __future__ import annotations

import re

from .findings import Finding

_USAGE_LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주바사아자하허호배"
_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_PLATE = re.compile(
    rf"(?:(?<![가-힣])(?:{_REGIONS})[ \t]?\d{{2}}|(?<![\d-])\d{{2,3}})[ \t]?[{_USAGE_LETTERS}][ \t]?\d{{4}}(?![\d])"
)
_GOVERNMENT_VEHICLE = re.compile(r"운행일지|유류수불|차량관리대장|(?:관용|공용|업무용|청사)[ \t]?차")


def find_vehicle_plates(text: str) -> list[Finding]:
    findings = []
    for match in _PLATE.finditer(text):
        if _is_government_vehicle(text, match.start()):
            continue
        # Without spaces the shape is unmistakable; "12가 3456" could also be a lot address.
        confidence = 0.95 if " " not in match[0] and "\t" not in match[0] else 0.8
        findings.append(
            Finding("vehicle_plate", match.start(), match.end(), confidence, "vehicle_plate.format")
        )
    return findings


def _is_government_vehicle(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return bool(_GOVERNMENT_VEHICLE.search(text, line_start, len(text) if line_end < 0 else line_end))
