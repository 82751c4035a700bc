"""A seeded generator of labelled Korean administrative texts, for the personal-information bench.

Why it exists: ``bench/pii.py`` needs a labelled set written *apart from* the detectors in
``sotong.pipeline.detectors``. Its author never read the detectors' source, so the set tests the
formats found in real documents, not the formats the detectors happen to know. Labels come from
construction: each document is assembled piece by piece, and the generator records where it
inserted each identifier. No detector is ever run to make a label.

How a text is built: ``generate(n, seed)`` makes ``n`` documents with ``random.Random(seed)``
(same ``n`` and ``seed`` → same texts). Each document is one of six genres, each with its own header,
a random sample of its sentence templates, shared "noise" sentences, and a footer:

- 민원 회신 (reply to a citizen's complaint), 신청서 (application form: 정보공개 청구서, 보조금
  신청서, 주차 신청서), 계약서 excerpt, 보조금 지급 명단 (tab-separated table rows, as HWP tables
  come out of extraction), 사고 보고, 회의록.

Templates hold ``{slot}`` placeholders; a slot yields *pieces*, each either a labelled identifier
(its kind is one of ``KINDS``), a labelled negative (``not:<category>``: the bench counts
findings on it, but it is not personal information), or plain text.

What it covers deliberately (the kinds, in every format listed):

- ``rrn``: YYMMDD-GNNNNNN with a valid date, G 1–4 matching the century; half carry the valid
  check digit, half a random last digit (numbers issued since October 2020 have no check digit);
  written with a hyphen, a space, or nothing. ``foreigner_rrn``: the same with G 5–8 (the
  foreigner check digit, or none).
- ``passport``: old ``M12345678`` and new (2021) ``M123A4567``; first letter M (복수), S (단수), R (거주), G (관용), D (외교관).
- ``driver_licence``: ``11-12-345678-90`` (region 11–28) and ``서울 12-345678-90`` /
  ``서울12-345678-90``; the region word is part of the label.
- ``phone``: mobile and landline in ``010-1234-5678``, ``010 1234 5678``, ``01012345678``,
  ``010.1234.5678``, ``02-123-4567``, ``031-1234-5678``, ``070-…``, ``(02)123-4567``,
  ``+82-10-1234-5678``, ``+82 2 1234 5678``; prefix and brackets are part of the label. Citizens'
  landlines never fall in the public ranges (02-2133-, 02-120…).
- ``email``: portal and company domains, with dots, underscores, digits and plus tags.
- ``card``: Luhn-valid Visa, Master, BC (16 digits, 4-4-4-4 with ``-``, space or nothing),
  Amex (15 digits, 4-6-5) and Diners (14 digits, 4-6-4).
- ``bank_account``: 국민 6-2-6, 신한 3-3-6, 우리 4-3-6, 농협 3-4-4-2 and 6-2-6, 기업 3-6-2-3,
  하나 3-6-5, 카카오뱅크 4-2-7, SC제일 3-2-6, sometimes without hyphens; always near a context
  word (계좌, 입금, 예금주, 지급 계좌). Only the number is labelled, not the bank's name.
- ``health_insurance``: 11 digits after 건강보험증 번호 (or 건강보험증번호).
- ``address``: road-name (서울특별시 마포구 월드컵로 212, 3층 301호; 서울시 강남구 테헤란로
  14길 6, 101동 1203호; with the reference in brackets, (상계동, 주공아파트)) and lot-number
  (서울특별시 마포구 성산동 123-45번지 2층), also starting at the 구, and some outside Seoul.
  The label runs from the 시/도 (or the 구 when no 시/도 is written) to the unit, reference
  bracket included when present.
- ``vehicle_plate``: ``12가3456``, ``123가4567``, ``서울12가3456``, ``12가 3456``.
- ``person_name``: citizens only, in the contexts 민원인 한서윤, 신청인: 박민수, 성명: …,
  김지영 씨, 이서준님, 예금주 …, 위원 …, and in brackets at the end of a title ``(조명자)``
  (the brackets are not part of the label). Mostly three syllables, some two, a few with a
  two-syllable surname (남궁, 선우, 황보…).

Negatives, placed in the same texts (recorded as ``not:<category>``, never labelled personal):

- officials' work contacts in the public ranges: 02-2133-XXXX, 120 다산콜센터, 02-120,
  ``…@seoul.go.kr``, and approval-line names (주무관, 팀장, 과장…) that the generator returns
  per text so that the bench passes them to ``PublicContacts``;
- document numbers (교통정책과-2726), 공고 numbers, 접수번호, dates in seven formats, times,
  amounts (1,234,000원, 5억 2천만원, 12,345천원), law citations (제9조 제1항 제6호), page
  numbers (- 16 -), phone-like national business numbers (1588-XXXX, 1577-, 1544-, 1600-),
  percentages, year ranges, postal codes, counts;
- 사업자등록번호 (123-45-67890) and 법인등록번호 (110111-1234567): decided *not personal*. They
  identify businesses and are published in contract disclosures (계약정보공개) and in the
  National Tax Service's public lookup. A 법인등록번호 can look exactly like an RRN (110111-4…
  reads as 11-01-11, G 4), so it always comes with its context word, as it does in real contracts;
- bracketed title suffixes that are not names: (안), (2차), (변경), (제출), (조경), (강서구)…;
- the issuing office's own address in the footer of a 시행문 (서울특별시 중구 세종대로 110).
  It is an institution's public address, not a citizen's, and a detector can tell it apart only by
  knowing it. It is counted apart (``not:office_address``) so that its share of address false
  positives can be seen.

What it does not cover: masked identifiers (010-****-1234), birthdates written as dates, free-text
names without any context word, and scanned (OCR) noise.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

PUBLIC_CONFIG: dict[str, list[str]] = {
    "email_domains": ["seoul.go.kr"],
    "phone_prefixes": ["02-2133-", "02-120", "120"],
}

Span = tuple[str, int, int]  # (kind or "not:<category>", start, end), Python str indices, end exclusive
Piece = tuple[str | None, str]  # (label or None, text)


@dataclass
class LabelledText:
    text: str
    spans: list[Span]  # the personal identifiers, kinds from KINDS
    negatives: list[Span]  # look-alikes that are not personal, categories without the "not:" prefix
    names: list[str]  # approval-line (public) names: pass them to PublicContacts
    genre: str


@dataclass
class _Doc:
    rng: random.Random
    citizen: str
    names: list[str]
    pieces: list[Piece] = field(default_factory=list)

    def add(self, template: str) -> None:
        """Append ``template`` with each ``{slot}`` replaced by that slot's pieces."""
        pos = 0
        for match in _SLOT.finditer(template):
            self.pieces.append((None, template[pos : match.start()]))
            self.pieces.extend(SLOTS[match.group(1)](self))
            pos = match.end()
        self.pieces.append((None, template[pos:]))

    def labelled(self, genre: str) -> LabelledText:
        text, spans, negatives, at = [], [], [], 0
        for label, piece in self.pieces:
            if label is not None and piece:
                if label.startswith("not:"):
                    negatives.append((label[4:], at, at + len(piece)))
                else:
                    spans.append((label, at, at + len(piece)))
            text.append(piece)
            at += len(piece)
        return LabelledText("".join(text), spans, negatives, list(self.names), genre)


