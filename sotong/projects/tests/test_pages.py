"""The public pages: the list by kind with each status in words, a project's page with its documents
from plan to completion and each one's disclosure status; nothing of an unpublished project anywhere
public; a fixed number of queries; 404s and 400s in Korean and English."""

import datetime as dt
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from django.contrib.sites.requests import RequestSite
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from sotong.projects.choices import Kind, Status
from sotong.projects.sitemaps import ProjectsSitemap
from sotong.projects.tests.conftest import TASK_CARD, project, published

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HIDDEN_NAME = "HIDDENCANARY 사업"
HIDDEN_TEXT = "HIDDENDESCRIPTION"


def _page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    return unescape(response.content.decode())


@pytest.fixture
def plaza():
    """A published project with three chosen records and a task card's record, one of them withheld."""
    published("seoul-2012", title="열린시정 2.0 종합 추진계획", produced_on=dt.date(2012, 8, 23),
              registration_number="정보화기획담당관-11644", body_text="BODYCANARY 본문")  # fmt: skip
    published(
        "seoul-2013", title="열린정부3.0 종합계획", produced_on=dt.date(2013, 7, 1), registration_number=""
    )
    published("seoul-none", title="정보소통광장 서비스 개요", produced_on=None, registration_number="")
    published("seoul-2021", title="내부 검토 보고", produced_on=dt.date(2021, 2, 10), task_card=TASK_CARD,
              grade="비공개", grounds=[5], reason="REASONCANARY 의사결정 과정", body_text="")  # fmt: skip
    return project(
        "opengov-plaza", name="서울 정보소통광장 구축 및 고도화", kind=Kind.POLICY, status=Status.DONE,
        department="정보공개정책과", budget=3_390_000_000, budget_note="2013년 종합계획의 소요예산",
        description="공개 가능한 모든 행정정보를\n\n온라인 통합 단일 창구로", started_on=dt.date(2012, 5, 8),
        cards=(TASK_CARD,), chosen=("seoul-2012", "seoul-2013", "seoul-none"),
    )  # fmt: skip


@pytest.fixture
def hidden():
    """An unpublished project that chose a published record and follows a task card."""
    published("seoul-hide", title="평범한 공개 문서", task_card="숨은 단위과제")
    return project(
        "hidden-project", name=HIDDEN_NAME, description=HIDDEN_TEXT, cards=("숨은 단위과제",),
        chosen=("seoul-hide",), published=False, budget_note="HIDDENBUDGET",
    )  # fmt: skip


def test_the_list_shows_published_projects_by_kind_with_their_status_in_words(client, plaza):
    project("road", name="목동교 보수공사", kind=Kind.CONSTRUCTION, status=Status.ONGOING)
    html = _page(client, "/projects/")
    assert '<html lang="ko">' in html and 'href="/projects/">사업·정책</a>' in html  # the nav link
    assert (
        '<h2 id="kind-policy">서울의 정책</h2>' in html and '<h2 id="kind-construction">건설사업</h2>' in html
    )
    assert html.index("서울의 정책</h2>") < html.index("건설사업</h2>")
    assert "<caption" in html and 'href="/projects/opengov-plaza/"' in html
    assert ">완료</span>" in html and ">추진 중</span>" in html and "정보공개정책과" in html


def test_the_list_filters_by_kind_and_status_and_says_when_nothing_matches(client, plaza):
    project("road", name="목동교 보수공사", kind=Kind.CONSTRUCTION, status=Status.ONGOING)
    html = _page(client, "/projects/?status=ongoing")
    assert "목동교 보수공사" in html and "서울 정보소통광장" not in html
    assert 'href="?status=ongoing" aria-current="true">추진 중' in html
    assert 'href="?kind=policy&status=ongoing"' in html  # choosing a kind keeps the status
    html = _page(client, "/projects/?kind=social")
    assert "이 조건에 맞는 사업이 없습니다" in html and "모든 사업 보기" in html


def test_an_empty_list_says_so_and_where_else_to_look(client):
    html = _page(client, "/projects/")
    assert "아직 공개된 사업이 없습니다" in html and 'href="/list/"' in html


def test_a_project_page_shows_its_facts_and_its_documents_from_plan_to_completion(client, plaza):
    html = _page(client, "/projects/opengov-plaza/")
    assert "<h1>서울 정보소통광장 구축 및 고도화</h1>" in html
    assert "<dd>서울의 정책</dd>" in html and ">완료</span>" in html and "서울특별시 정보공개정책과" in html
    assert "3,390,000,000원" in html and "2013년 종합계획의 소요예산" in html and "2012-05-08 ~" in html
    assert "<p>공개 가능한 모든 행정정보를</p>" in html and f"<li>{TASK_CARD}</li>" in html
    years = [html.index(f"{heading} <small>") for heading in ("2012년", "2013년", "2021년", "생산일 없음")]
    assert years == sorted(years)
    for public_id in ("seoul-2012", "seoul-2013", "seoul-none", "seoul-2021"):
        assert f'href="/records/{public_id}/"' in html
    assert '<span class="grade grade-공개">공개</span>' in html and "정보화기획담당관-11644" in html


