"""The kinds of information seeded on a new instance.

The 31 kinds Seoul's 정보소통광장 lists under "공개 서비스" (its service overview), then the kinds the
seed documents name. Officers add, rename or retire kinds in the admin; this list only seeds.
"""

OPENGOV_PLAZA_KINDS = [
    "결재문서", "회의정보", "주민참여사업", "건설사업정보", "정책실명제", "사전 정보공표",
    "정책연구자료", "120주요질문", "통계정보", "재정정보", "공공데이터", "주요사업백서",
    "사업별 지출내역", "예산설명서", "업무추진비", "보도자료", "시사편찬자료", "실시간 120질문",
    "기록관리시스템", "회의·행사안내", "서울실록", "정보공개목록", "내손안에서울", "정보공개관련규정",
    "정보공개청구현황", "생활통계", "통계로 본 서울", "한 눈에 보는 서울", "100배 활용하기",
    "시민 관심정보", "정보공개현황",
]  # fmt: skip

SEED_DOCUMENT_KINDS = ["업무계획", "홈페이지 안내", "지침"]

SEED_INFO_TYPES = OPENGOV_PLAZA_KINDS + SEED_DOCUMENT_KINDS
