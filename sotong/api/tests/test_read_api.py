import datetime as dt

import pytest

from sotong.core.clock import frozen_today
from sotong.intake.services.folders import folder_ingest

pytestmark = pytest.mark.django_db(transaction=True)
RESULT_FIELDS = {"id", "title", "registration_number", "organization", "department", "info_type",
                 "grade", "field", "date", "snippet", "url"}  # fmt: skip


@pytest.fixture
def published(seoul, demo_data):
    folder_ingest(folder=demo_data / "seed-documents", actor="test")
    with frozen_today(dt.date(2021, 3, 1)):  # before the internal review's opening date
        folder_ingest(folder=demo_data / "demo-withheld", actor="test")


def test_search_answers_total_and_results_with_public_fields(client, published):
    body = client.get("/api/v1/search", {"q": "열린정부"}).json()
    assert body["total"] >= 2
    first = body["results"][0]
    assert set(first) >= RESULT_FIELDS
    assert first["url"].endswith(f"/records/{first['id']}/")
    assert "열린정부" in first["title"] + first["snippet"]


def test_search_counts_and_filters_by_field(client, published):
    body = client.get("/api/v1/search", {"q": ""}).json()
    (field, count), *_ = body["facets"]["field"]
    assert field and count == sum(1 for hit in body["results"] if hit["field"] == field)
    narrowed = client.get("/api/v1/search", {"q": "", "field": field}).json()
    assert narrowed["total"] == count and {hit["field"] for hit in narrowed["results"]} == {field}
    assert client.get("/api/v1/search", {"q": "", "field": "없는분야"}).json()["total"] == 0


def test_record_by_public_id_has_approval_line_and_text(client, published):
    hit = client.get("/api/v1/search", {"q": "정보화기획담당관-11644"}).json()["results"][0]
    record = client.get(f"/api/v1/records/{hit['id']}").json()
    assert record["registration_number"] == "정보화기획담당관-11644"
    assert {"role": "결재", "position": "행정1부시장", "name": ""} in record["approval_line"]
    assert "열린시정" in record["text"]
    assert record["files"][0]["url"].startswith("http://testserver/records/")


def test_withheld_record_gives_grounds_and_no_text(client, published):
    hit = client.get("/api/v1/search", {"q": "주택정책과-1187"}).json()["results"][0]
    record = client.get(f"/api/v1/records/{hit['id']}").json()
    assert (record["grade"], record["text"], record["files"]) == ("비공개", "", [])
    assert record["grounds"][0].startswith("제5호") and record["opens_on"] == "2021-03-19"


def test_unknown_id_is_a_bilingual_404(client, published):
    response = client.get("/api/v1/records/nope")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found" and response.json()["message_en"]


def test_bad_page_is_a_bilingual_400(client, published):
    response = client.get("/api/v1/search", {"q": "시민", "page": 0})
    assert response.status_code == 400
    assert response.json()["message_ko"] and response.json()["field"] == "page"


def test_openapi_document_lists_the_read_and_push_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/search", "/api/v1/records/{record_id}", "/api/v1/intake/records"} <= set(paths)
