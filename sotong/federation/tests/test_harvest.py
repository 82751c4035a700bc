"""Harvesting a peer over real HTTP on loopback: what is written, what is refused, and how a peer
that is down, slow, or answers garbage is recorded without stopping the others."""

import json
import time

import pytest

from sotong.federation.client import Limits
from sotong.federation.models import Peer, Refusal
from sotong.federation.services import peer_add, peer_harvest, peers_harvest
from sotong.federation.tests.fakes import Answer, closed_port_url, fake_peer, not_http_server
from sotong.publication.models import PublishedRecord
from sotong.publication.services import PublicationData, publication_upsert_many

pytestmark = pytest.mark.django_db(transaction=True)
QUICK = Limits(connect_seconds=1, read_seconds=0.5, total_seconds=3)


@pytest.fixture
def peer_server():
    with fake_peer() as fake:
        yield fake


def _peer(url: str, name: str = "mapo", organization: str = "마포구") -> Peer:
    return peer_add(name=name, base_url=url, organization=organization, actor="test")


def test_records_are_written_under_the_peer_organization_with_their_ids_and_links(client, peer_server, seoul):
    peer_server.items = [peer_server.item(n) for n in range(3)]
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer, page_size=2)
    assert (outcome.error, outcome.pages, outcome.written) == (None, 2, 3)
    assert peer_server.requests == ["", "2"]
    record = PublishedRecord.objects.get(public_id=peer_server.items[0]["id"])
    assert (record.origin, record.organization, record.body_text) == (
        "mapo",
        "마포구",
        "층간소음 민원 처리 결과 0",
    )
    assert record.origin_url == f"{peer_server.base_url}/records/{record.public_id}/"
    assert record.origin_files[0]["url"].startswith(peer_server.base_url) and not record.files.exists()
    peer.refresh_from_db()
    assert (peer.cursor, peer.consecutive_failures, peer.last_error_code) == ("3", 0, "")
    assert peer.last_success_at is not None

    api = client.get(f"/api/v1/records/{record.public_id}").json()
    assert (api["origin"], api["origin_url"]) == ("mapo", record.origin_url)
    assert api["files"][0]["url"] == record.origin_files[0]["url"]
    hits = client.get("/api/v1/search", {"q": "층간소음", "organization": "마포구"}).json()
    assert {h["id"] for h in hits["results"]} == {i["id"] for i in peer_server.items}
    page = client.get(f"/records/{record.public_id}/").content.decode()
    assert record.origin_files[0]["url"] in page and record.origin_url in page


def test_a_second_harvest_writes_nothing_and_a_changed_record_is_updated(peer_server):
    peer_server.items = [peer_server.item(n) for n in range(2)]
    peer = _peer(peer_server.base_url)
    peer_harvest(peer=peer)
    assert (peer_harvest(peer=peer).written, peer_server.requests[-1]) == (0, "2")
    peer_server.items.append(peer_server.item(0, title="마포구 문서 0 (고침)"))  # changed: at the feed's end
    outcome = peer_harvest(peer=peer)
    assert (outcome.written, outcome.unchanged) == (1, 0)
    assert PublishedRecord.objects.get(public_id=peer_server.items[0]["id"]).title == "마포구 문서 0 (고침)"
    assert PublishedRecord.objects.filter(origin="mapo").count() == 2


def test_a_peer_that_is_down_is_recorded_and_the_next_peer_is_harvested(peer_server):
    peer_server.items = [peer_server.item(1)]
    down = _peer(closed_port_url(), name="down", organization="중구")
    _peer(peer_server.base_url)
    first, second = peers_harvest(peers=list(Peer.objects.order_by("name")), limits=QUICK)
    assert first.error.code == "peer_unreachable" and second.error is None and second.written == 1
    down.refresh_from_db()
    assert (down.cursor, down.consecutive_failures, down.last_error_code) == ("", 1, "peer_unreachable")
    assert "연결할 수 없습니다" in down.last_error_ko and "Cannot connect" in down.last_error_en
    peer_harvest(peer=down, limits=QUICK)
    down.refresh_from_db()
    assert down.consecutive_failures == 2 and down.last_success_at is None


def test_a_slow_peer_times_out(peer_server):
    peer_server.answer = lambda since, limit: Answer(
        body=b'{"items": [], "next": "", "more": false}', delay=2
    )
    peer = _peer(peer_server.base_url)
    started = time.monotonic()
    outcome = peer_harvest(peer=peer, limits=QUICK)
    assert outcome.error.code == "peer_timeout" and time.monotonic() - started < 1.5