_SLOT = re.compile(r"\{(\w+)\}")


# --- vocabulary ---------------------------------------------------------------------------------

SURNAMES = tuple(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현"
)
SURNAME_WEIGHTS = (21, 14, 8, 5, 4, *([2] * 15), *([1] * (len(SURNAMES) - 20)))
DOUBLE_SURNAMES = ("남궁", "선우", "황보", "제갈", "독고")
GIVEN = tuple(
    "민서지수현준우영은예윤하도유채진호연아성재희승주원정혜경석동상태미소나다시건혁빈한람솔율린온철광순자숙명옥"
)
ROMAN_GIVEN = (
    "minsu",
    "seoyun",
    "jiyoung",
    "seojun",
    "hyunwoo",
    "eunji",
    "dohyun",
    "yerin",
    "jaehoon",
    "sujin",
)
ROMAN_FAMILY = ("kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "han", "oh")
EMAIL_DOMAINS = (
    *("naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com", "hotmail.com"),
    *("hanbit-eng.co.kr", "greenlab.kr", "snu.ac.kr"),
)
LICENCE_REGIONS = (
    *("서울", "부산", "경기", "강원", "충북", "충남", "전북", "전남"),
    *("경북", "경남", "제주", "대구", "인천", "광주", "대전", "울산"),
)
AREA_CODES = (
    "02",
    "02",
    "02",
    "031",
    "032",
    "033",
    "041",
    "042",
    "043",
    "051",
    "053",
    "055",
    "062",
    "064",
    "070",
)
CARD_SCHEMES = (  # (prefix, digits, grouping); weights in _card
    ("4", 16, (4, 4, 4, 4)),
    ("53", 16, (4, 4, 4, 4)),
    ("9410", 16, (4, 4, 4, 4)),
    ("37", 15, (4, 6, 5)),
    ("36", 14, (4, 6, 4)),
)
BANK_FORMATS = (
    ("국민은행", (6, 2, 6)),
    ("KB국민은행", (6, 2, 6)),
    ("신한은행", (3, 3, 6)),
    ("우리은행", (4, 3, 6)),
    ("NH농협은행", (3, 4, 4, 2)),
    ("농협", (6, 2, 6)),
    ("IBK기업은행", (3, 6, 2, 3)),
    ("하나은행", (3, 6, 5)),
    ("카카오뱅크", (4, 2, 7)),
    ("SC제일은행", (3, 2, 6)),
)
PLATE_LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주하허호"
PLATE_REGIONS = ("서울", "경기", "부산", "인천", "대구")
SEOUL_GU = (  # (구, 동 for lot numbers and references, road names)
    ("마포구", ("성산동", "상암동", "망원동", "합정동"), ("월드컵로", "월드컵북로", "마포대로", "양화로")),
    ("강남구", ("역삼동", "삼성동", "대치동", "개포동"), ("테헤란로", "봉은사로", "도산대로", "언주로")),
    ("노원구", ("상계동", "중계동", "하계동", "공릉동"), ("동일로", "노해로", "한글비석로", "상계로")),
    ("관악구", ("신림동", "봉천동", "남현동"), ("관악로", "남부순환로", "신림로", "봉천로")),
    ("은평구", ("불광동", "응암동", "진관동", "녹번동"), ("통일로", "은평로", "연서로", "진관2로")),
    ("송파구", ("잠실동", "가락동", "문정동", "석촌동"), ("올림픽로", "송파대로", "백제고분로", "오금로")),
    ("강서구", ("화곡동", "등촌동", "방화동", "가양동"), ("강서로", "화곡로", "공항대로", "양천로")),
    ("종로구", ("혜화동", "평창동", "부암동", "창신동"), ("종로", "율곡로", "자하문로", "창경궁로")),
    ("성북구", ("정릉동", "길음동", "돈암동", "석관동"), ("보문로", "아리랑로", "정릉로", "화랑로")),
    ("영등포구", ("여의도동", "당산동", "대림동", "신길동"), ("여의대로", "국제금융로", "도림로")),
    ("동작구", ("사당동", "노량진동", "흑석동", "상도동"), ("상도로", "동작대로", "노량진로")),
    ("중랑구", ("면목동", "상봉동", "묵동", "신내동"), ("망우로", "용마산로", "면목로")),
)
OTHER_ADDRESSES = (
    "경기도 성남시 분당구 판교역로 {n}, {u}호",
    "경기도 고양시 일산동구 중앙로 {n}",
    "인천광역시 연수구 송도과학로 {n}, {u}호",
    "부산광역시 해운대구 센텀중앙로 {n}, 15층",
    "경기도 수원시 팔달구 효원로 {n}",
    "경기 부천시 원미구 중동 {n}-3번지",
)
DEPARTMENTS = (
    *("교통정책과", "주택정책과", "정보공개정책과", "도로관리과", "공원녹지정책과", "복지정책과"),
    *("청년정책담당관", "환경정책과", "주차계획과", "보행정책과", "시설관리과", "예방과", "민원담당관"),
)
SUBJECTS = (
    *("불법주정차 단속", "급수불편 해소", "공동주택 층간소음", "보도 파손 보수", "가로수 정비"),
    *("청년수당 지급", "재난지원금 지급", "거주자우선주차 배정", "어린이보호구역 지정", "공사장 소음"),
    *("정보공개 청구", "건축허가 이의", "하수관로 악취", "불법 광고물 정비", "장애인 콜택시 이용"),
)
TITLE_SUFFIXES = (
    *("안", "2차", "변경", "제출", "조경", "알림", "통보", "수정", "1차 변경", "재공고", "강서구"),
    *("결과보고", "협조", "정정", "장기", "긴급", "회신", "시행", "전문가", "한강본부", "3월 2주차"),
)
LAWS = (
    "「개인정보 보호법」 제17조 제1항 제2호",
    "「공공기관의 정보공개에 관한 법률」 제9조제1항제6호",
    "같은 법 시행령 제3조 제2항",
    "「도로교통법」 제32조",
    "「서울특별시 청년 기본 조례」 제9조 제1항 제6호",
    "「민원 처리에 관한 법률」 제27조",
)


def _date(rng: random.Random) -> str:
    y, m, d = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(
        (
            f"{y}. {m}. {d}.",
            f"{y}-{m:02d}-{d:02d}",
            f"{y}.{m:02d}.{d:02d}",
            f"{y}년 {m}월 {d}일",
            f"'{y % 100}. {m}. {d}.",
            f"{y}{m:02d}{d:02d}",
            f"{y}/{m:02d}/{d:02d}",
        )
    )


def _amount(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{rng.randint(1, 9999) * 1000:,}원",
            f"{rng.randint(1, 20)}억 {rng.randint(1, 9)}천만원",
            f"{rng.randint(100, 99999):,}천원",
            f"금 {rng.randint(1, 500) * 10000:,}원",
            f"{rng.randint(1, 99)}.{rng.randint(1, 9)}억원",
        )
    )


