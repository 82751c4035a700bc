"""The public verify page: a citizen uploads a copy and learns whether it is genuine."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sotong.intake.services.folders import folder_ingest
from sotong.publication.models import PublishedFile
from sotong.publication.selectors import published_file_path

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def public_copy(seoul, tmp_path) -> tuple[str, bytes]:
    (tmp_path / "plan.txt").write_text("시민 정원 조성 계획", encoding="utf-8")
    manifest = {
        "title": "시민 정원 조성 계획",
        "organization": "서울특별시",
        "disclosure": "공개",
        "file": "plan.txt",
    }
    (tmp_path / "metadata.json").write_text(json.dumps(manifest), encoding="utf-8")
    public_id = folder_ingest(folder=tmp_path, actor="test").accepted[0].record.public_id
    file = PublishedFile.objects.get(record__public_id=public_id)
    return public_id, published_file_path(file).read_bytes()


def _check(client, content: bytes, name: str = "copy.pdf") -> tuple[int, str]:
    response = client.post("/verify/", {"copy": SimpleUploadedFile(name, content, "application/pdf")})
    return response.status_code, response.content.decode()


def test_a_genuine_copy_links_to_its_record(client, public_copy):
    public_id, content = public_copy
    status, page = _check(client, content)
    assert status == 200 and "진본입니다" in page and f"/records/{public_id}/" in page


def test_a_changed_byte_is_reported_altered(client, public_copy):
    _, content = public_copy
    changed = bytearray(content)
    changed[len(changed) // 2] ^= 0x20
    status, page = _check(client, bytes(changed))
    assert status == 200 and "변조된 사본입니다" in page and "/records/" not in page.split("verdict")[-1]


def test_anything_else_is_unknown_and_no_file_is_a_clear_error(client, public_copy):
    status, page = _check(client, b"%PDF-1.7 not really", "other.pdf")
    assert status == 200 and "확인할 수 없습니다" in page
    response = client.post("/verify/", {})
    assert response.status_code == 400 and "확인할 파일을 선택해 주십시오" in response.content.decode()
    assert client.get("/verify/").status_code == 200


def test_the_signing_certificate_is_offered(client, public_copy):
    response = client.get("/verify/certificate.pem")
    assert response.status_code == 200 and response.content.startswith(b"-----BEGIN CERTIFICATE-----")
