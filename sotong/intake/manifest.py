"""The manifest: the JSON metadata of one document, the same for the push API and a drop folder.

Validation reports every problem of a manifest at once, each naming its field in Korean and
English. Unknown fields are refused, so a misspelt field (``titel``) is caught, not ignored.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sotong.intake.errors import (
    MANIFEST_FIELD_INVALID,
    MANIFEST_NOT_JSON,
    IntakeError,
    ManifestErrors,
)
from sotong.records.choices import RETENTION_PERIODS, ApprovalRole, FileRole, Grade


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ApprovalStepIn(_Strict):
    role: ApprovalRole
    position: str = Field(min_length=1, max_length=100)
    name: str = Field(default="", max_length=100)


class CooperationIn(_Strict):
    position: str = Field(min_length=1, max_length=100)
    name: str = Field(default="", max_length=100)


class MarkIn(_Strict):
    """A span the approver marked non-public, named as the sending system knows it: its text and
    which occurrence (1 = the first; 0 or absent = every one), and for PDFs the page and rectangle."""

    text: str = Field(min_length=1, max_length=2000)
    occurrence: int = Field(default=0, ge=0)
    page: int | None = Field(default=None, ge=1)
    rect: list[float] | None = Field(default=None, min_length=4, max_length=4)


class FileIn(_Strict):
    name: str = Field(min_length=1, max_length=255)
    role: FileRole = FileRole.BODY
    disclosure: Grade | None = None
    marks: list[MarkIn] = Field(default_factory=list)


class Manifest(_Strict):
    title: str = Field(min_length=1, max_length=1000)
    organization: str = Field(min_length=1, max_length=100)
    department: str | None = Field(default=None, max_length=200)
    bureau: str | None = Field(default=None, max_length=200)
    source_id: str | None = Field(default=None, max_length=100)
    registration_number: str | None = Field(default=None, max_length=200)
    kind: str | None = Field(default=None, max_length=100)
    approved_on: dt.date | None = None
    approved_on_precision: Literal["day", "month", "year"] | None = None
    retention_period: str | None = None
    task_card: str | None = Field(default=None, max_length=300)
    disclosure: Grade | None = None
    grounds: list[int] = Field(default_factory=list)
    reason: str | None = Field(default=None, max_length=4000)
    opens_on: dt.date | None = None
    approval_line: list[ApprovalStepIn] = Field(default_factory=list)
    cooperation: list[CooperationIn] = Field(default_factory=list)
    policy_number: str | None = Field(default=None, max_length=200)
    file: str | None = Field(default=None, max_length=255)
    files: list[FileIn] = Field(default_factory=list)
    note: str | None = Field(default=None, max_length=4000)
    title_marks: list[MarkIn] = Field(default_factory=list)

    @field_validator("grounds")
    @classmethod
    def _grounds_in_law(cls, value: list[int]) -> list[int]:
        if any(ground not in range(1, 9) for ground in value):
            raise ValueError("grounds")
        return sorted(set(value))

    @field_validator("retention_period")
    @classmethod
    def _known_retention(cls, value: str | None) -> str | None:
        if value and value not in RETENTION_PERIODS:
            raise ValueError("retention_period")
        return value

    def all_files(self) -> list[FileIn]:
        """``file`` (one body, as in the demo metadata) and ``files`` together."""
        listed = list(self.files)
        if self.file:
            listed.insert(0, FileIn(name=self.file))
        return listed


# Korean and English wording of pydantic's error types and of our own validators.
_PROBLEMS: dict[str, tuple[str, str]] = {
    "missing": ("필수 항목입니다. 값을 넣어 주십시오.", "required. Give a value."),
    "extra_forbidden": ("알 수 없는 항목입니다. 철자를 확인하거나 빼 주십시오.", "unknown field. Check the spelling or remove it."),
    "string_too_short": ("비어 있습니다. 값을 넣어 주십시오.", "empty. Give a value."),
    "string_too_long": ("너무 깁니다. 줄여 주십시오.", "too long. Shorten it."),
    "string_type": ("문자열이어야 합니다.", "must be a string."),
    "date_from_datetime_parsing": ("날짜는 YYYY-MM-DD 형식이어야 합니다(예: 2021-02-10).", "dates must be YYYY-MM-DD (e.g. 2021-02-10)."),
    "date_parsing": ("날짜는 YYYY-MM-DD 형식이어야 합니다(예: 2021-02-10).", "dates must be YYYY-MM-DD (e.g. 2021-02-10)."),
    "date_type": ("날짜는 YYYY-MM-DD 형식이어야 합니다(예: 2021-02-10).", "dates must be YYYY-MM-DD (e.g. 2021-02-10)."),
    "enum": ("허용되는 값이 아닙니다: {expected}", "not an allowed value: {expected}"),
    "literal_error": ("허용되는 값이 아닙니다: {expected}", "not an allowed value: {expected}"),
    "list_type": ("목록(JSON 배열)이어야 합니다.", "must be a list (JSON array)."),
    "int_parsing": ("정수여야 합니다.", "must be an integer."),
    "greater_than_equal": ("{ge} 이상이어야 합니다.", "must be at least {ge}."),
    "too_short": ("항목 수가 모자랍니다(사각형은 [x0, y0, x1, y1]).", "too few items (a rectangle is [x0, y0, x1, y1])."),
    "too_long": ("항목 수가 너무 많습니다(사각형은 [x0, y0, x1, y1]).", "too many items (a rectangle is [x0, y0, x1, y1])."),
    "float_parsing": ("숫자여야 합니다.", "must be a number."),
    "model_type": ("객체(JSON object)여야 합니다.", "must be an object (JSON object)."),
    "grounds": ("정보공개법 제9조 제1항의 호(1~8)만 쓸 수 있습니다.", "only items 1–8 of Article 9(1) of the Information Disclosure Act are allowed."),
    "retention_period": ("보존기간은 " + ", ".join(RETENTION_PERIODS) + " 중 하나여야 합니다.", "the retention period must be one of " + ", ".join(RETENTION_PERIODS) + "."),
}  # fmt: skip
_UNKNOWN_PROBLEM = ("값이 올바르지 않습니다.", "invalid value.")


def _problem(error: dict[str, Any]) -> tuple[str, str]:
    kind = error["type"]
    if kind == "value_error":
        kind = str(error.get("ctx", {}).get("error", ""))
    ko, en = _PROBLEMS.get(kind, _UNKNOWN_PROBLEM)
    context = {"expected": "", "ge": "", **{k: str(v) for k, v in error.get("ctx", {}).items()}}
    return ko.format(**context), en.format(**context)


def _field_name(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location) or "(manifest)"


def manifest_parse(raw: str | bytes | dict[str, Any]) -> Manifest:
    """Parse and validate one manifest; raise ``ManifestErrors`` listing every problem."""
    if not isinstance(raw, dict):
        try:
            raw = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ManifestErrors([IntakeError(MANIFEST_NOT_JSON, detail=str(exc))]) from exc
    if not isinstance(raw, dict):
        raise ManifestErrors([IntakeError(MANIFEST_NOT_JSON, detail="top level must be an object")])
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            name = _field_name(error["loc"])
            ko, en = _problem(dict(error))
            errors.append(IntakeError(MANIFEST_FIELD_INVALID, field=name, problem_ko=ko, problem_en=en))
        raise ManifestErrors(errors) from exc