NEGATIVES: dict[str, Callable[[random.Random], str]] = {
    "docno": lambda rng: f"{rng.choice(DEPARTMENTS)}-{rng.randint(100, 19999)}",
    "date": _date,
    "time": lambda rng: f"{rng.randint(9, 18)}:{rng.choice(('00', '30'))}",
    "amount": _amount,
    "law": lambda rng: rng.choice(LAWS),
    "page": lambda rng: rng.choice(("- {} -", "p. {}", "{}쪽", "({}/40)")).format(rng.randint(1, 40)),
    "bizphone": lambda rng: f"{rng.choice(('1588', '1577', '1544', '1600', '1661'))}-{_digits(rng, 4)}",
    "percent": lambda rng: rng.choice(
        (f"{rng.randint(1, 99)}.{rng.randint(1, 9)}%", f"{rng.randint(1, 100)}%")
    ),
    "years": lambda rng: rng.choice(("2021~2023년", "'13~'17", "2014-2018", "2019년~2022년", "2020 ~ 2024")),
    "postcode": lambda rng: f"0{rng.randint(1000, 8999)}",
    "count": lambda rng: f"{rng.randint(2, 9999):,}건",
    "bizno": lambda rng: f"{rng.randint(101, 899)}-{rng.randint(1, 99):02d}-{_digits(rng, 5)}",
    "corpno": lambda rng: (
        f"{rng.choice(('1101', '1311', '1345', '2841', '1201'))}{rng.choice(('11', '71', '81'))}-{_digits(rng, 7)}"
    ),
    "appno": lambda rng: f"1AA-{rng.randint(12, 24)}{rng.randint(1, 12):02d}-{_digits(rng, 7)}",
    "contractno": lambda rng: f"제{rng.randint(2012, 2024)}-{rng.randint(1, 9999):04d}호",
    "notice": lambda rng: f"서울특별시 공고 제{rng.randint(2012, 2024)}-{rng.randint(1, 3000)}호",
    "expiry": lambda rng: f"{rng.randint(1, 12):02d}/{rng.randint(24, 30)}",
    "office_phone": lambda rng: f"02-2133-{_digits(rng, 4)}",
    "office_email": lambda rng: f"{rng.choice(ROMAN_GIVEN)}{rng.randint(1, 99)}@seoul.go.kr",
    "callcentre": lambda rng: rng.choice(("120", "120", "02-120")),
    "office_address": lambda rng: rng.choice(
        ("서울특별시 중구 세종대로 110", "서울특별시 중구 덕수궁길 15", "서울특별시 중구 무교로 21")
    ),
    "title_suffix": lambda rng: rng.choice(TITLE_SUFFIXES),
}

