"""What can be wrong with a list file or one of its rows, in Korean and English (STYLE 8, 11).

Two levels, because a bad row must never stop the batch:

* ``ListFormatError`` — the file as a whole cannot be read as a list (unreadable, empty, neither
  UTF-8 nor CP949, broken JSON/XML, hostile XML, unknown columns). Raised before any row comes out.
* ``RowError`` — one row is bad. ``read_list`` yields it in the row's place and goes on.

What a row needs (``ROW_MISSING_*``): every list needs a title and its own key (package_id or
nid), because the key is how an import that sees the same document in two files keeps it once;
the 문서번호 is *not* a key (234 numbers are shared by two or more documents in one week of
2021), but every 결재문서 gets one at approval, so a 결재문서 row without it is broken too.
Dates and 공개구분 may be empty; when present they must be valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from sotong.core.errors import BilingualError, Message

_REUPLOAD_KO = "정보소통광장(opengov.seoul.go.kr)에서 목록을 다시 받아 올려 주세요."
_REUPLOAD_EN = "download the list again from opengov.seoul.go.kr and upload it."

# --- the file as a whole -------------------------------------------------------------------------

LIST_UNREADABLE = Message(
    code="list_unreadable",
    ko="목록 파일을 읽을 수 없습니다: {path} ({reason}). 파일이 있는지, 읽기 권한이 있는지 확인해 주세요.",
    en="Cannot read the list file {path} ({reason}). Check that it exists and is readable.",
)
LIST_EMPTY = Message(
    code="list_empty",
    ko="목록 파일이 비어 있습니다: {path}. " + _REUPLOAD_KO,
    en="The list file {path} is empty: " + _REUPLOAD_EN,
)
LIST_BAD_ENCODING = Message(
    code="list_bad_encoding",
    ko="목록 파일의 문자 인코딩이 UTF-8도 CP949(EUC-KR)도 아닙니다 ({detail}). "
    "파일을 UTF-8로 저장해 다시 올려 주세요.",
    en="The list file is neither UTF-8 nor CP949 (EUC-KR) text ({detail}). "
    "Save it as UTF-8 and upload it again.",
)
LIST_MALFORMED = Message(
    code="list_malformed",
    ko="{shape} 목록이 깨져 있습니다: {detail}. 파일이 끝까지 받아졌는지 확인하고, " + _REUPLOAD_KO,
    en="The {shape} list is malformed: {detail}. Check that the download finished, or " + _REUPLOAD_EN,
)
LIST_HOSTILE_XML = Message(
    code="list_hostile_xml",
    ko="XML 목록에 DTD나 엔티티 선언이 있어 처리하지 않았습니다 ({detail}): 엔티티는 수 GB로 "
    "불어나거나 서버의 파일을 읽을 수 있습니다. 서울시 목록 XML에는 DTD가 없으니 <!DOCTYPE …> "
    "없는 원본을 올려 주세요.",
    en="The XML list declares a DTD or entities ({detail}) and was refused: entities can expand "
    "to gigabytes or read the server's files. Seoul's list XML has no DTD; upload the original "
    "without <!DOCTYPE …>.",
)
LIST_NOT_A_LIST = Message(
    code="list_not_a_list",
    ko='목록 파일이 아닙니다: {detail}. JSON은 객체의 배열([{{"package_id": …}}, …]), XML은 '
    "<data><Document0>…</Document0>…</data> 모양이어야 합니다.",
    en="This is not a list file: {detail}. JSON must be an array of objects "
    '([{{"package_id": …}}, …]) and XML must look like <data><Document0>…</Document0>…</data>.',
)
LIST_UNKNOWN_FORMAT = Message(
    code="list_unknown_format",
    ko="알 수 없는 목록 형식입니다: 첫 줄(JSON·XML은 첫 레코드)의 열이 {columns}입니다. "
    "첫 줄에 다음 목록 중 하나의 열이 있어야 합니다(a|b는 둘 중 하나) — {expected}",
    en="Unknown list format: the first line (the first record in JSON or XML) has the columns "
    "{columns}. It must have the columns of one of these lists (a|b: either) — {expected}",
)
LIST_MISSING_COLUMNS = Message(
    code="list_missing_columns",
    ko="{info_type} 목록으로 보이지만 열이 빠졌습니다: {missing}. 첫 줄에 {expected} 열이 모두 "
    "있어야 합니다.",
    en="This looks like a {info_type} list but columns are missing: {missing}. The first line "
    "must have all of {expected}.",
)

# --- one row --------------------------------------------------------------------------------------

ROW_MISSING_TITLE = Message(
    code="row_missing_title",
    ko="제목({field})이 비어 있습니다. 원본 목록에서 이 행의 제목을 채워 다시 올려 주세요.",
    en="The title ({field}) is empty. Fill in this row's title in the list and upload it again.",
)
ROW_MISSING_SOURCE_ID = Message(
    code="row_missing_source_id",
    ko="관리번호({field})가 비어 있습니다. 같은 문서를 한 번만 들이려면 이 번호가 필요합니다: "
    "원본 목록에서 채워 주세요.",
    en="The list's own id ({field}) is empty. It is how a document seen in two files is kept "
    "once: fill it in from the original list.",
)
ROW_MISSING_REGISTRATION_NUMBER = Message(
    code="row_missing_registration_number",
    ko="결재문서의 문서번호({field}, 예: 정보공개정책과-1234)가 비어 있습니다. 결재된 문서에는 "
    "모두 문서번호가 있으니 원본 목록에서 채워 주세요.",
    en="The document number ({field}, e.g. 정보공개정책과-1234) of this approved document is "
    "empty. Every approved document has one: fill it in from the original list.",
)
ROW_BAD_DATE = Message(
    code="row_bad_date",
    ko="날짜 {field}='{value}'가 올바르지 않습니다. YYYYMMDD(예: 20210210) 또는 "
    "YYYYMMDDhhmmss 형식의 실제 날짜로 고치거나 비워 두세요.",
    en="The date {field}='{value}' is not valid. Write a real date as YYYYMMDD (e.g. 20210210) "
    "or YYYYMMDDhhmmss, or leave it empty.",
)
ROW_BAD_GRADE = Message(
    code="row_bad_grade",
    ko="공개구분 {field}='{value}'을(를) 알 수 없습니다. 공개, 부분공개, 비공개 중 하나로 "
    "고치거나 비워 두세요.",
    en="Unknown disclosure grade {field}='{value}'. Use 공개 (public), 부분공개 (partly public) "
    "or 비공개 (not public), or leave it empty.",
)
ROW_COLUMN_COUNT = Message(
    code="row_column_count",
    ko="이 행의 열이 {found}개로 첫 줄의 {expected}개와 다릅니다. 따옴표가 닫혔는지, 제목 속 "
    "쉼표가 따옴표로 감싸였는지 확인해 주세요.",
    en="This row has {found} columns but the first line has {expected}. Check that quotes are "
    "closed and that commas inside titles are quoted.",
)
ROW_NOT_A_RECORD = Message(
    code="row_not_a_record",
    ko='레코드가 객체가 아니라 {found}입니다. 목록의 각 항목은 {{"title": …}}처럼 열 이름과 '
    "값의 짝이어야 합니다.",
    en="The record is a {found}, not an object. Each item of the list must map column names "
    'to values, like {{"title": …}}.',
)
ROW_BAD_VALUE = Message(
    code="row_bad_value",
    ko="{field}의 값이 글자나 숫자가 아니라 {found}입니다. 한 칸에는 글자 하나만 넣어 주세요.",
    en="The value of {field} is a {found}, not text or a number. Put plain text in each field.",
)

ROW_PERSONAL_IN_METADATA = Message(
    code="row_personal_in_metadata",
    ko="{field}에 개인정보로 보이는 값({kinds})이 있어 이 행을 받지 않았습니다. 분류·지역·과제·부서 "
    "칸은 가리지 않고 그대로 공개되므로, 개인정보를 지우고 다시 올려 주세요.",
    en="{field} holds what looks like personal information ({kinds}), so this row was not taken in. "
    "Category, region, task card and department are published as they are: remove it and upload "
    "the list again.",
)


class ListFormatError(BilingualError):
    """The file cannot be read as one of Seoul's lists; no row of it was read."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad row: where it is, which column, what is wrong and how to fix it."""

    line: int
    field: str | None
    message_ko: str
    message_en: str
    code: str

    @classmethod
    def of(cls, message: Message, *, line: int, field: str | None, **fields: object) -> RowError:
        message_ko, message_en = message.format(field=field, **fields)
        return cls(line=line, field=field, message_ko=message_ko, message_en=message_en, code=message.code)

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }
