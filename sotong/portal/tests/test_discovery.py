"""Feeds, sitemap, robots.txt and the record page's markup for machines: what they hold and what not."""

from __future__ import annotations

import datetime as dt
import json
import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _record(number: int, **fields: object) -> PublishedRecord:
    now = timezone.now()
    values: dict[str, object] = {
        "public_id": f"seoul-disc-{number}", "title": f"하천 정비 계획 {number}호", "organization": "서울특별시",
        "department": "물순환정책과", "info_type": "결재문서", "produced_on": dt.date(2021, 2, 1 + number % 20),
        "grade": "공개", "listing": "graded", "registration_number": f"물순환정책과-{100 + number}",
        "body_text": f"본문 {number}: 비밀이 아닌 공개 본문", "published_at": now, "updated_at": now,
    }  # fmt: skip
    values.update(fields)
    return PublishedRecord.objects.create(**values)


@pytest.fixture
def records() -> list[PublishedRecord]:
    made = [_record(n) for n in range(6)]
    made.append(_record(6, organization="종로구", department="민원여권과", info_type="회의록"))
    made.append(_record(7, grade="비공개", title="내부 검토 보고", body_text=""))
    return made


def _entries(content: bytes) -> list[ElementTree.Element]:
    return ElementTree.fromstring(content).findall(f"{ATOM}entry")


def test_the_feed_lists_the_newest_records_with_status_and_no_body(client, records):
    response = client.get("/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    entries = _entries(response.content)
    assert len(entries) == len(records)
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert "내부 검토 보고" in titles
    withheld = entries[titles.index("내부 검토 보고")]
    assert "비공개" in (withheld.findtext(f"{ATOM}summary") or "")
    assert withheld.find(f"{ATOM}link").get("href").endswith("/records/seoul-disc-7/")
    assert "공개 본문" not in response.content.decode()  # bodies never go into a feed


def test_feeds_per_organization_and_kind(client, records):
    by_district = _entries(client.get("/feed/", {"organization": "종로구"}).content)
    assert [e.findtext(f"{ATOM}title") for e in by_district] == ["하천 정비 계획 6호"]
    by_kind = _entries(client.get("/feed/", {"info_type": "회의록"}).content)
    assert len(by_kind) == 1
    assert _entries(client.get("/feed/", {"organization": "없는기관"}).content) == []


def test_a_feed_with_broken_parameters_says_why_in_both_languages(client, records):
    response = client.get("/feed/", {"year": "작년"})
    assert response.status_code == 400
    assert "생산 연도" in response.content.decode() and "year" in response.content.decode()


def test_a_search_feed_gives_the_results_of_the_search(client, records):
    from sotong.search.indexer import search_rebuild

    search_rebuild()
    entries = _entries(client.get("/search/feed/", {"q": "하천"}).content)
    assert len(entries) == 7  # every 하천 record, not the 내부 검토 보고
    assert all("하천" in (e.findtext(f"{ATOM}title") or "") for e in entries)
    assert client.get("/search/feed/", {"q": "하천", "year": "작년"}).status_code == 400


def test_the_sitemap_lists_every_record_page_and_the_fixed_pages(client, records):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text or "" for loc in index.iter(f"{SITEMAP}loc")]
    assert any("sitemap-records.xml" in url for url in sections)
    urls = []
    for section in sections:
        path = section.split("testserver", 1)[1]
        urls += [loc.text for loc in ElementTree.fromstring(client.get(path).content).iter(f"{SITEMAP}loc")]
    assert {f"http://testserver/records/{r.public_id}/" for r in records} <= set(urls)
    assert "http://testserver/list/" in urls


def test_robots_txt_sets_a_crawl_delay_and_keeps_crawlers_out_of_the_workbench_and_searches(client):
    text = client.get("/robots.txt").content.decode()
    assert re.search(r"^Crawl-delay: \d+$", text, re.MULTILINE)
    for path in ("/workbench/", "/admin/", "/search/", "/api/"):
        assert f"Disallow: {path}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_record_pages_carry_open_graph_schema_org_a_permalink_a_citation_and_the_licence(client, records):
    record = _record(20, title="</script><b>제목</b>", licence="CC BY-NC-ND")
    page = client.get(f"/records/{record.public_id}/").content.decode()
    assert '<meta property="og:title" content="&lt;/script&gt;&lt;b&gt;제목&lt;/b&gt;">' in page
    assert 'property="og:url" content="http://testserver/records/seoul-disc-20/"' in page
    ld_text = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL).group(1)
    assert "</script>" not in ld_text  # the hostile title cannot end the element
    data = json.loads(ld_text)
    assert data["@type"] == "DigitalDocument" and data["name"] == record.title
    assert data["identifier"] == record.registration_number and data["publisher"]["name"] == "서울특별시"
    assert data["license"].startswith("https://creativecommons.org/licenses/by-nc-nd/")
    assert (
        "이 문서 인용하기" in page and f"「{record.title}」".replace("<", "&lt;").replace(">", "&gt;") in page
    )
    assert 'rel="license external">CC BY-NC-ND</a>' in page
    plain = records[0]
    assert (
        "공공누리 제1유형" in client.get(f"/records/{plain.public_id}/").content.decode()
    )  # no licence given