NOISE = (
    "{law}에 따라 비공개 대상 정보를 제외하고 공개합니다.",
    "총 사업비는 {amount}이며 전년 대비 {percent} 증가하였습니다.",
    "추진기간: {years}",
    "자세한 사항은 콜센터({bizphone})로 문의하시기 바랍니다.",
    "{page}",
    "붙임 1. {subject} 계획 1부. 끝.",
    "관련: {docno}({date})",
    "접수된 {count} 중 {count}을 처리하였습니다.",
    "사업자등록번호 {bizno}인 업체와 위탁계약을 체결하였습니다.",
    "그 밖의 문의는 {callcentre} 다산콜센터로 하여 주시기 바랍니다.",
    "{notice}에 따라 {date}부터 {date}까지 공람합니다.",
    "본 계획의 예산은 {amount}(시비 {percent})입니다.",
    "담당: {dept} {official} (전화 {office_phone})",
)
FOOTERS = (
    "우 {postcode} {office_address} / 전화 {office_phone} / 전송 {office_phone} / {office_email} / 공개",
    "시행 {docno}({date})  접수  우 {postcode} {office_address}  http://www.seoul.go.kr",
    "기안자 주무관 {official}  검토자 팀장 {official}  결재권자 {dept}장 {official}",
)

# (genre, header lines, body sentences: 5–9 are sampled, footer lines)
GENRES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "민원 회신",
        ("수신  {citizen} 귀하", "제목  {subject} 민원에 대한 회신"),
        (
            "1. 평소 시정에 관심을 가져 주신 데 대하여 감사드립니다.",
            "2. 귀하께서 {date} 국민신문고(신청번호 {appno})를 통하여 제출하신 민원의 검토 결과를 알려드립니다.",
            "민원인 {citizen}(연락처 {phone})께서 요청하신 사항은 관계 법령({law})에 따라 처리하였습니다.",
            "민원인 주소지인 {address} 일대에 대하여 {date} 현장 확인을 실시하였습니다.",
            "{citizen} 님께서 신고하신 차량({plate})은 {date} 과태료 부과 대상으로 확인되었습니다.",
            "{citizen}님이 알려주신 전자우편({email})으로 처리 결과를 함께 보내드립니다.",
            "문의사항이 있으시면 {dept} {official} 주무관(☎ {office_phone}, {office_email})에게 연락 주시기 바랍니다.",
            "아울러 인근 주민 {name} 씨({mobile})의 의견도 함께 검토하였습니다.",
            "민원인: {citizen}, 주소: {address}, 전화: {landline}",
            "회신 내용에 이의가 있는 경우 {date}까지 {callcentre} 다산콜센터 또는 담당부서로 문의하시기 바랍니다.",
            "귀하의 차량 {plate} 에 대한 거주자우선주차 배정은 {date}부로 취소되었습니다.",
        ),
        ("{dept}장", "주무관 {official}  팀장 {official}", "시행 {docno} ({date})"),
    ),
    (
        "신청서",
        ("[별지 제1호서식] {subject} 신청서", "접수번호 {appno}   접수일 {date}"),
        (
            "성명: {citizen}   주민등록번호: {rrn}",
            "신청인 성명 {citizen}  외국인등록번호 {frn}",
            "주소: {address}",
            "전화번호: {landline}   휴대전화: {mobile}",
            "전자우편: {email}",
            "여권번호: {passport} (외국인 또는 재외국민의 경우)",
            "운전면허번호: {licence}",
            "건강보험증 번호: {health}",
            "건강보험증번호 {health} (피부양자 {name})",
            "입금 계좌: {account}   예금주: {citizen}",
            "지급받을 계좌번호 {account} (예금주 {citizen})",
            "차량번호: {plate}   차종: 승용",
            "본인은 {law}에 따라 위와 같이 신청합니다.",
            "결제 카드번호: {card} (유효기간 {expiry})",
            "신청인: {citizen} (서명 또는 인)",
        ),
        ("{date}", "신청인 {citizen} (인)", "서울특별시장 귀하"),
    ),
    (
        "계약서",
        ("{subject} 용역 계약서(발췌)", "계약번호 {contractno}"),
        (
            "제3조(계약금액) 계약금액은 {amount}(부가가치세 포함)으로 한다.",
            "제5조(대금의 지급) 갑은 검사 완료 후 14일 이내에 을이 지정한 계좌({account}, 예금주 {name})로 대금을 입금한다.",
            "을: 성명 {name}, 주소 {address}, 연락처 {phone}",
            "을(대표자 {name})의 사업자등록번호는 {bizno}이다.",
            "법인등록번호 {corpno}, 대표이사 {name}",
            "계약기간: {date} ~ {date}",
            "이 계약은 {law}에 따른다.",
            "을의 현장대리인 {name}(운전면허번호 {licence})은 현장에 상주한다.",
            "연대보증인 {name} 주민등록번호 {rrn} 주소 {address}",
            "계약보증금은 계약금액의 {percent}로 한다.",
            "을은 대금 청구 시 법인카드({card}) 사용 내역을 첨부한다.",
            "을의 전자우편 {email}로 통지한 경우 도달한 것으로 본다.",
        ),
        ("{date}", "갑 서울특별시 {dept}장  (인)", "을 {name}  (인)"),
    ),
    (
        "지급 명단",
        ("{subject} 지급 대상자 명단", "연번\t성명\t주민등록번호\t주소\t연락처\t지급액\t입금 계좌"),
        (
            "{n}\t{name}\t{rrn}\t{address}\t{mobile}\t{amount}\t{account}",
            "{n}\t{name}\t{frn}\t{address}\t{phone}\t{amount}\t{account}",
            "{n}\t{name}\t{rrn}\t{address}\t{mobile}\t{amount}\t{account}",
            "{n}\t{name}(예금주 {name})\t{rrn}\t{address}\t{landline}\t{amount}\t{account}",
            "{n}\t{name}\t{rrn}\t{address}\t{email}\t{amount}\t{account}",
            "{n}\t{name}\t{rrn}\t{address}\t{mobile}\t{amount}\t{account}",
            "{n}\t{name}\t{frn}\t{address}\t{mobile}\t{amount}\t{account}",
        ),
        ("합계\t{count}\t{amount}", "작성 {dept} {official}  확인 {official}"),
    ),
    (
        "사고 보고",
        ("{subject} 관련 사고 발생 보고", "보고일시 {date} {time}"),
        (
            "발생일시: {date} {time}경",
            "발생장소: {address} 앞 도로",
            "피해자: {name}(연락처 {phone})",
            "가해차량: {plate} (운전자 {name}, 면허번호 {licence})",
            "피해 차량 {plate}의 운전자 {name} 씨는 경상을 입었습니다.",
            "피해자는 인근 병원으로 이송되었으며 건강보험증 번호 {health}로 진료가 접수되었습니다.",
            "신고자 {name} 씨({mobile})가 {time}경 {callcentre} 다산콜센터로 신고하였습니다.",
            "외국인 피해자 {name}(외국인등록번호 {frn}, 여권번호 {passport})에게 통역을 지원하였습니다.",
            "보험 처리를 위해 피해자 {name}님의 연락처 {mobile}, 이메일 {email}을 보험사에 전달하였습니다.",
            "피해액은 약 {amount}으로 추산됩니다.",
        ),
        ("보고자 {dept} {official} ({office_phone})",),
    ),
    (
        "회의록",
        ("{subject} 위원회 회의록", "일시: {date} {time}~{time}   장소: 서울시청 본관 {n}층 회의실"),
        (
            "참석자: {official} {dept}장, 위원 {name}, 위원 {name}, 시민 {name}",
            "{name} 위원: 해당 사업의 예산 {amount}은 과다하다고 생각합니다.",
            "위원장 {name}: 다음 안건으로 넘어가겠습니다.",
            "발언자 {name}님께서 {address}에 거주하는 주민의 의견을 전달하였습니다.",
            "시민 {name} 씨는 의견서를 {email}로 제출하겠다고 하였습니다.",
            "{name} 위원은 연락처({mobile})를 사무국에 남겼습니다.",
            "{official} 주무관: {docno}({date})로 보고된 내용을 설명드리겠습니다.",
            "안건 2: {subject} 계획({title_suffix}) 심의",
            "회의 수당은 위원 {name}의 계좌({account})로 지급한다.",
            "의결 결과: 찬성 {n}명, 반대 {n}명",
        ),
        ("작성자 {dept} {official}  확인자 {official}",),
    ),
)


