"""Messages of the projects' pages and forms, Korean and English, each saying how to fix the problem."""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

# The same answer for an unknown and an unpublished project: the page says nothing of either.
PROJECT_NOT_FOUND = Message(
    "project_not_found",
    "사업을 찾을 수 없습니다. 주소를 확인하시거나 사업·정책 목록에서 찾아보십시오.",
    "Project not found: check the address, or look for it in the list of projects.",
)

# --- the public list's parameters ----------------------------------------------------------------

BAD_KIND = Message(
    "project_bad_kind",
    "사업 구분 '{value}'는 쓸 수 없습니다. 목록의 서울의 정책·사회적 관심사업·건설사업 링크를 누르십시오.",
    "'{value}' is not a kind of project: use the links for 서울의 정책, 사회적 관심사업 or 건설사업.",
)
BAD_STATUS = Message(
    "project_bad_status",
    "사업 상태 '{value}'는 쓸 수 없습니다. 목록의 계획·추진 중·완료·중단 링크를 누르십시오.",
    "'{value}' is not a project status: use the links for planned, ongoing, done or stopped.",
)

# --- the officers' forms -------------------------------------------------------------------------

REQUIRED = Message("project_required", "{label}을(를) 입력하십시오.", "{label_en} is required: fill it in.")
SLUG_INVALID = Message(
    "project_slug_invalid",
    "주소 이름은 영문 소문자, 숫자, 하이픈(-)으로만 쓰십시오(예: opengov-plaza).",
    "The address name may hold only lower-case letters, digits and hyphens (e.g. opengov-plaza).",
)
SLUG_TAKEN = Message(
    "project_slug_taken",
    "주소 이름 '{value}'는 다른 사업이 이미 씁니다. 다른 이름을 고르십시오.",
    "The address name '{value}' is taken by another project: choose another.",
)
BAD_CHOICE = Message(
    "project_bad_choice",
    "{label} '{value}'는 고를 수 없는 값입니다. 목록에서 고르십시오.",
    "'{value}' is not a choice for {label_en}: pick one from the list.",
)
BAD_BUDGET = Message(
    "project_bad_budget",
    "예산은 원 단위의 0 이상 정수로 쓰십시오(예: 3390000000). 쉼표나 '억' 없이 숫자만 쓰십시오.",
    "The budget is a whole number of won, 0 or more (e.g. 3390000000): digits only, no commas or units.",
)
BAD_DATE = Message(
    "project_bad_date",
    "{label}을(를) YYYY-MM-DD 형식의 실제 날짜로 쓰십시오(예: 2012-05-08).",
    "{label_en} must be a real date written YYYY-MM-DD (e.g. 2012-05-08).",
)
DATES_REVERSED = Message(
    "project_dates_reversed",
    "종료일({ended})이 시작일({started})보다 앞섭니다. 날짜를 고치십시오.",
    "The end date ({ended}) is before the start date ({started}): correct the dates.",
)
TOO_LONG = Message(
    "project_too_long",
    "{label}이(가) 너무 깁니다(최대 {limit}자). 줄여 쓰십시오.",
    "{label_en} is too long (at most {limit} characters): shorten it.",
)
TASK_CARD_ALREADY = Message(
    "project_task_card_already",
    "단위과제 '{value}'는 이 사업에 이미 있습니다.",
    "The task card '{value}' is in this project already.",
)
RECORD_UNKNOWN = Message(
    "project_record_unknown",
    "공개 문서 번호 '{value}'인 문서가 없습니다. 문서 화면 주소(/records/…/)의 번호를 그대로 복사해 붙여 넣으십시오.",
    "There is no record with the public id '{value}': copy the id from the record page's address (/records/…/).",
)
RECORD_ALREADY = Message(
    "project_record_already",
    "문서 '{value}'는 이 사업에 이미 있습니다.",
    "The record '{value}' is in this project already.",
)


class ProjectRequestError(BilingualError):
    """A public page was asked for with a parameter it cannot use (answered 400)."""
