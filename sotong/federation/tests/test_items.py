"""The strict reading of a peer's page: everything a correct peer would not send is refused."""

import datetime as dt

import pytest

from sotong.federation.errors import FederationError
from sotong.federation.items import page_read
from sotong.federation.tests.fakes import FakePeer

BASE = "http://mapo.example:8000"
PEER = FakePeer(base_url=BASE)


def _page(*items, next="1", more=False):
    return {"items": list(items), "next": next, "more": more}


def _code(data, sent="", limit=100):
    with pytest.raises(FederationError) as caught:
        page_read(data, sent=sent, limit=limit, base_url=BASE)
    return caught.value.code, getattr(caught.value, "field", None)


def test_a_correct_page_is_read_with_grounds_back_to_their_numbers_and_dates_as_dates():
    withheld = PEER.item(2, grade="비공개", grounds=["제5호: 감사·감독·검사·시험·규제·입찰계약·의사결정 과정 또는 내부검토 과정에 있는 사항"],
                         opens_on="2031-01-01", files=[], text="")  # fmt: skip
    page = page_read(_page(PEER.item(1), withheld, next="2"), sent="", limit=100, base_url=BASE)
    assert (page.next, page.more, len(page.items)) == ("2", False, 2)
    first, second = page.items
    assert first.public_id.startswith("mapo-") and first.instance == "mapo"
    assert first.produced_on == dt.date(2021, 2, 10) and first.files[0]["url"].startswith(BASE)
    assert second.grounds == (5,) and second.opens_on == dt.date(2031, 1, 1)


def test_unknown_keys_are_ignored_and_fields_of_older_feeds_may_be_absent():
    item = PEER.item(1, new_field="from a newer peer")
    del item["no_opening_reason"], item["origin"], item["origin_url"]
    assert page_read(_page(item), sent="", limit=100, base_url=BASE).items[0].no_opening_reason == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "mapo-short"}, "id"), ({"id": "MAPO-" + "a" * 26}, "id"), ({"id": 7}, "id"),
        ({"title": 5}, "title"), ({"title": "  "}, "title"), ({"title": "가" * 1001}, "title"),
        ({"title": "nul\x00"}, "title"), ({"grade": "일부공개"}, "grade"), ({"listing": "secret"}, "listing"),
        ({"grounds": ["제10호"]}, "grounds"), ({"grounds": "제5호"}, "grounds"), ({"grounds": [5]}, "grounds"),
        ({"date": "2021-2-10"}, "date"), ({"date": "2021-02-30"}, "date"), ({"opens_on": 20310101}, "opens_on"),
        ({"url": "http://evil.example/records/x/"}, "url"), ({"url": "/records/x/"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"), ({"url": "http://user@mapo.example:8000/x"}, "url"),
        ({"original_url": "ftp://x.example/a"}, "original_url"),
        ({"files": [{"name": "a.pdf", "role": "body", "size": True, "sha256": "ab" * 32, "url": BASE + "/f"}]}, "files"),
        ({"files": [{"name": "a.pdf", "role": "body", "size": 1, "sha256": "xyz", "url": BASE + "/f"}]}, "files"),
        ({"files": [{"name": "a.pdf", "role": "body", "size": 1, "sha256": "ab" * 32, "url": "http://cdn.example/f"}]}, "files"),
        ({"files": "a.pdf"}, "files"), ({"approval_line": [{"role": "결재"}]}, "approval_line"),
        ({"text": None}, "text"), ({"organization": ""}, "organization"),
    ],
)  # fmt: skip
def test_a_bad_field_rejects_the_whole_page(change, field):
    assert _code(_page(PEER.item(0), PEER.item(1, **change), next="2")) == ("peer_bad_item", field)


def test_a_missing_field_rejects_the_whole_page():
    item = PEER.item(1)
    del item["listing"]
    assert _code(_page(item)) == ("peer_bad_item", "listing")


@pytest.mark.parametrize(
    "data",
    [
        [], "<html>", {"items": {}, "next": "1", "more": False}, {"items": [], "next": 1, "more": False},
        {"items": [], "next": "1", "more": "no"}, {"items": [], "next": "x" * 501, "more": False},
        {"items": [PEER.item(1), PEER.item(1)], "next": "2", "more": False},
        {"items": [PEER.item(n) for n in range(3)], "next": "3", "more": False},  # more than asked for
    ],
)  # fmt: skip
def test_a_malformed_page_is_refused(data):
    assert _code(data, limit=2)[0] == "peer_bad_page"


@pytest.mark.parametrize(
    ("data", "sent"),
    [
        (_page(PEER.item(1), next="c1", more=True), "c1"),  # next equal to the cursor sent
        (_page(PEER.item(1), next="c1", more=False), "c1"),
        (_page(next="c2", more=True), "c1"),  # more, and nothing on the page
    ],
)
def test_a_cursor_that_does_not_move_on_is_a_loop(data, sent):
    assert _code(data, sent=sent)[0] == "peer_cursor_loop"


def test_the_end_of_the_feed_may_repeat_the_cursor():
    page = page_read(_page(next="c1", more=False), sent="c1", limit=100, base_url=BASE)
    assert (page.items, page.next, page.more) == ((), "c1", False)