# --- identifiers --------------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _birth(rng: random.Random) -> tuple[int, str]:
    """A birth year and its valid YYMMDD."""
    year = rng.randint(1935, 2020)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return year, f"{year % 100:02d}{month:02d}{day:02d}"


def _rrn_digits(rng: random.Random, foreign: bool) -> str:
    year, yymmdd = _birth(rng)
    pair = (5, 6) if foreign else (1, 2)
    gender = rng.choice(pair) + (2 if year >= 2000 else 0)
    body = f"{yymmdd}{gender}{_digits(rng, 5)}"
    if rng.random() < 0.5:  # issued since October 2020: no check digit
        return body + _digits(rng, 1)
    total = sum(int(d) * w for d, w in zip(body, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True))
    return body + str(((13 if foreign else 11) - total % 11) % 10)


def _rrn_text(rng: random.Random, foreign: bool) -> str:
    digits = _rrn_digits(rng, foreign)
    sep = rng.choices(("-", " ", ""), weights=(7, 1, 2))[0]
    return digits[:6] + sep + digits[6:]


def _passport(rng: random.Random) -> str:
    letter = rng.choice("MMMMSRGD")  # 복수, 단수, 거주, 관용, 외교관
    if rng.random() < 0.5:
        return letter + _digits(rng, 8)
    return f"{letter}{_digits(rng, 3)}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{_digits(rng, 4)}"


