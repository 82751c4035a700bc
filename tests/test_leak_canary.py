"""A 비공개 record with a canary in its body and files: the canary must appear on no public surface.

The positive control plants another canary in a public record's body; the same scan must find it,
or the scan proves nothing.
"""

from __future__ import annotations

import json

import pytest

from sotong.intake.services.folders import folder_ingest
from tests.public_surfaces import crawl

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "CANARYWITHHELD7f3a9c"
PUBLIC = "CANARYPUBLIC51b2e8"


@pytest.fixture
def planted(seoul, tmp_path):
    (tmp_path / "secret.txt").write_text(f"내부 검토 결과 {SECRET} 사업자를 선정한다.", encoding="utf-8")
    (tmp_path / "secret-annex.txt").write_text(f"첨부: 평가표 {SECRET}", encoding="utf-8")
    (tmp_path / "public.txt").write_text(f"시민에게 공개하는 계획 {PUBLIC} 입니다.", encoding="utf-8")
    documents = [
        {"title": "청년주택 사업자 선정 평가 계획(내부 검토안)", "organization": "서울특별시",
         "department": "주택정책과", "registration_number": "주택정책과-9001", "disclosure": "비공개",
         "grounds": [5], "reason": "의사결정 과정에 있는 사항", "opens_on": "2031-03-19",
         "approval_line": [{"role": "기안", "position": "주무관", "name": "홍길동"},
                           {"role": "결재", "position": "주택정책과장"}],
         "files": [{"name": "secret.txt"}, {"name": "secret-annex.txt", "role": "attachment"}]},
        {"title": "열린 계획", "organization": "서울특별시", "department": "정보공개정책과",
         "registration_number": "정보공개정책과-9002", "disclosure": "공개", "file": "public.txt"},
    ]  # fmt: skip
    (tmp_path / "metadata.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    summary = folder_ingest(folder=tmp_path, actor="test")
    assert len(summary.accepted) == 2
    return {result.record.registration_number: result.record.public_id for result in summary.accepted}


def _surfaces(client, planted):
    start = ["/", "/list/", "/api/v1/openapi.json"]
    for canary in (SECRET, PUBLIC, "주택정책과-9001", "내부 검토"):
        start += [f"/search/?q={canary}", f"/api/v1/search?q={canary}"]
    for public_id in planted.values():
        start += [f"/records/{public_id}/", f"/api/v1/records/{public_id}"]
    return dict(crawl(client, start))


def test_withheld_canary_is_on_no_public_surface_and_the_public_one_is_found(client, planted, settings):
    pages = _surfaces(client, planted)
    assert len(pages) > 10
    # A search page echoes its own query; those pages must instead find nothing.
    leaked = [url for url, body in pages.items() if SECRET.encode() in body and SECRET not in url]
    assert json.loads(pages[f"/api/v1/search?q={SECRET}"])["total"] == 0
    assert "검색 결과 0건" in pages[f"/search/?q={SECRET}"].decode()
    found = [url for url, body in pages.items() if PUBLIC.encode() in body]
    assert leaked == []
    assert any(url.startswith("/records/") for url in found), found
    assert any(url.startswith("/api/v1/search") for url in found), found
    assert any("/files/" in url for url in found), found  # the public file's download
    public_store = [p.read_bytes() for p in settings.SOTONG_PUBLIC_DIR.rglob("*") if p.is_file()]
    assert not any(SECRET.encode() in content for content in public_store)
    assert any(PUBLIC.encode() in content for content in public_store)


def test_withheld_record_page_states_grade_grounds_and_opening_date(client, planted):
    page = client.get(f"/records/{planted['주택정책과-9001']}/").content.decode()
    assert "비공개" in page and "제5호" in page and "2031-03-19" in page and "정보공개청구" in page
    assert "홍길동" not in page  # the approval line of a withheld record is not published


# Personal information in a document the source grades 공개: the identifiers are ASCII, so a byte scan
# of every page finds them wherever they went (Kiwi would split a Korean canary).
RRN, EMAIL, PHONE, CITIZEN = "900101-1234568", "canary.citizen7f3a@example.com", "010-4821-7730", "한서윤"


@pytest.fixture
def personal(seoul, tmp_path):
    (tmp_path / "reply.txt").write_text(
        f"민원인 {CITIZEN}(주민등록번호 {RRN}) 연락처 {PHONE}, 전자우편 {EMAIL}. 처리 결과를 알려드립니다. "
        "문의: 주택정책과 (02-2133-7012)", encoding="utf-8",
    )  # fmt: skip
    document = {"title": f"층간소음 민원 처리 결과 알림({CITIZEN})", "organization": "서울특별시",
                "department": "주택정책과", "registration_number": "주택정책과-9003", "disclosure": "공개",
                "approval_line": [{"role": "결재", "position": "주택정책과장", "name": "박지호"}],
                "file": "reply.txt"}  # fmt: skip
    (tmp_path / "metadata.json").write_text(json.dumps({"documents": [document]}), encoding="utf-8")
    summary = folder_ingest(folder=tmp_path, actor="test")
    return summary.accepted[0].record.public_id


def test_personal_information_is_on_no_public_surface(client, personal, settings):
    start = ["/", "/list/", f"/records/{personal}/", f"/api/v1/records/{personal}"]
    for query in ("900101", "1234568", "canary", "4821", CITIZEN, "층간소음"):
        start += [f"/search/?q={query}", f"/api/v1/search?q={query}"]
    pages = dict(crawl(client, start))
    for secret in (RRN, EMAIL, PHONE, "1234568", "4821-7730", "canary.citizen"):
        # A search page echoes its own query; every other page must not hold the secret.
        leaked = [url for url, body in pages.items() if secret.encode() in body and secret not in url]
        assert leaked == [], (secret, leaked)
    for query in ("900101", "1234568", "canary", "4821", CITIZEN):
        assert json.loads(pages[f"/api/v1/search?q={query}"])["total"] == 0, query
    assert not [url for url, body in pages.items() if CITIZEN.encode() in body and "q=" not in url]
    record = json.loads(pages[f"/api/v1/records/{personal}"])
    assert record["grade"] == "부분공개" and "처리 결과를 알려드립니다" in record["text"]
    assert "02-2133-7012" in record["text"]  # an official's work phone stays
    assert json.loads(pages["/api/v1/search?q=층간소음"])["total"] == 1  # the rest is searchable
    public_store = [p.read_bytes() for p in settings.SOTONG_PUBLIC_DIR.rglob("*") if p.is_file()]
    assert not any(RRN.encode() in content for content in public_store)
