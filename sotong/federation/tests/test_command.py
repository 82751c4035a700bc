"""``sotong federation add / list / harvest``: thin, bilingual, and never a traceback for a bad peer."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sotong.audit.models import AuditEvent
from sotong.federation.models import Peer
from sotong.federation.tests.fakes import closed_port_url, fake_peer

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("federation", *args, stdout=out)
    return out.getvalue()


def test_add_list_and_harvest_say_what_happened_in_korean_and_english(seoul):
    with fake_peer() as fake:
        fake.items = [fake.item(n) for n in range(2)]
        added = _run("add", "mapo", fake.base_url + "/", "--organization", "마포구")
        assert "연계 기관을 추가했습니다 / peer added: mapo" in added and "조직도에" not in added
        assert Peer.objects.get().base_url == fake.base_url  # the trailing slash is dropped
        assert AuditEvent.objects.filter(action="federation.peer_added", target_id="mapo").exists()
        _run("add", "down", closed_port_url(), "--organization", "노원구")
        harvested = _run("harvest")
    assert "mapo (마포구) 수집 중 / harvesting" in harvested
    assert "새로 씀·갱신 2건" in harvested and "written 2" in harvested
    assert "✗ down: [peer_unreachable]" in harvested and "Cannot connect" in harvested
    listed = _run("list")
    assert "mapo  마포구" in listed and "문서 2건" in listed and "records 2" in listed
    assert "[peer_unreachable]" in listed and "연속 실패 1회" in listed


def test_an_organization_missing_from_the_chart_is_pointed_out():
    assert "조직도에 '어느 재단'이(가) 없어" in _run(
        "add", "fund", "https://open.fund.example", "--organization", "어느 재단"
    )


@pytest.mark.parametrize(
    ("args", "code_text"),
    [
        (("add", "Mapo!", "http://x.example", "--organization", "마포구"), "영문 소문자"),
        (("add", "mapo", "ftp://x.example", "--organization", "마포구"), "http(s)://"),
        (("add", "mapo", "http://x.example/?a=1", "--organization", "마포구"), "without a query"),
        (("add", "mapo", "http://x.example", "--organization", " "), "1–100"),
        (("harvest", "nobody"), "There is no peer named 'nobody'"),
    ],
)
def test_bad_input_is_a_bilingual_command_error(args, code_text):
    with pytest.raises(CommandError) as caught:
        _run(*args)
    assert code_text in str(caught.value)


def test_a_name_is_taken_once():
    _run("add", "mapo", "http://x.example", "--organization", "마포구")
    with pytest.raises(CommandError, match="already exists"):
        _run("add", "mapo", "http://y.example", "--organization", "마포구")


def test_harvest_without_peers_says_so_and_quiet_says_nothing():
    assert "no enabled peers" in _run("harvest")
    assert _run("harvest", "--quiet") == ""
