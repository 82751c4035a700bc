"""``GET /api/v1/changes``: what other instances harvest, page by page after an opaque cursor."""

import base64
import datetime as dt
from pathlib import Path

import pytest

from sotong.api import changes
from sotong.core.public_ids import new_public_id
from sotong.publication.services import PublicationData, PublicFileData, publication_upsert_many

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_settle(monkeypatch):
    """Serve what was published a moment ago; the settle window has a test of its own."""
    monkeypatch.setattr(changes, "SETTLE", dt.timedelta(0))


def _data(title: str, **fields) -> PublicationData:
    defaults = {"public_id": new_public_id(instance="seoul"), "organization": "서울특별시", "listing": "graded",
                "grade": "공개"}  # fmt: skip
    return PublicationData(title=title, **{**defaults, **fields})


@pytest.fixture
def published(tmp_path: Path) -> list[PublicationData]:
    """One record of every listing kind, in the order they were published."""
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7 a public copy")
    items = [
        _data("공개 계획", body_text="열린시정 본문", approval_line=({"role": "결재", "position": "과장", "name": "박지호"},),
              files=(PublicFileData(name="plan.pdf", role="body", mime_type="application/pdf", source=pdf),)),
        _data("내부 검토안", grade="비공개", grounds=(5,), reason="의사결정 과정", opens_on=dt.date(2031, 1, 1)),
        _data("목록만", listing="listed_only", grade=""),
        _data("범위 밖", listing="out_of_scope"),
        _data("검토 중", listing="under_review", grade=""),
    ]  # fmt: skip
    for item in items:  # one call each: each its own updated_at
        publication_upsert_many(items=[item])
    return items


def _all(client, since: str = "", limit: int = 2) -> tuple[list[dict], str, int]:
    ids, calls = [], 0
    while True:
        body = client.get("/api/v1/changes", {"since": since, "limit": limit}).json()
        calls += 1
        ids += body["items"]
        if not body["more"]:
            return ids, body["next"], calls
        assert body["next"] != since
        since = body["next"]


def test_feed_pages_through_every_listing_kind_in_the_order_they_changed(client, published):
    items, cursor, calls = _all(client, limit=2)
    assert [i["id"] for i in items] == [p.public_id for p in published]
    assert {i["listing"] for i in items} == {"graded", "listed_only", "out_of_scope", "under_review"}
    assert calls == 3 and cursor
    again = client.get("/api/v1/changes", {"since": cursor}).json()
    assert again == {"items": [], "next": cursor, "more": False}


def test_an_item_is_exactly_what_the_record_api_answers(client, published):
    items, _, _ = _all(client, limit=500)
    for item in items:
        assert item == client.get(f"/api/v1/records/{item['id']}").json()
    shown = items[0]
    assert shown["text"] == "열린시정 본문" and shown["origin"] == "" and shown["origin_url"] == ""
    assert shown["files"][0]["url"] == f"http://testserver/records/{shown['id']}/files/0/"
    assert shown["url"] == f"http://testserver/records/{shown['id']}/"
    assert items[1]["grounds"][0].startswith("제5호") and items[1]["text"] == ""


def test_a_changed_record_comes_again_after_the_cursor(client, published):
    _, cursor, _ = _all(client)
    publication_upsert_many(
        items=[_data("목록만 (고침)", public_id=published[2].public_id, listing="listed_only")]
    )
    body = client.get("/api/v1/changes", {"since": cursor}).json()
    assert [(i["id"], i["title"]) for i in body["items"]] == [(published[2].public_id, "목록만 (고침)")]
    assert body["next"] != cursor and body["more"] is False


def test_records_harvested_from_other_instances_are_not_exported_again(client, published):
    harvested = PublicationData(
        public_id=new_public_id(instance="mapo"), title="마포구 문서", organization="마포구", listing="graded",
        origin="mapo", origin_url="http://mapo.example/records/x/",
    )  # fmt: skip
    publication_upsert_many(items=[harvested])
    items, _, _ = _all(client, limit=500)
    assert harvested.public_id not in {i["id"] for i in items} and len(items) == len(published)


def test_records_stamped_within_the_settle_window_wait(client, published, monkeypatch):
    monkeypatch.setattr(changes, "SETTLE", dt.timedelta(hours=1))
    assert client.get("/api/v1/changes").json() == {"items": [], "next": "", "more": False}


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "since",
    [
        "not a cursor!", "%%%", "x" * 201, _b64("2|2026-01-01T00:00:00+00:00|1"), _b64("1|yesterday|1"),
        _b64("1|2026-01-01T00:00:00|1"), _b64("1|2026-01-01T00:00:00+00:00|-1"), _b64("1|2026-01-01T00:00:00+00:00"),
        _b64("1|2026-01-01T00:00:00+00:00|١٢"), "gA",
    ],
)  # fmt: skip
def test_a_cursor_this_portal_did_not_make_is_a_bilingual_400(client, since):
    response = client.get("/api/v1/changes", {"since": since})
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"]) == ("cursor_invalid", "since")
    assert "next" in body["message_ko"] and "next" in body["message_en"]


@pytest.mark.parametrize("limit", [0, -1, 501])
def test_a_limit_out_of_range_is_a_bilingual_400(client, limit):
    response = client.get("/api/v1/changes", {"limit": limit})
    assert response.status_code == 400
    assert response.json()["code"] == "limit_invalid" and "500" in response.json()["message_en"]


def test_openapi_document_lists_the_changes_feed(client):
    assert "/api/v1/changes" in client.get("/api/v1/openapi.json").json()["paths"]
