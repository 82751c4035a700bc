import pytest

from sotong.intake.errors import ManifestErrors
from sotong.intake.manifest import manifest_parse

VALID = {"title": "열린시정 계획", "organization": "서울특별시", "department": "정보화기획담당관"}


def _errors(raw) -> dict[str, tuple[str, str]]:
    with pytest.raises(ManifestErrors) as caught:
        manifest_parse(raw)
    return {e.field: (e.message_ko, e.message_en) for e in caught.value.errors}


def test_valid_manifest_with_demo_style_single_file():
    manifest = manifest_parse(VALID | {"file": "plan.txt", "approved_on": "2012-08-23", "disclosure": "공개"})
    assert [f.name for f in manifest.all_files()] == ["plan.txt"]
    assert manifest.approved_on.isoformat() == "2012-08-23"


def test_every_problem_is_reported_at_once_naming_its_field_in_both_languages():
    errors = _errors(VALID | {"title": "", "approved_on": "23/08/2012", "titel": "오타", "grounds": [9]})
    assert set(errors) == {"title", "approved_on", "titel", "grounds"}
    assert "YYYY-MM-DD" in errors["approved_on"][0] and "YYYY-MM-DD" in errors["approved_on"][1]
    assert "알 수 없는 항목" in errors["titel"][0] and "unknown field" in errors["titel"][1]
    assert "1~8" in errors["grounds"][0]


def test_missing_required_field_and_wrong_grade_value():
    errors = _errors({"organization": "서울특별시", "disclosure": "대외비"})
    assert "필수 항목" in errors["title"][0]
    assert "공개" in errors["disclosure"][0] and "비공개" in errors["disclosure"][1]


def test_broken_json_is_refused_with_a_bilingual_message():
    errors = _errors('{"title": "열린시정", ')
    assert None in errors
    ko, en = errors[None]
    assert "JSON" in ko and "not valid JSON" in en


def test_approval_step_role_must_be_one_of_the_four_roles():
    errors = _errors(VALID | {"approval_line": [{"role": "승인", "position": "과장"}]})
    assert "approval_line.0.role" in errors