def test_a_peer_that_drips_its_answer_forever_is_cut_off_at_the_run_cap(peer_server):
    peer_server.answer = lambda since, limit: Answer(drip=0.1)
    peer = _peer(peer_server.base_url)
    started = time.monotonic()
    outcome = peer_harvest(peer=peer, limits=Limits(connect_seconds=1, read_seconds=1, total_seconds=1.5))
    assert outcome.error.code == "peer_timeout" and time.monotonic() - started < 3


def _json(data) -> Answer:
    return Answer(body=json.dumps(data).encode())


GARBAGE = {
    "html": (Answer(content_type="text/html", body=b"<html><body>Welcome</body></html>"), "peer_not_json"),
    "invalid JSON": (Answer(body=b'{"items": [tru'), "peer_not_json"),
    "JSON of another shape": (_json({"results": []}), "peer_bad_page"),
    "server error": (Answer(status=500, body=b'{"error": "boom"}'), "peer_http_status"),
    "not found": (Answer(status=404, content_type="text/html", body=b"Not Found"), "peer_http_status"),
    "redirect": (Answer(status=302, body=b""), "peer_http_status"),
}


@pytest.mark.parametrize("kind", GARBAGE)
def test_garbage_is_recorded_on_the_peer_and_nothing_is_written(peer_server, kind):
    answer, code = GARBAGE[kind]
    peer_server.answer = lambda since, limit: answer
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer, limits=QUICK)
    peer.refresh_from_db()
    assert (outcome.error.code, peer.last_error_code, peer.cursor) == (code, code, "")
    assert peer.last_error_ko and peer.last_error_en and not PublishedRecord.objects.exists()


def test_wrong_types_and_a_cursor_loop_are_garbage_too(peer_server):
    item = peer_server.item(1, size="big", title=["not", "text"])
    peer_server.answer = lambda since, limit: _json({"items": [item], "next": "1", "more": False})
    peer = _peer(peer_server.base_url)
    assert peer_harvest(peer=peer, limits=QUICK).error.code == "peer_bad_item"
    good = peer_server.item(2)
    peer_server.answer = lambda since, limit: _json({"items": [good], "next": since, "more": True})
    outcome = peer_harvest(peer=peer, limits=QUICK)
    assert outcome.error.code == "peer_cursor_loop" and outcome.pages == 0
    assert not PublishedRecord.objects.exists()


def test_a_peer_that_does_not_speak_http_is_recorded():
    with not_http_server() as url:
        outcome = peer_harvest(peer=_peer(url), limits=QUICK)
    assert outcome.error.code in {"peer_not_http", "peer_unreachable"}


def test_a_failed_page_keeps_the_cursor_after_the_last_committed_one_and_the_next_run_resumes(peer_server):
    peer_server.items = [peer_server.item(n) for n in range(4)]
    served = peer_server.feed
    peer_server.answer = lambda since, limit: served(since, limit) if since == "" else Answer(status=503)
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer, page_size=2)
    peer.refresh_from_db()
    assert (outcome.error.code, outcome.written, peer.cursor) == ("peer_http_status", 2, "2")
    peer_server.answer = None  # the peer is fixed
    outcome = peer_harvest(peer=peer, page_size=2)
    peer.refresh_from_db()
    assert (outcome.error, outcome.written, peer.cursor, peer.last_error_code) == (None, 2, "4", "")
    assert peer_server.requests[-1] == "2" and PublishedRecord.objects.filter(origin="mapo").count() == 4


def test_an_endless_feed_stops_at_the_page_cap_and_goes_on_next_run(peer_server):
    def endless(since: str, limit: int) -> Answer:
        n = int(since or 0)
        return _json({"items": [peer_server.item(n)], "next": str(n + 1), "more": True})

    peer_server.answer = endless
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer, max_pages=3)
    peer.refresh_from_db()
    assert (outcome.error, outcome.pages, outcome.stopped_early, peer.cursor) == (None, 3, True, "3")
    assert peer_harvest(peer=peer, max_pages=2).pages == 2 and peer_server.requests[-2:] == ["3", "4"]


