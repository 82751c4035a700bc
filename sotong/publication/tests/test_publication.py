"""What the publish stage writes is exactly what may be shown, and nothing lingers when it changes."""

import io
import json

import pypdf
import pytest

from sotong.intake.services.folders import folder_ingest
from sotong.pipeline.runner import record_redecide
from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db(transaction=True)


def _ingest(folder, grade):
    (folder / "plan.txt").write_text("2021년 시민참여 계획 본문", encoding="utf-8")
    manifest = {"title": "시민참여 계획", "organization": "서울특별시", "source_id": "P-1",
                "disclosure": grade, "file": "plan.txt"}  # fmt: skip
    (folder / "metadata.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder_ingest(folder=folder, actor="test").accepted[0].record


def test_a_record_graded_public_is_published_with_text_and_file(seoul, tmp_path, client):
    record = _ingest(tmp_path, "공개")
    published = PublishedRecord.objects.get(public_id=record.public_id)
    assert "시민참여 계획 본문" in published.body_text
    response = client.get(f"/records/{record.public_id}/files/0/")
    assert response["Content-Type"] == "application/pdf" and "plan.pdf" in response["Content-Disposition"]
    pdf = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert "2021년 시민참여 계획 본문" in pdf.pages[0].extract_text()
    preview = client.get(f"/records/{record.public_id}/files/0/pages/1.png")
    assert preview["Content-Type"] == "image/png"
    assert b"".join(preview.streaming_content).startswith(b"\x89PNG")
    assert client.get(f"/records/{record.public_id}/files/0/pages/2.png").status_code == 404


def test_regrading_to_withheld_removes_text_file_and_blob(seoul, tmp_path, client, settings):
    record = _ingest(tmp_path, "공개")
    assert any(p.is_file() for p in settings.SOTONG_PUBLIC_DIR.rglob("*"))
    record.grade, record.grounds, record.reason = "비공개", [5], "의사결정 과정"
    record.save()
    record_redecide(record_id=record.pk)
    published = PublishedRecord.objects.get(public_id=record.public_id)
    assert (published.body_text, published.files.count()) == ("", 0)
    assert client.get(f"/records/{record.public_id}/files/0/").status_code == 404
    assert not any(p.is_file() for p in settings.SOTONG_PUBLIC_DIR.rglob("*"))
    assert client.get("/api/v1/search", {"q": "본문"}).json()["total"] == 0