def _licence(rng: random.Random) -> str:
    rest = f"{rng.randint(0, 99):02d}-{_digits(rng, 6)}-{_digits(rng, 2)}"
    if rng.random() < 0.6:
        return f"{rng.choice([*range(11, 27), 28])}-{rest}"
    return rng.choice(LICENCE_REGIONS) + rng.choice((" ", "")) + rest


def _mobile(rng: random.Random) -> str:
    prefix = rng.choices(("010", "011", "016", "019"), weights=(20, 1, 1, 1))[0]
    mid, last = _digits(rng, 4 if prefix == "010" else rng.choice((3, 4))), _digits(rng, 4)
    style = rng.randrange(6)
    if style == 4:
        return f"+82-{prefix[1:]}-{mid}-{last}"
    if style == 5:
        return f"+82 {prefix[1:]} {mid} {last}"
    sep = ("-", " ", "", ".")[style]
    return f"{prefix}{sep}{mid}{sep}{last}"


def _landline(rng: random.Random) -> str:
    area = rng.choice(AREA_CODES)
    while True:
        mid = _digits(rng, rng.choice((3, 4)))
        if mid[0] not in "01" and not (area == "02" and mid.startswith(("2133", "120"))):
            break
    last = _digits(rng, 4)
    style = rng.randrange(5)
    if style == 1:
        return f"({area}){mid}-{last}"
    if style == 2:
        return f"({area}) {mid}-{last}"
    if style == 3 and area != "070":
        return f"+82 {area[1:]} {mid} {last}" if rng.random() < 0.5 else f"+82-{area[1:]}-{mid}-{last}"
    return f"{area}-{mid}-{last}"


