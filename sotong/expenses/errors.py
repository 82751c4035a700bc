"""Bilingual messages of the expense import (the officer's terminal) and of the public pages' filters.

Public code may import this module: it holds messages only, never data.
"""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

FILE_NOT_UTF8 = Message(
    "expense_file_not_utf8",
    "파일을 UTF-8로 읽을 수 없습니다. 표 계산 프로그램에서 'CSV UTF-8'로 다시 저장하십시오.",
    "The file is not UTF-8; save it again as 'CSV UTF-8'.",
)
FILE_MALFORMED = Message(
    "expense_file_malformed",
    "{line}행 근처에서 CSV 형식이 깨졌습니다(닫히지 않은 따옴표, 지나치게 긴 칸 등). 파일을 고친 뒤 다시 가져오십시오.",
    "The CSV is malformed near line {line} (an unclosed quote, an overlong field …); fix the file and import again.",
)
FILE_COLUMNS_MISSING = Message(
    "expense_columns_missing",
    "업무추진비 목록의 필수 열이 없습니다: {columns}. 서울시 expense_list 형식의 머리행인지 확인하십시오.",
    "Required columns of the expense list are missing: {columns}. Check that the header row is Seoul's expense_list format.",
)
ROW_FIELD_COUNT = Message(
    "expense_row_field_count",
    "칸 수가 머리행과 다릅니다. 쉼표나 따옴표가 빠졌는지 확인하십시오.",
    "The row has a different number of fields than the header; check for a stray comma or quote.",
)
ROW_REQUIRED = Message(
    "expense_row_required",
    "'{field}' 값이 비어 있습니다. 값을 채운 뒤 다시 가져오십시오.",
    "'{field}' is empty; fill it in and import again.",
)
ROW_AMOUNT = Message(
    "expense_row_amount",
    "집행금액을 읽을 수 없습니다: '{value}'. 0 이상의 원 단위 정수(예: 217960)로 적으십시오.",
    "The amount cannot be read: '{value}'. Write a whole number of won, 0 or more (e.g. 217960).",
)
ROW_DATE = Message(
    "expense_row_date",
    "집행일시를 읽을 수 없습니다: '{value}'. 'YYYY-MM-DD HH:MM' 형식(예: 2020-09-29 14:00)으로 적으십시오.",
    "The date cannot be read: '{value}'. Write it as 'YYYY-MM-DD HH:MM' (e.g. 2020-09-29 14:00).",
)
ROW_MONTH = Message(
    "expense_row_month",
    "집행 연월이 올바르지 않습니다: '{value}'. 연도는 네 자리, 월은 1~12의 숫자로 적으십시오.",
    "The year and month are not valid: '{value}'. Write a four-digit year and a month from 1 to 12.",
)
ROW_DEPARTMENT_PATH = Message(
    "expense_row_department_path",
    "부서 경로에 빈 단계가 있습니다. 1단계부터 빈칸 없이 적고 빈칸은 끝에만 두십시오.",
    "The department path has a gap; fill the levels from level 1, leaving blanks only at the end.",
)
ROW_TOO_LONG = Message(
    "expense_row_too_long",
    "'{field}' 값이 너무 깁니다(최대 {limit}자). 줄여서 다시 가져오십시오.",
    "'{field}' is too long (at most {limit} characters); shorten it and import again.",
)
ROW_IDENTIFIER_IN_PUBLIC_TEXT = Message(
    "expense_row_identifier",
    "'{field}'에 주민등록번호·카드번호 같은 식별번호가 있습니다. 공개 항목이므로 가리지 않고 건너뜁니다. 원본을 고친 뒤 다시 가져오십시오.",
    "'{field}' holds an identifier such as a resident registration or card number. It is a public column, so the row is skipped rather than masked; fix the source and import again.",
)

FILTER_MONTH = Message(
    "expense_filter_month",
    "연월은 2020-09처럼 'YYYY-MM' 형식으로 고르십시오.",
    "Choose the month as YYYY-MM, e.g. 2020-09.",
)
FILTER_YEAR = Message(
    "expense_filter_year",
    "연도는 2020처럼 네 자리 숫자로 고르십시오.",
    "Choose the year as four digits, e.g. 2020.",
)
FILTER_DEPARTMENT = Message(
    "expense_filter_department",
    "부서 경로는 5단계까지, 단계마다 200자 이내로 고르십시오. 부서 목록의 링크를 이용하십시오.",
    "A department path has at most 5 levels of at most 200 characters each; use the department links.",
)
FILTER_PURPOSE = Message(
    "expense_filter_purpose",
    "목적 검색어는 100자 이내로 적으십시오.",
    "Keep the purpose search to 100 characters or fewer.",
)
FILTER_PAGE = Message(
    "expense_filter_page",
    "없는 쪽입니다. 쪽 번호는 1부터 마지막 쪽까지의 숫자입니다.",
    "No such page; a page number runs from 1 to the last page.",
)


class ExpenseFileError(BilingualError):
    """The file as a whole cannot be read: nothing is imported."""


class ExpenseRowError(BilingualError):
    """One row is bad: it is reported and skipped, the others import."""


class ExpenseFilterError(BilingualError):
    """A public page got a filter value it cannot use: a 400 page with this message."""
