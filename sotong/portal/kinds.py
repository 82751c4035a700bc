"""The kinds of information a visitor can look for, as 정보소통광장 lists them under "공개 서비스"
(``../shared/data/seed-documents/opengov-plaza-service-overview.txt``), and where each one lives.

A kind is served here in one of three ways: a list of records of that ``info_type`` (with an honest
empty state when there are none yet), a page of its own (업무추진비, 사전정보공표, 정보목록), or a link to
another system of the city that holds it (기록관리시스템, 내손안에서울 …). Another body running Sotong
edits this table for its own systems.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    info_type: str = ""  # records of this kind: /list/?info_type=…
    page: str = ""  # a page of the portal (URL name)
    external: str = ""  # another system's address
    note: str = ""


KINDS: tuple[Kind, ...] = (
    Kind("결재문서", info_type="결재문서"),
    Kind("회의정보", info_type="회의정보"),
    Kind("주민참여사업", info_type="주민참여사업"),
    Kind("건설사업정보", info_type="건설사업정보"),
    Kind("정책실명제", info_type="정책실명제"),
    Kind("사전 정보공표", page="proactive:catalogue"),
    Kind("정책연구자료", info_type="정책연구자료"),
    Kind("120주요질문", external="https://120.seoul.go.kr/", note="120다산콜재단"),
    Kind("통계정보", info_type="통계정보"),
    Kind("재정정보", info_type="재정정보"),
    Kind("공공데이터", external="https://data.seoul.go.kr/", note="서울 열린데이터광장"),
    Kind("주요사업백서", info_type="주요사업백서"),
    Kind("사업별 지출내역", info_type="사업별 지출내역"),
    Kind("예산설명서", info_type="예산설명서"),
    Kind("업무추진비", page="expenses:list"),
    Kind("보도자료", info_type="보도자료"),
    Kind("시사편찬자료", external="https://history.seoul.go.kr/", note="서울역사편찬원"),
    Kind("실시간 120질문", external="https://120.seoul.go.kr/", note="120다산콜재단"),
    Kind("기록관리시스템", external="https://archives.seoul.go.kr/", note="서울기록원"),
    Kind("회의·행사안내", info_type="회의·행사안내"),
    Kind("서울실록", external="https://opengov.seoul.go.kr/", note="서울 정보소통광장"),
    Kind("정보공개목록", page="portal:list"),
    Kind("내손안에서울", external="https://mediahub.seoul.go.kr/", note="서울시 미디어허브"),
    Kind(
        "정보공개관련규정",
        external="https://www.law.go.kr/법령/공공기관의정보공개에관한법률",
        note="국가법령정보센터",
    ),
    Kind("정보공개청구현황", note="정보공개청구 통계는 준비 중입니다."),
    Kind("생활통계", external="https://data.seoul.go.kr/", note="서울 열린데이터광장"),
    Kind("통계로 본 서울", external="https://data.seoul.go.kr/", note="서울 열린데이터광장"),
    Kind("한 눈에 보는 서울", external="https://data.seoul.go.kr/", note="서울 열린데이터광장"),
    Kind("100배 활용하기", external="https://opengov.seoul.go.kr/", note="서울 정보소통광장 이용 안내"),
    Kind("시민 관심정보", info_type="시민 관심정보"),
    Kind("정보공개현황", note="공개 현황 통계는 준비 중입니다."),
)