def test_an_item_that_shows_unmasked_personal_information_is_refused_and_recorded(peer_server, seoul):
    leaking = peer_server.item(2, text="민원인 주민등록번호 850412-2345678, 연락처 010-4821-7730")
    # The district's officials' work numbers are public (정책실명제): not a reason to refuse.
    public = peer_server.item(3, text="문의: 마포구 주택과 02-3153-9421, 서울시 상담실 02-2133-7308")
    peer_server.items = [peer_server.item(1), leaking, public]
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer)
    assert (outcome.written, outcome.refused) == (2, 1)
    assert not PublishedRecord.objects.filter(public_id=leaking["id"]).exists()
    refusal = Refusal.objects.get(peer=peer)
    assert (refusal.public_id, refusal.code) == (leaking["id"], "refused_personal_information")
    assert "rrn" in refusal.kinds and "850412" not in json.dumps(refusal.kinds)
    peer.refresh_from_db()
    assert peer.cursor == "3"  # refused items are skipped, not retried forever

    peer_server.items.append({**leaking, "text": "민원인 주민등록번호 ******-*******"})  # the peer masked it
    assert peer_harvest(peer=peer).written == 1
    assert not Refusal.objects.exists() and PublishedRecord.objects.filter(public_id=leaking["id"]).exists()


def test_a_peers_category_and_region_are_kept_and_screened_like_its_text(client, peer_server, seoul):
    """정책연구 records carry the source's category and region; an older peer sends neither."""
    research = {**peer_server.item(1), "category": "건강", "region": "마포구"}
    older = {key: value for key, value in peer_server.item(2).items() if key not in ("category", "region")}
    leaking = {**peer_server.item(3), "region": "연락 010-4821-7730"}
    peer_server.items = [research, older, leaking]
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer)
    assert (outcome.written, outcome.refused) == (2, 1)
    record = PublishedRecord.objects.get(public_id=research["id"])
    assert (record.category, record.region) == ("건강", "마포구")
    assert PublishedRecord.objects.get(public_id=older["id"]).region == ""
    assert Refusal.objects.get(peer=peer).public_id == leaking["id"]
    api = client.get(f"/api/v1/records/{record.public_id}").json()
    assert (api["category"], api["region"], api["field"]) == ("건강", "마포구", record.field)


def test_ids_of_ours_of_another_owner_or_of_another_organization_are_refused(peer_server):
    taken = peer_server.item(1)
    publication_upsert_many(
        items=[
            PublicationData(
                public_id=taken["id"], title="우리 문서", organization="서울특별시", listing="graded"
            )
        ]
    )
    ours = peer_server.item(2, id="seoul-" + "a" * 26)
    other_organization = peer_server.item(3, organization="서울특별시")
    relayed = peer_server.item(4, origin="gangnam")
    peer_server.items = [taken, ours, other_organization, relayed, peer_server.item(5)]
    peer = _peer(peer_server.base_url)
    outcome = peer_harvest(peer=peer)
    assert (outcome.written, outcome.refused) == (1, 4)
    codes = dict(Refusal.objects.values_list("public_id", "code"))
    assert codes == {
        taken["id"]: "refused_id_taken", ours["id"]: "refused_own_prefix",
        other_organization["id"]: "refused_other_organization", relayed["id"]: "refused_relayed",
    }  # fmt: skip
    assert PublishedRecord.objects.get(public_id=taken["id"]).title == "우리 문서"


def test_a_disabled_peer_is_not_harvested_by_the_scheduler_command(peer_server):
    from django.core.management import call_command

    peer_server.items = [peer_server.item(1)]
    Peer.objects.filter(pk=_peer(peer_server.base_url).pk).update(enabled=False)
    call_command("federation", "harvest", "--quiet")
    assert peer_server.requests == []


def test_a_harvest_that_finds_the_cursor_moved_by_another_stops_without_writing(peer_server):
    peer_server.items = [peer_server.item(n) for n in range(2)]
    peer = _peer(peer_server.base_url)
    Peer.objects.filter(pk=peer.pk).update(cursor="2")  # another harvest (scheduler, worker) got there first
    outcome = peer_harvest(peer=peer)
    assert (outcome.error, outcome.written, outcome.stopped_early) == (None, 0, True)
    assert not PublishedRecord.objects.exists() and Peer.objects.get().cursor == "2"


def test_pages_too_large_are_asked_again_with_fewer_records_and_one_too_large_record_is_an_error(peer_server):
    peer_server.items = [peer_server.item(n, text="가" * 300) for n in range(3)]
    peer = _peer(peer_server.base_url)
    one_item = len(json.dumps({"items": peer_server.items[:1], "next": "1", "more": True}))
    outcome = peer_harvest(peer=peer, limits=Limits(max_page_bytes=one_item + 100))
    assert (outcome.error, outcome.written, outcome.pages) == (None, 3, 3)
    assert peer_server.requests[:3] == ["", "", ""]  # limit 100, then 10, then 1
    peer_server.items.append(peer_server.item(9, text="가" * 5000))
    outcome = peer_harvest(peer=peer, limits=Limits(max_page_bytes=one_item + 100))
    assert outcome.error.code == "peer_too_large" and Peer.objects.get().cursor == "3"
