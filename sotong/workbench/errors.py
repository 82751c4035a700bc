"""Messages of the workbench: each says how to fix the problem (STYLE 11)."""

from __future__ import annotations

from sotong.core.errors import Message

MASK_QUOTE_EMPTY = Message(
    "mask_quote_empty",
    "가릴 부분을 입력하십시오. 원문에 있는 그대로 복사해 붙여 넣으면 됩니다.",
    "give the text to mask: copy it from the original as it is",
)
MASK_QUOTE_NOT_FOUND = Message(
    "mask_quote_not_found",
    "'{quote}'을(를) {where}에서 찾지 못했습니다{nth}. 원문에 있는 그대로(띄어쓰기·줄바꿈 포함) 복사해 붙여 넣으십시오.",
    "'{quote}' was not found in {where_en}{nth_en}: copy it from the original exactly, spaces and line breaks included",
)
MASK_ALREADY_HIDDEN = Message(
    "mask_already_hidden",
    "'{quote}'은(는) 이미 가려져 있습니다. 가림 목록에서 확인하십시오.",
    "'{quote}' is masked already: see the list of masks",
)
MASK_TARGET_UNREADABLE = Message(
    "mask_target_unreadable",
    "'{name}'은(는) 본문을 읽지 못한 파일이라 글자로 가릴 수 없습니다. 파일별 공개 구분을 비공개로 정하십시오.",
    "the text of '{name}' could not be read, so nothing in it can be masked by quoting: grade the file 비공개",
)
GROUNDS_REQUIRED = Message(
    "grounds_required",
    "부분공개·비공개에는 정보공개법 제9조 제1항의 근거를 하나 이상 고르십시오.",
    "a partial or full withholding needs at least one ground under Article 9(1): tick one",
)
REASON_REQUIRED = Message(
    "reason_required",
    "부분공개·비공개 사유를 쓰십시오. 공개 페이지에 그대로 실립니다.",
    "write the reason for withholding: the public page shows it as written",
)
OPENING_REQUIRED = Message(
    "opening_required",
    "공개 예정일을 정하거나, 예정일이 없는 까닭을 쓰십시오.",
    "give the date it may open, or the reason there is none",
)
OPENING_NOT_FUTURE = Message(
    "opening_not_future",
    "공개 예정일은 오늘 이후여야 합니다. 지금 공개할 수 있다면 '공개'로 정하십시오.",
    "the opening date must be after today: if it may open now, grade it 공개",
)
GRADE_REQUIRED = Message(
    "grade_required",
    "공개 구분(공개·부분공개·비공개)이 정해지지 않았습니다. '공개 결정 변경'에서 먼저 정하십시오.",
    "no disclosure grade is decided: set one under '공개 결정 변경' first",
)
FILE_GRADE_INVALID = Message(
    "file_grade_invalid",
    "파일 '{name}'의 공개 구분 '{grade}'은(는) 쓸 수 없습니다. 공개·부분공개·비공개 중에서 고르십시오.",
    "'{grade}' is not a grade for file '{name}': choose 공개, 부분공개 or 비공개",
)
NOT_OFFICIAL = Message(
    "not_official",
    "업무 화면을 쓸 권한이 없습니다. 정보공개 담당자에게 공무원 계정 등록(sotong official add)을 요청하십시오.",
    "this account may not use the workbench: ask a disclosure officer to register it (sotong official add)",
)
OFFICERS_ONLY = Message(
    "officers_only",
    "정보공개 담당자만 볼 수 있는 화면입니다.",
    "only disclosure officers may see this page",
)
