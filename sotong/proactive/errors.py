"""Messages of the 사전정보공표 catalogue, Korean and English, each saying how to fix the problem."""

from __future__ import annotations

from dataclasses import dataclass

from sotong.core.errors import BilingualError, Message

_REUPLOAD_KO = "정보소통광장에서 사전정보공표 목록을 다시 받아 올려 주세요."
_REUPLOAD_EN = "download the proactive publication list again and import it."

# --- the file as a whole ---------------------------------------------------------------------------

FILE_UNREADABLE = Message(
    "proactive_file_unreadable",
    "사전정보공표 목록 파일을 읽을 수 없습니다: {path} ({reason}). 파일이 있는지, 읽기 권한이 있는지 확인해 주세요.",
    "Cannot read the proactive publication list {path} ({reason}): check that it exists and is readable.",
)
FILE_NOT_UTF8 = Message(
    "proactive_file_not_utf8",
    "사전정보공표 목록 파일이 UTF-8이 아닙니다({detail}). 파일을 UTF-8로 저장해 다시 가져오십시오.",
    "The proactive publication list is not UTF-8 text ({detail}): save it as UTF-8 and import it again.",
)
FILE_MISSING_COLUMNS = Message(
    "proactive_file_missing_columns",
    "사전정보공표 목록의 첫 줄에 열이 빠졌습니다: {missing}. 첫 줄에 {expected} 열이 모두 있어야 합니다. "
    + _REUPLOAD_KO,
    "The first line of the proactive publication list lacks the columns {missing}; it must have all of "
    "{expected}: " + _REUPLOAD_EN,
)

# --- one row ---------------------------------------------------------------------------------------

ROW_COLUMN_COUNT = Message(
    "proactive_row_column_count",
    "이 행의 열이 {found}개로 첫 줄의 {expected}개와 다릅니다. 따옴표가 닫혔는지, 제목 속 쉼표가 따옴표로 감싸였는지 확인해 주세요.",
    "This row has {found} columns but the first line has {expected}: check that quotes are closed and "
    "that commas inside titles are quoted.",
)
ROW_MISSING_VALUE = Message(
    "proactive_row_missing_value",
    "{field} 값이 비어 있습니다. 원본 목록에서 이 행의 {field}을(를) 채워 다시 가져오십시오.",
    "{field} is empty: fill it in for this row in the original list and import it again.",
)
ROW_BAD_NID = Message(
    "proactive_row_bad_nid",
    "관리번호 nid='{value}'는 숫자여야 합니다. 같은 공표를 한 번만 들이는 열쇠이니 원본 목록의 번호 그대로 두십시오.",
    "The list's id nid='{value}' must be digits: it keeps each publication once, so keep the original list's number.",
)
ROW_BAD_DATE = Message(
    "proactive_row_bad_date",
    "등록일 {field}='{value}'가 올바르지 않습니다. YYYYMMDDhhmmss(예: 20200901145417) 또는 YYYYMMDD 형식의 실제 날짜로 고치십시오.",
    "The date {field}='{value}' is not valid: write a real date as YYYYMMDDhhmmss (e.g. 20200901145417) or YYYYMMDD.",
)
ROW_BAD_URL = Message(
    "proactive_row_bad_url",
    "원문 주소 {field}='{value}'는 http:// 또는 https://로 시작해야 합니다. 주소를 고치거나 비워 두십시오.",
    "The link {field}='{value}' must start with http:// or https://: correct it or leave it empty.",
)
ROW_TOO_LONG = Message(
    "proactive_row_too_long",
    "{field} 값이 {length}자로 너무 깁니다(최대 {limit}자). 줄여서 다시 가져오십시오.",
    "{field} is {length} characters long, more than {limit}: shorten it and import it again.",
)

# --- the public pages' parameters ------------------------------------------------------------------

ITEM_NOT_FOUND = "사전정보공표 항목을 찾을 수 없습니다 / catalogue item not found"
BAD_PAGE = Message(
    "proactive_bad_page",
    "쪽 번호 '{value}'가 올바르지 않습니다. 1부터 {last} 사이의 숫자를 쓰십시오.",
    "The page number '{value}' is not valid: use a number from 1 to {last}.",
)
BAD_OVERDUE = Message(
    "proactive_bad_overdue",
    "overdue='{value}'는 쓸 수 없습니다. 공표 기한이 지난 항목만 보려면 overdue=1을 쓰고, 아니면 빼십시오.",
    "overdue='{value}' is not allowed: use overdue=1 for overdue items only, or leave it out.",
)
BAD_FILTER = Message(
    "proactive_bad_filter",
    "{field} 조건이 {limit}자보다 깁니다. 목록의 분야·부서 링크를 눌러 고르십시오.",
    "The {field} filter is longer than {limit} characters: choose a field or department from the links on the page.",
)

# --- the officers' form ----------------------------------------------------------------------------

BAD_CYCLE = Message(
    "proactive_bad_cycle",
    "공표 주기 '{value}'는 쓸 수 없습니다. 매월, 분기별, 매년, 수시, 미지정 중에서 고르십시오.",
    "'{value}' is not a publication cycle: choose monthly, quarterly, yearly, ad hoc or not set.",
)


class ProactiveFileError(BilingualError):
    """The list as a whole cannot be read; no row of it was imported."""


class ProactiveRequestError(BilingualError):
    """A public page was asked for with a parameter it cannot use (answered 400)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One skipped row: where it is, which column, what is wrong and how to fix it."""

    line: int
    field: str | None
    code: str
    message_ko: str
    message_en: str

    @classmethod
    def of(cls, message: Message, *, line: int, field: str | None, **fields: object) -> RowProblem:
        message_ko, message_en = message.format(field=field, **fields)
        return cls(line=line, field=field, code=message.code, message_ko=message_ko, message_en=message_en)
