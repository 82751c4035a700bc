"""Korean and English: every public page type in English when the browser asks for it or the visitor
chose it with the header's switch, Korean by default; bilingual error messages stay bilingual; the
catalogue is complete, compiles without GNU gettext, and adds no data to a page."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from sotong.core.translations import LOCALE_DIR, catalogue_compile
from sotong.expenses.models import ExpenseLine
from sotong.portal.tests.msgids import Message, messages_in
from sotong.proactive.models import ProactiveItem, ProactivePublication
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord

pytestmark = pytest.mark.django_db

CATALOGUE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
SOURCE_ROOT = Path(__file__).resolve().parents[2]  # sotong/
HANGUL_RUN = re.compile(r"[가-힣][가-힣0-9·\-]*")
PLACEHOLDER = re.compile(r"%\(\w+\)s")
TAG = re.compile(r"</?([a-z]+)")


@dataclass(frozen=True)
class PageType:
    path: str
    english: str  # a key heading or sentence of the page in English
    korean: str
    status: int = 200


# Each record kind the record template shows differently, and what the page says about it.
RECORDS: dict[str, tuple[dict[str, object], str, str]] = {
    "open": ({"grade": "공개", "body_text": "하천 정비 본문"}, "Preview: 본문.pdf", "미리보기: 본문.pdf"),
    "partly-open": ({"grade": "부분공개", "grounds": [6]}, "Article 9(1), Item 6: personal matters", "정보공개법 제6호"),
    "closed": ({"grade": "비공개", "grounds": [5], "opens_on": dt.date(2031, 1, 1)}, "Why it is closed", "비공개 사유"),
    "review": ({"listing": "under_review", "grade": ""}, "Disclosure under review", "공개 여부 검토 중"),
    "scope": ({"listing": "out_of_scope", "grade": ""}, "Full text not posted", "원문 게시 대상 아님"),
    "elsewhere": ({"listing": "published_elsewhere", "grade": "", "original_url": "https://example.org/d/1"}, "has published its full text", "생산 기관이 공개했습니다"),
    "listed": ({"listing": "listed_only", "grade": ""}, "Is the full text open?", "원문 공개 여부"),
}  # fmt: skip


def _record(key: str, number: int, fields: dict[str, object]) -> PublishedRecord:
    now = timezone.now()
    values: dict[str, object] = {
        "public_id": f"seoul-i18n-{key}", "title": f"하천 정비 계획 {number}호", "organization": "서울특별시",
        "department": "물순환정책과", "info_type": "결재문서", "produced_on": dt.date(2021, 2, 1 + number),
        "grade": "공개", "listing": "graded", "registration_number": f"물순환정책과-{100 + number}",
        "published_at": now, "updated_at": now, **fields,
    }  # fmt: skip
    return PublishedRecord.objects.create(**values)


@pytest.fixture
def published() -> dict[str, str]:
    """One record of each kind (the open one with a previewed file), expense lines and a catalogue item."""
    from sotong.search.indexer import search_rebuild

    records = {key: _record(key, n, fields) for n, (key, (fields, _, _)) in enumerate(RECORDS.items())}
    file = PublishedFile.objects.create(
        record=records["open"], order=1, name="본문.pdf", role="body", mime_type="application/pdf",
        size=2048, sha256="0" * 64, source_format="hwp",
    )  # fmt: skip
    for number in (1, 2):
        PublishedPage.objects.create(file=file, number=number, image_sha256=str(number) * 64, text="하천")
    search_rebuild()
    ExpenseLine.objects.create(
        source_nid="1", spent_at=timezone.now(), dept_level_1="서울시본청", dept_level_2="행정국", year=2020,
        month=9, place="시청 구내식당", purpose="업무 협의", attendees="팀장 외 3명", amount=48000,
    )  # fmt: skip
    item = ProactiveItem.objects.create(
        taxonomy="행정>민원처리실적", field="행정", department="시민봉사담당관", cycle="monthly",
        last_published_on=dt.date(2020, 9, 2), next_due_on=dt.date(2020, 10, 2),
    )  # fmt: skip
    ProactivePublication.objects.create(
        item=item, nid="1", title="2020년 8월 민원처리 실적", registered_at=timezone.now(), writer="홍길순"
    )
    return {"item": f"/proactive/{item.pk}/"}


def _pages(published: dict[str, str]) -> list[PageType]:
    records = [PageType(f"/records/seoul-i18n-{key}/", en, ko) for key, (_, en, ko) in RECORDS.items()]
    return [
        *records,
        PageType("/", "<h1>Open Government Plaza</h1>", "<h1>정보소통광장</h1>"),
        PageType("/search/?q=하천", "results for ‘하천’", "‘하천’ 검색 결과"),
        PageType("/search/?q=없는낱말zqxj", "No documents found.", "찾는 문서가 없습니다."),
        PageType("/search/?q=하천&page=9999", "Search documents", "문서 검색", 400),
        PageType("/list/", "<h1>Document list</h1>", "<h1>정보목록</h1>"),
        PageType("/list/?organization=서울특별시", "Remove the filter Organization", "기관 조건 해제"),
        PageType("/list/?after=bad", "Back to the first page of the document list", "정보목록 첫 쪽으로", 400),
        PageType("/verify/", "<h1>Verify a copy</h1>", "<h1>진본 확인</h1>"),
        PageType("/browse/", "Kinds of information", "정보 종류"),
        PageType("/no-such-page/", "<h1>Page not found</h1>", "<h1>페이지를 찾을 수 없습니다</h1>", 404),
        PageType("/expenses/", "Business expenses, newest first", "업무추진비 집행 내역"),
        PageType("/expenses/totals/", "Business expenses: monthly totals per department", "업무추진비 부서별 월 합계"),
        PageType("/expenses/?month=2020-13", "The filters could not be read", "조건을 읽을 수 없습니다", 400),
        PageType("/proactive/", "<h1>Proactive publication</h1>", "<h1>사전정보공표</h1>"),
        PageType(published["item"], "Overdue", "공표 기한 지남"),
        PageType("/proactive/?overdue=2", "Back to the start of the proactive publication list", "사전정보공표 목록 처음으로", 400),
    ]  # fmt: skip


@pytest.fixture(autouse=True)
def korean_after_each_test():
    """An English request leaves English active in this thread; later tests render outside requests."""
    yield
    translation.deactivate()


def _get(client, page: PageType, **headers: str) -> str:
    response = client.get(iri_to_uri(page.path), headers=headers)  # as a browser sends it
    assert response.status_code == page.status, page.path
    return response.content.decode()


def _assert_english(html: str, page: PageType) -> None:
    assert '<html lang="en">' in html, page.path
    assert page.english in html, page.path
    assert ">Document list</a>" in html and ">Skip to content</a>" in html, page.path
    assert 'name="language" value="ko" lang="ko">' in html, page.path  # the way back to Korean
    assert ">정보목록</a>" not in html, page.path


def _assert_korean(html: str, page: PageType) -> None:
    assert '<html lang="ko">' in html, page.path
    assert page.korean in html, page.path
    assert ">정보목록</a>" in html and 'name="language" value="en" lang="en">' in html, page.path


def test_every_public_page_type_answers_in_english_when_the_browser_asks(client, published):
    for page in _pages(published):
        _assert_english(_get(client, page, accept_language="en-US,en;q=0.9"), page)


def test_korean_is_the_default_and_answers_a_korean_or_any_other_browser(client, published):
    for page in _pages(published):
        _assert_korean(_get(client, page), page)
        _assert_korean(_get(client, page, accept_language="ko-KR,ko;q=0.9,en;q=0.5"), page)
        _assert_korean(_get(client, page, accept_language="fr-FR"), page)


def test_the_switch_comes_back_to_the_same_page_and_the_choice_outlasts_accept_language(client, published):
    html = _get(client, PageType("/list/?organization=서울특별시&year=2021", "", ""))
    form = re.search(r'<form class="language" action="([^"]+)" method="post">(.*?)</form>', html, re.S)
    assert form and 'name="csrfmiddlewaretoken"' in form.group(2)
    back_to = unescape(re.search(r'name="next" value="([^"]+)"', form.group(2)).group(1))
    assert back_to == iri_to_uri("/list/?organization=서울특별시&year=2021")

    response = client.post(form.group(1), {"language": "en", "next": back_to})
    assert response.status_code == 302 and response["Location"] == back_to
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    for page in _pages(published):
        _assert_english(_get(client, page, accept_language="ko"), page)  # the choice wins

    client.post(form.group(1), {"language": "ko", "next": back_to})
    for page in _pages(published):
        _assert_korean(_get(client, page, accept_language="en"), page)


def test_bilingual_error_messages_stay_bilingual_in_english(client, published):
    errors = {
        "/search/?q=하천&page=9999": ("쪽 번호", "Page 9999 is out of range"),
        "/list/?after=bad": ("목록의 쪽 위치가 올바르지 않습니다", "This position in the list is not valid"),
        "/expenses/?month=2020-13": ("연월은 2020-09처럼", "Choose the month as YYYY-MM"),
        "/proactive/?overdue=2": ("공표 기한이 지난 항목만 보려면", "use overdue=1 for overdue items only"),
    }
    for path, (korean, english) in errors.items():
        html = client.get(path, headers={"accept-language": "en"}).content.decode()
        assert korean in html and english in html, path
    html = client.post("/verify/", {}, headers={"accept-language": "en"}).content.decode()
    assert "확인할 파일을 선택해 주십시오. / Please choose a file to check." in html


def test_english_pages_show_no_korean_text_the_korean_page_does_not(client, published):
    """Translations add words, never data: every Korean run on an English page (titles,
    departments …) is on the Korean page too."""
    for page in _pages(published):
        korean = _get(client, page)
        english = _get(client, page, accept_language="en")
        extra = {run for run in HANGUL_RUN.findall(english) if run not in korean} - {"한국어"}
        assert not extra, (page.path, extra)


def test_the_feed_and_the_server_error_page_follow_the_language(client, published):
    feed = client.get("/feed/", headers={"accept-language": "en"}).content.decode()
    assert "Open Government Plaza: new documents" in feed and "Listed only" in feed
    assert "정보소통광장 새 문서" in client.get("/feed/").content.decode()
    with translation.override("en"):
        page = render_to_string("500.html")
    assert '<html lang="en">' in page and "Something went wrong" in page and "처음으로 / Home" in page
    assert '<html lang="ko">' in render_to_string("500.html")


# --- the catalogue ---------------------------------------------------------------------------------


def _catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def test_every_message_has_an_english_translation_and_none_is_fuzzy():
    catalogue = _catalogue()
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]
    untranslated = [e.msgid for e in catalogue if not (e.msgstr or all(e.msgstr_plural.values()))]
    assert not untranslated, untranslated
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_translations_keep_the_placeholders_and_the_markup_of_their_korean():
    """A lost %(name)s makes Django fall back to Korean; a lost tag breaks the page."""
    for entry in _catalogue():
        for text in [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values()):
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(entry.msgid)), entry.msgid


def test_the_catalogue_holds_exactly_the_messages_the_source_marks():
    """What ``makemessages`` would collect, without GNU gettext: nothing untranslated, nothing stale."""
    marked = messages_in(SOURCE_ROOT)
    catalogued = {Message(e.msgctxt or "", e.msgid, e.msgid_plural) for e in _catalogue()}
    missing = {
        f"{m.msgid!r} ({', '.join(str(p.relative_to(SOURCE_ROOT)) for p in marked[m])})"
        for m in marked.keys() - catalogued
    }
    assert not missing, (
        "locale/en/LC_MESSAGES/django.po에 번역을 넣으십시오 / add these to the catalogue:\n"
        + "\n".join(sorted(missing))
    )
    stale = catalogued - marked.keys()
    assert not stale, (
        f"쓰이지 않는 번역을 지우십시오 / remove these, no longer used: {sorted(m.msgid for m in stale)}"
    )


def test_the_committed_catalogue_compiles_in_pure_python(tmp_path):
    mo = tmp_path / "django.mo"
    catalogue_compile(po=CATALOGUE, mo=mo)
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("정보목록") == "Document list"
    assert compiled.pgettext("expenses", "모두 %(n)s건") == "%(n)s payment in all"
    assert compiled.ngettext("%(counter)s쪽", "%(counter)s쪽", 2) == "%(counter)s pages"
