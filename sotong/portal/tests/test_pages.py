import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sotong.intake.services.folders import folder_ingest
from sotong.intake.services.lists import list_import
from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal(seoul, demo_data):
    for folder in ("seed-documents", "demo-withheld"):
        folder_ingest(folder=demo_data / folder, actor="test")
    list_import(
        path=demo_data / "opengov" / "20210208_20210214_info_list_part.xml", organization=seoul, actor="test"
    )


def _search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_counts_and_recent_documents(client, portal):
    page = client.get("/").content.decode()
    assert '<html lang="ko">' in page and "본문 바로가기" in page
    assert "507" in page  # 500 listed + 7 documents


def test_home_counts_take_one_query_then_come_from_the_cache(client, portal):
    """The counts are one pass over the table (seconds at 10M records), then kept a while."""
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        page = client.get("/").content.decode()
    assert len(first) == 2 and len(second) == 1, [q["sql"] for q in first]  # counts + recent; recent
    withheld = PublishedRecord.objects.filter(grade="비공개").count()
    assert f"<strong>{withheld:,}</strong> 건의 비공개" in page


def test_record_page_shows_the_approval_line_and_text(client, portal):
    result = client.get("/search/", {"q": "정보화기획담당관-11644"}).context["results"]
    assert result.total == 1
    page = client.get(result.hits[0].url).content.decode()
    assert "결재선" in page and "행정1부시장" in page and "정보화기획팀장" in page
    assert "열린시정" in page and "본문" in page


def test_search_finds_compounds_inflections_and_two_syllable_words(client, portal):
    assert "열린시정 2.0" in _search(client, q="정보공개", grade="공개")
    assert "<mark>" in _search(client, q="공개하여")
    assert "찾는 문서가 없습니다" not in _search(client, q="시민")


def test_search_facet_link_narrows_and_counts_match(client, portal):
    response = client.get("/search/", {"q": "공개"})
    grade_facet = next(f for f in response.context["facets"] if f.name == "grade")
    public = next(link for link in grade_facet.links if link.value == "공개")
    narrowed = client.get("/search/" + public.url).context["results"]
    assert narrowed.total == public.count
    assert {hit.grade for hit in narrowed.hits} == {"공개"}


def test_search_offers_the_field_as_a_facet_and_narrows_by_it(client, portal):
    response = client.get("/search/", {"q": ""})
    field_facet = next(f for f in response.context["facets"] if f.name == "field")
    assert field_facet.label == "분야" and "<h2>분야</h2>" in response.content.decode()
    first = field_facet.links[0]
    assert first.count == PublishedRecord.objects.filter(field=first.value).count()
    narrowed = client.get("/search/" + first.url).context["results"]
    assert narrowed.total == first.count and {hit.field for hit in narrowed.hits} == {first.value}
    english = client.get("/search/", {"q": ""}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h2>Field</h2>" in english


def test_search_with_a_bad_page_says_why_in_korean(client, portal):
    response = client.get("/search/", {"q": "시민", "page": "9999"})
    assert response.status_code == 400
    assert "쪽 번호" in response.content.decode()


def test_list_page_lists_everything_with_grade_or_listed_only(client, portal):
    page = client.get("/list/").content.decode()
    assert "모두 507건" in page
    assert "목록만 공개" in page and "원문공개(외부)" in page and "비공개" in page


def test_list_page_uses_a_fixed_number_of_queries(client, portal):
    """1. the page of publications, 2. the count (capped). Sessions and auth add none."""
    for params in ({}, {"organization": "서울특별시", "year": "2021"}):
        with CaptureQueriesContext(connection) as queries:
            client.get("/list/", params)
        assert len(queries) == 2, [q["sql"] for q in queries]


def test_list_pages_follow_next_links_to_the_end_and_filters_can_be_removed(client, portal):
    seen: list[str] = []
    url = "/list/?organization=서울특별시"
    while url:
        page = client.get(url).content.decode()
        seen += re.findall(r'href="/records/([^/]+)/"', page)
        following = re.search(r'href="(\?[^"]*)" rel="next"', page)
        url = "/list/" + following.group(1).replace("&amp;", "&") if following else ""
    assert len(seen) == len(set(seen)) == PublishedRecord.objects.filter(organization="서울특별시").count()
    assert "기관: 서울특별시" in page and 'aria-label="기관 조건 해제"' in page


def test_list_page_with_a_broken_position_says_why_in_both_languages(client, portal):
    for params in ({"after": "어제.1"}, {"year": "작년"}):
        response = client.get("/list/", params)
        assert response.status_code == 400
        assert "/ " in response.content.decode() and "첫 쪽" in response.content.decode()


def test_unknown_record_is_a_korean_404(client, portal):
    response = client.get("/records/seoul-doesnotexist/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_the_preview_in_place_shows_page_images_with_their_text(client, portal):
    from sotong.publication.models import PublishedPage

    page = PublishedPage.objects.select_related("file__record").exclude(text="").first()
    record = page.file.record
    preview = client.get(f"/records/{record.public_id}/preview/").content.decode()
    assert f'src="/records/{record.public_id}/files/{page.file.order}/pages/{page.number}.png"' in preview
    assert "옆의 글로 제공" in preview  # the image's text alternative points at the text beside it
    assert page.text.split()[0] in preview


def test_list_rows_with_public_files_open_their_preview_in_place(client, portal):
    page = client.get("/list/").content.decode()
    framed = re.findall(r'<iframe src="/records/([^/]+)/preview/"', page)
    with_files = set(PublishedRecord.objects.filter(files__isnull=False).values_list("public_id", flat=True))
    listed = re.findall(r'<td><a href="/records/([^/]+)/">', page)
    assert framed and set(framed) == with_files & set(listed)