def test_feed_and_record_page_query_counts_are_fixed(client, records, settings):
    # The embedded search backend, whatever the shell chose: the PostgreSQL backend's index is a
    # table, and the record page's similar records then add its statements to the count.
    settings.SOTONG_SEARCH_BACKEND = "tantivy"
    with CaptureQueriesContext(connection) as feed:
        client.get("/feed/")
    with CaptureQueriesContext(connection) as record:
        client.get(f"/records/{records[0].public_id}/")
    assert len(feed) == 2, [q["sql"] for q in feed]  # dated records, then undated (under 50 dated here)
    # The record, its files (none: no pages query), its projects (no task card: no related query).
    # Records similar in text come from the search index (Tantivy here: a folder, no query).
    assert len(record) == 3, [q["sql"] for q in record]


def test_record_page_shows_the_other_records_of_its_task_card(client, records):
    first = _record(30, task_card="하천 정비 사업")
    second = _record(31, task_card="하천 정비 사업", grade="비공개", title="하천 정비 내부 검토")
    _record(32, task_card="다른 과제")
    page = client.get(f"/records/{first.public_id}/").content.decode()
    assert "같은 단위과제(하천 정비 사업)의 다른 문서" in page
    assert f'href="/records/{second.public_id}/">하천 정비 내부 검토</a>' in page and "비공개" in page
    assert "seoul-disc-32" not in page
    assert "관련 정보" not in client.get(f"/records/{records[0].public_id}/").content.decode()  # no task card


def test_record_page_lists_records_similar_in_text_apart_from_its_task_card(client, records):
    from sotong.search.indexer import search_rebuild

    first = _record(
        40, title="중랑천 제방 보강 공사 계획", body_text="중랑천 제방을 보강한다.", task_card="중랑천"
    )
    card = _record(41, title="중랑천 제방 보강 공사 설계", task_card="중랑천")
    alike = _record(42, title="중랑천 제방 보강 공사 준공", body_text="중랑천 제방 보강을 마쳤다.")
    unrelated = _record(43, title="도로 포장 알림", body_text="노후 도로 포장")
    search_rebuild()
    page = client.get(f"/records/{first.public_id}/").content.decode()
    similar = page.split("비슷한 내용의 문서:", 1)[1].split("</ul>", 1)[0]
    listed = re.findall(r'href="/records/([^/]+)/"', similar)
    assert listed[0] == alike.public_id  # shares 중랑천, 제방, 보강, 공사; the fixture's records only 계획
    assert f'<a href="/records/{alike.public_id}/">중랑천 제방 보강 공사 준공</a> (2021-02-03, ' in similar
    assert not {card.public_id, first.public_id, unrelated.public_id} & set(listed)  # listed above; itself
    english = client.get(f"/records/{first.public_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Documents with similar content:" in english


def test_search_page_sorts_by_date_and_keeps_the_order_in_its_links(client, records):
    from sotong.search.indexer import search_rebuild

    search_rebuild()
    page = client.get("/search/", {"q": "하천", "sort": "date"}).content.decode()
    titles = re.findall(r'<a href="/records/seoul-disc-(\d+)/">', page)
    days = {r.public_id.rsplit("-", 1)[1]: r.produced_on for r in records}
    assert [days[t] for t in titles] == sorted((days[t] for t in titles), reverse=True)
    assert 'aria-current="true">✓ 최신순' in page
    assert "sort=date" in re.search(r'href="(\?[^"]*department[^"]*)"', page).group(1)  # facet links keep it
    response = client.get("/search/", {"q": "하천", "sort": "size"})
    assert response.status_code == 400 and "정렬" in response.content.decode()
    api = client.get("/api/v1/search", {"q": "하천", "sort": "date"}).json()
    assert [hit["date"] for hit in api["results"]] == sorted(
        (hit["date"] for hit in api["results"]), reverse=True
    )


def test_a_search_that_finds_nothing_suggests_what_to_try(client, records):
    from sotong.search.indexer import search_rebuild

    search_rebuild()
    page = client.get("/search/", {"q": "하천 우주선", "department": "물순환정책과"}).content.decode()
    assert "찾는 문서가 없습니다" in page
    assert "조건을 모두 빼고" in page and "‘하천’만 찾기" in page
    assert "정보공개청구" in page


def test_a_preview_opens_in_place_from_the_search_results(client, records):
    from sotong.search.indexer import search_rebuild

    search_rebuild()
    page = client.get("/search/", {"q": "하천"}).content.decode()
    frames = re.findall(
        r'<iframe src="(/records/[^/]+/preview/)" title="미리보기: ([^"]+)" loading="lazy">', page
    )
    assert len(frames) == 7 and all(title.startswith("하천 정비") for _, title in frames)
    preview = client.get(frames[0][0])
    assert preview.status_code == 200 and preview["X-Frame-Options"] == "SAMEORIGIN"
    text = preview.content.decode()
    assert "미리볼 수 있는 공개 파일이 없습니다" in text and 'target="_top"' in text and "noindex" in text
    assert client.get("/records/seoul-nosuch/preview/").status_code == 404


def test_the_sitemap_index_takes_a_fixed_number_of_queries(client, records):
    with CaptureQueriesContext(connection) as queries:
        index = client.get("/sitemap.xml").content.decode()
    assert "<lastmod>" in index
    # Per section: its count and its latest change; the records section never reads its records.
    assert len(queries) <= 6, [q["sql"] for q in queries]
    assert not any('"publication_publishedrecord"."public_id"' in q["sql"] for q in queries)