def test_a_withheld_record_shows_its_title_and_status_and_nothing_more(client, plaza):
    html = _page(client, "/projects/opengov-plaza/")
    assert "내부 검토 보고" in html and '<span class="grade grade-비공개">비공개</span>' in html
    assert "REASONCANARY" not in html and "BODYCANARY" not in html  # no reason, no text: the record page's


def test_nothing_of_an_unpublished_project_is_on_any_public_page_or_the_sitemap(client, plaza, hidden):
    pages = {url: _page(client, url) for url in ("/", "/projects/", "/projects/?kind=construction", "/list/")}
    pages["/projects/hidden-project/"] = _page(client, "/projects/hidden-project/", status=404)
    pages["/records/seoul-hide/"] = _page(client, "/records/seoul-hide/")
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    for section in (loc.text for loc in index.iter(f"{SITEMAP}loc")):
        pages[section] = _page(client, section.replace("http://testserver", ""))
    for url, html in pages.items():
        for canary in (HIDDEN_NAME, HIDDEN_TEXT, "HIDDENBUDGET"):
            assert canary not in html, (url, canary)
        if url != "/projects/hidden-project/":  # the 404 page may repeat the address the visitor asked for
            assert "hidden-project" not in html, url
    assert [project.slug for project in ProjectsSitemap().items()] == ["opengov-plaza"]


def test_the_projects_sitemap_lists_published_project_pages(plaza, hidden):
    site = RequestSite(RequestFactory().get("/"))
    urls = [entry["location"] for entry in ProjectsSitemap().get_urls(site=site, protocol="https")]
    assert urls == ["https://testserver/projects/opengov-plaza/"]


@pytest.mark.parametrize("slug", ["hidden-project", "no-such-project"])
def test_unknown_and_unpublished_projects_get_the_same_404_in_korean_and_english(client, hidden, slug):
    html = _page(client, f"/projects/{slug}/", status=404)
    assert "사업을 찾을 수 없습니다" in html and "Project not found" in html and 'lang="en"' in html
    assert 'href="/projects/"' in html


@pytest.mark.parametrize(
    ("query", "korean", "english"),
    [
        ("kind=bridge", "사업 구분 'bridge'", "is not a kind of project"),
        ("status=late", "사업 상태 'late'", "is not a project status"),
        ("status=" + "x" * 50, "'" + "x" * 20 + "'", "is not a project status"),
    ],
)
def test_bad_parameters_get_400_with_a_korean_and_english_message(client, plaza, query, korean, english):
    html = _page(client, f"/projects/?{query}", status=400)
    assert 'role="alert"' in html and korean in html and english in html


def test_the_list_costs_one_query_whatever_its_size(client, plaza):
    """1 the published projects (of the chosen kind and status)."""
    for number in range(5):
        project(f"p{number}", name=f"사업 {number}", kind=Kind.SOCIAL)
    with CaptureQueriesContext(connection) as queries:
        _page(client, "/projects/?status=ongoing")
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_project_page_costs_three_queries_whatever_its_documents(client, plaza):
    """1 the project, 2 its task cards, 3 its records (task cards' and chosen, in subqueries)."""
    for number in range(30):
        published(f"seoul-x{number:03}", task_card=TASK_CARD, produced_on=dt.date(2014 + number % 5, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        html = _page(client, "/projects/opengov-plaza/")
    assert len(queries) == 3, [q["sql"] for q in queries]
    assert html.count('href="/records/') == 34


def test_timeline_documents_with_public_files_open_their_preview_in_place(client, plaza):
    from sotong.publication.models import PublishedFile, PublishedRecord

    with_file = PublishedRecord.objects.get(public_id="seoul-2012")
    PublishedFile.objects.create(record=with_file, name="plan.pdf", role="body", size=10, sha256="ab" * 32)
    with CaptureQueriesContext(connection) as queries:
        html = _page(client, "/projects/opengov-plaza/")
    assert len(queries) == 3, "whether a record has files is asked in the records' own query"
    frames = re.findall(r'<iframe src="/records/([^/]+)/preview/" title="미리보기: ([^"]+)"', html)
    assert frames == [("seoul-2012", "열린시정 2.0 종합 추진계획")]  # the withheld and file-less: none
