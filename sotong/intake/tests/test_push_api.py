import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sotong.intake.services.tokens import token_create
from sotong.publication.models import PublishedRecord
from sotong.records.models import Record

# Transactional: the inline pipeline runs when the intake transaction commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/v1/intake/records"

MANIFEST = {
    "source_id": "edms-0001",
    "title": "2021년 시민참여 예산 운영 계획",
    "organization": "서울특별시",
    "department": "정보공개정책과",
    "registration_number": "정보공개정책과-1234",
    "approved_on": "2021-02-10",
    "disclosure": "공개",
    "approval_line": [
        {"role": "기안", "position": "주무관"},
        {"role": "결재", "position": "정보공개정책과장"},
    ],
    "files": [{"name": "본문.txt"}],
}


@pytest.fixture
def token(seoul):
    return token_create(name="seoul-edms", organization=seoul, actor="test")[1]


def _push(client, token, manifest=MANIFEST, files=None):
    files = (
        files
        if files is not None
        else [SimpleUploadedFile("본문.txt", "시민참여 예산을 공개합니다.".encode())]
    )
    metadata = manifest if isinstance(manifest, str) else json.dumps(manifest, ensure_ascii=False)
    return client.post(URL, {"metadata": metadata, "files": files}, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_push_creates_record_extracts_and_publishes(client, token):
    response = _push(client, token)
    assert response.status_code == 201, response.content
    body = response.json()
    record = Record.objects.get(public_id=body["id"])
    assert body == {"id": record.public_id, "state": "extracted", "outcome": "created"}
    assert record.files.get().text == "시민참여 예산을 공개합니다."
    assert "시민참여 예산" in PublishedRecord.objects.get(public_id=record.public_id).body_text


def test_pushing_the_same_document_again_changes_nothing(client, token):
    first = _push(client, token).json()
    second = _push(client, token)
    assert second.status_code == 200
    assert second.json() == {"id": first["id"], "state": "extracted", "outcome": "unchanged"}
    assert Record.objects.count() == 1


def test_broken_manifest_is_refused_with_field_and_fix(client, token):
    response = _push(client, token, MANIFEST | {"approved_on": "2021.02.10", "title": ""})
    assert response.status_code == 422
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert set(errors) == {"approved_on", "title"}
    assert "YYYY-MM-DD" in errors["approved_on"]["message_ko"]
    assert Record.objects.count() == 0


def test_metadata_that_is_not_json_is_a_400(client, token):
    response = _push(client, token, '{"title": ')
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "manifest_not_json"


def test_file_named_in_manifest_but_not_sent_stores_nothing(client, token, settings):
    response = _push(client, token, files=[SimpleUploadedFile("다른.txt", b"x")])
    assert response.status_code == 422
    codes = {e["code"] for e in response.json()["errors"]}
    assert codes == {"file_not_sent", "file_not_listed"}
    assert Record.objects.count() == 0
    assert not any(settings.SOTONG_ORIGINALS_DIR.rglob("*"))


def test_path_in_file_name_is_refused(client, token):
    manifest = MANIFEST | {"files": [{"name": "../etc/passwd"}]}
    response = _push(client, token, manifest, files=[SimpleUploadedFile("../etc/passwd", b"x")])
    assert response.status_code == 422


def test_missing_or_wrong_token_is_a_bilingual_401(client, seoul):
    response = _push(client, "sotong_wrong")
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert (
        error["code"] == "token_invalid" and "Bearer" in error["message_en"] and "토큰" in error["message_ko"]
    )


def test_token_may_only_send_its_own_organizations_documents(client, token):
    response = _push(client, token, MANIFEST | {"organization": "마포구"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "organization_not_allowed"


def test_corrupt_file_is_recorded_on_the_file_and_the_record_stays_listed(client, token):
    manifest = MANIFEST | {"files": [{"name": "본문.txt"}, {"name": "첨부.hwpx"}]}
    files = [
        SimpleUploadedFile("본문.txt", "본문".encode()),
        SimpleUploadedFile("첨부.hwpx", b"PK\x03\x04broken"),
    ]
    response = _push(client, token, manifest, files)
    assert response.status_code == 201
    record = Record.objects.get()
    broken = record.files.get(original_name="첨부.hwpx")
    assert broken.state == "failed" and broken.error_ko and broken.error_en
    assert record.files.get(original_name="본문.txt").text == "본문"
    assert PublishedRecord.objects.filter(public_id=record.public_id).exists()
