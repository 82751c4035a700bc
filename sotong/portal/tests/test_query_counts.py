"""Query counts pinned for the public page types that other modules do not pin (home and 정보목록:
``test_pages``; a kind's list: ``test_kind_lists``; browse: ``test_browse``; record page, feed and
sitemap index: ``test_discovery``; projects, 사전공표, 업무추진비: their apps' tests). A page whose
count grows with the data it shows would fail here first."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sotong.intake.services.folders import folder_ingest
from sotong.publication.models import PublishedPage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal(seoul, demo_data) -> PublishedPage:
    folder_ingest(folder=demo_data / "seed-documents", actor="test")
    page = PublishedPage.objects.select_related("file__record").order_by("id").first()
    assert page is not None, "the seed documents have public PDFs with pages"
    return page


def _queries(client, path: str, status: int = 200) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == status, path
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return [query["sql"] for query in queries]


# (path, status, queries, why): every public page type without a pinned count elsewhere.
PAGES = [
    ("/search/?q=정보공개", 200, 0, "hits, facets and snippets come from the search index"),
    ("/search/?q=없는낱말zqxj", 200, 0, "the suggestions are searches of the index too"),
    ("/search/?q=정보공개&sort=date", 200, 0, "sorting by date is the index's"),
    ("/search/feed/?q=정보공개", 200, 0, "the search feed is the same search"),
    ("/robots.txt", 200, 0, "a fixed text"),
    ("/verify/", 200, 0, "the form alone"),
    ("/no-such-page/", 404, 0, "the 404 page reads nothing"),
    ("/sitemap-records.xml", 200, 2, "the section's count, then its page of records"),
    ("/records/{record}/preview/", 200, 3, "the record, its files, their pages (two prefetches)"),
    ("/records/{record}/files/{order}/", 200, 1, "the file, by record and order"),
    ("/records/{record}/files/{order}/pages/{number}.png", 200, 1, "the page, by record, file and number"),
]


def test_every_other_public_page_type_takes_a_fixed_number_of_queries(client, portal):
    record = portal.file.record
    assert PublishedPage.objects.filter(file__record=record).count() > 1  # several pages: still fixed
    counted = {}
    for path, status, _, _ in PAGES:
        url = path.format(record=record.public_id, order=portal.file.order, number=portal.number)
        counted[path] = len(_queries(client, url, status))
    assert counted == {path: queries for path, _, queries, _ in PAGES}, [p[3] for p in PAGES]