def _email(rng: random.Random) -> str:
    first, last = rng.choice(ROMAN_GIVEN), rng.choice(ROMAN_FAMILY)
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{last}{first}{rng.randint(1, 99)}",
            f"{first}_{last}{rng.randint(70, 99)}",
            f"{last[0]}{first}{rng.randint(1990, 2024)}",
            f"{first}+minwon",
        )
    )
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _luhn_complete(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    prefix, length, groups = rng.choices(CARD_SCHEMES, weights=(6, 5, 3, 2, 1))[0]
    number = _luhn_complete(prefix + _digits(rng, length - len(prefix) - 1))
    sep = rng.choices(("-", " ", ""), weights=(6, 3, 1))[0]
    chunks, at = [], 0
    for size in groups:
        chunks.append(number[at : at + size])
        at += size
    return sep.join(chunks)


def _account(rng: random.Random) -> list[Piece]:
    bank, groups = rng.choice(BANK_FORMATS)
    sep = "-" if rng.random() < 0.85 else ""
    number = sep.join(_digits(rng, size) for size in groups)
    return [(None, f"{bank} "), ("bank_account", number)]


def _health(rng: random.Random) -> str:
    return str(rng.randint(1, 9)) + _digits(rng, 10)


def _plate(rng: random.Random) -> str:
    letter = rng.choice(PLATE_LETTERS)
    style = rng.randrange(5)
    if style == 0:
        return f"{rng.choice(PLATE_REGIONS)}{rng.randint(10, 99)}{rng.choice('바사아자배')}{_digits(rng, 4)}"
    if style == 1:
        return f"{rng.randint(10, 99)}{letter} {_digits(rng, 4)}"
    digits = rng.randint(10, 99) if style == 2 else rng.randint(100, 699)
    return f"{digits}{letter}{_digits(rng, 4)}"


def _address(rng: random.Random) -> str:
    gu, dongs, roads = rng.choice(SEOUL_GU)
    if rng.random() < 0.12:
        return rng.choice(OTHER_ADDRESSES).format(n=rng.randint(2, 380), u=rng.randint(101, 1803))
    city = rng.choices(("서울특별시 ", "서울시 ", "서울 ", ""), weights=(5, 3, 1, 2))[0]
    if rng.random() < 0.3:
        lot = f"{rng.randint(1, 1500)}" + (f"-{rng.randint(1, 99)}" if rng.random() < 0.7 else "")
        unit = rng.choice(("번지", "번지 2층", "", " 지하1층", "번지 3층 302호", " 101호"))
        return f"{city}{gu} {rng.choice(dongs)} {lot}{unit}"
    road = rng.choice(roads)
    if rng.random() < 0.35:
        road += rng.choice(("", " ")) + f"{rng.randint(1, 40)}길"
    number = f"{rng.randint(1, 420)}" + (f"-{rng.randint(1, 30)}" if rng.random() < 0.2 else "")
    unit = rng.choice(
        (
            "",
            f", {rng.randint(1, 9)}층",
            f", {rng.randint(1, 9)}층 {rng.randint(1, 9)}0{rng.randint(1, 9)}호",
            f", {rng.randint(101, 125)}동 {rng.randint(1, 25)}0{rng.randint(1, 4)}호",
            f" {rng.randint(101, 125)}동 {rng.randint(1, 25)}0{rng.randint(1, 4)}호",
        )
    )
    if rng.random() < 0.25:
        unit += f" ({rng.choice(dongs)}" + rng.choice((")", ", 주공아파트)", ", 래미안아파트)"))
    return f"{city}{gu} {road} {number}{unit}"


def _person(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return rng.choice(DOUBLE_SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    surname = rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
    if roll < 0.06:
        return surname + rng.choice(GIVEN)
    return surname + rng.choice(GIVEN) + rng.choice(GIVEN)


# --- slots --------------------------------------------------------------------------------------


def _pii(kind: str, make: Callable[[random.Random], str]) -> Callable[[_Doc], list[Piece]]:
    return lambda doc: [(kind, make(doc.rng))]


def _negative(category: str, make: Callable[[random.Random], str]) -> Callable[[_Doc], list[Piece]]:
    return lambda doc: [(f"not:{category}", make(doc.rng))]


def _fresh_name(doc: _Doc) -> str:
    """A citizen's name that is not on the approval line (those would rightly stay unmasked)."""
    while (name := _person(doc.rng)) in doc.names:
        pass
    return name


def _official(doc: _Doc) -> list[Piece]:
    return [("not:official_name", doc.rng.choice(doc.names))]


SLOTS: dict[str, Callable[[_Doc], list[Piece]]] = {
    "citizen": lambda doc: [("person_name", doc.citizen)],
    "name": lambda doc: [("person_name", _fresh_name(doc))],
    "rrn": _pii("rrn", lambda rng: _rrn_text(rng, foreign=False)),
    "frn": _pii("foreigner_rrn", lambda rng: _rrn_text(rng, foreign=True)),
    "passport": _pii("passport", _passport),
    "licence": _pii("driver_licence", _licence),
    "mobile": _pii("phone", _mobile),
    "landline": _pii("phone", _landline),
    "phone": _pii("phone", lambda rng: (_mobile if rng.random() < 0.6 else _landline)(rng)),
    "email": _pii("email", _email),
    "card": _pii("card", _card),
    "account": lambda doc: _account(doc.rng),
    "health": _pii("health_insurance", _health),
    "address": _pii("address", _address),
    "plate": _pii("vehicle_plate", _plate),
    "official": _official,
    **{name: _negative(name, make) for name, make in NEGATIVES.items()},
    "subject": lambda doc: [(None, doc.rng.choice(SUBJECTS))],
    "dept": lambda doc: [(None, doc.rng.choice(DEPARTMENTS))],
    "n": lambda doc: [(None, str(doc.rng.randint(2, 30)))],
}


# --- documents ----------------------------------------------------------------------------------


def _title(doc: _Doc, genre: str) -> str:
    """A title line: a non-name suffix, the citizen's name in brackets, or neither."""
    roll = doc.rng.random()
    if roll < 0.35:
        return "{subject} " + genre + "({title_suffix})"
    if roll < 0.6:
        return "[" + genre + "] {subject} 관련({citizen})"
    return "{subject} " + genre


def _document(rng: random.Random) -> LabelledText:
    names: list[str] = []
    while len(names) < rng.randint(2, 4):
        if (name := _person(rng)) not in names:
            names.append(name)
    citizen = _person(rng)
    while citizen in names:
        citizen = _person(rng)
    doc = _Doc(rng, citizen, names)
    genre, header, body, footer = rng.choice(GENRES)
    doc.add(_title(doc, genre) + "\n")
    for line in header:
        doc.add(line + "\n")
    sentences = rng.sample(body, k=min(len(body), rng.randint(5, 9)))
    sentences += rng.sample(NOISE, k=rng.randint(2, 4))
    rng.shuffle(sentences)
    for sentence in sentences:
        doc.add(sentence + "\n")
    for line in footer:
        doc.add(line + "\n")
    if rng.random() < 0.5:
        doc.add(rng.choice(FOOTERS) + "\n")
    return doc.labelled(genre)


def generate(n: int, seed: int) -> list[LabelledText]:
    """``n`` labelled documents, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    return [_document(rng) for _ in range(n)]


def iter_spans(items: list[LabelledText]) -> Iterator[tuple[int, Span]]:
    """(index of the text, span) of every labelled identifier."""
    for index, item in enumerate(items):
        for span in item.spans:
            yield index, span
