"""Intake's bilingual messages: each names the problem and the fix (STYLE 11)."""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

MANIFEST_NOT_JSON = Message(
    "manifest_not_json",
    "메타데이터가 올바른 JSON이 아닙니다({detail}). JSON 문법을 확인해 주십시오.",
    "The metadata is not valid JSON ({detail}). Check the JSON syntax.",
)
MANIFEST_FIELD_INVALID = Message(
    "manifest_field_invalid",
    "'{field}' 항목이 올바르지 않습니다: {problem_ko}",
    "Field '{field}' is invalid: {problem_en}",
)
MANIFEST_MISSING = Message(
    "manifest_missing",
    "폴더에 metadata.json이 없습니다({path}). 문서 목록을 담은 metadata.json을 함께 넣어 주십시오.",
    "There is no metadata.json in the folder ({path}). Add a metadata.json that lists the documents.",
)
UNKNOWN_ORGANIZATION = Message(
    "unknown_organization",
    "등록되지 않은 기관입니다: '{name}'. 기관명을 확인하거나 조직도를 먼저 불러오십시오.",
    "Unknown organization '{name}'. Check the name or import the organization chart first.",
)
ORGANIZATION_NOT_ALLOWED = Message(
    "organization_not_allowed",
    "이 연계 토큰은 '{allowed}' 기관의 문서만 보낼 수 있습니다('{name}' 요청됨).",
    "This integrator token may only send documents of '{allowed}' ('{name}' was given).",
)
FILE_NOT_SENT = Message(
    "file_not_sent",
    "메타데이터에 적힌 파일 '{name}'이(가) 전송되지 않았습니다. 파일을 함께 보내거나 목록에서 빼 주십시오.",
    "File '{name}' is named in the metadata but was not sent. Send it or remove it from the list.",
)
FILE_NOT_LISTED = Message(
    "file_not_listed",
    "전송된 파일 '{name}'이(가) 메타데이터의 files 목록에 없습니다. 목록에 추가해 주십시오.",
    "File '{name}' was sent but is not in the metadata's files list. Add it to the list.",
)
FILE_NAME_UNSAFE = Message(
    "file_name_unsafe",
    "파일 이름 '{name}'을(를) 쓸 수 없습니다. 경로 구분자(/, \\)나 '..'가 없는 이름으로 보내 주십시오.",
    "File name '{name}' is not allowed. Send a name without path separators (/, \\) or '..'.",
)
FILE_TOO_LARGE = Message(
    "file_too_large",
    "파일 '{name}'이(가) 허용 크기({limit_mb} MB)를 넘습니다. 파일을 나누어 보내 주십시오.",
    "File '{name}' exceeds the size limit ({limit_mb} MB). Split it and send the parts.",
)
TOKEN_INVALID = Message(
    "token_invalid",
    "연계 토큰이 없거나 올바르지 않습니다. 'Authorization: Bearer <토큰>' 헤더로 'sotong token create'가 발급한 토큰을 보내십시오.",
    "The integrator token is missing or invalid. Send 'Authorization: Bearer <token>' with a token issued by 'sotong token create'.",
)


class IntakeError(BilingualError):
    """A manifest, upload or row that intake refuses; nothing of it is stored."""


class ManifestErrors(Exception):
    """All problems of one manifest at once, so the sender can fix them in one go."""

    def __init__(self, errors: list[IntakeError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))

    def as_list(self) -> list[dict[str, str | None]]:
        return [error.as_dict() for error in self.errors]
