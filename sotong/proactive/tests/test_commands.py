"""``sotong import-proactive FILE`` prints a summary and the skipped rows; ``load-demo``'s part sets a
few cycles so that the demo catalogue shows overdue items."""

import io

import pytest
from django.core.management import CommandError, call_command

from sotong.cli import main
from sotong.proactive.choices import Cycle
from sotong.proactive.demo import proactive_demo_load
from sotong.proactive.models import ProactiveItem

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_summary_and_each_skipped_row(write_list):
    out = io.StringIO()
    call_command(
        "import_proactive", str(write_list({"nid": "1"}, {"nid": "2", "regist_dt": "2020"})), stdout=out
    )
    printed = out.getvalue()
    assert "list.csv: 2행 — 신규 1, 갱신 0, 변경 없음 0, 거부 1" in printed and "created 1" in printed
    assert "3행 [regist_dt] 등록일 regist_dt='2020'가 올바르지 않습니다" in printed and "not valid" in printed


def test_sotong_import_proactive_names_the_command(monkeypatch, public_list):
    """Through Django's own entry point (which closes the test's connections when done: not run here)."""
    called: list[list[str]] = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", called.append)
    main(["sotong", "import-proactive", str(public_list)])
    assert called == [["sotong", "import_proactive", str(public_list)]]


def test_an_unreadable_file_stops_the_command_with_the_reason(tmp_path):
    with pytest.raises(CommandError, match="읽을 수 없습니다"):
        call_command("import_proactive", str(tmp_path / "missing.csv"))


def test_the_demo_imports_the_list_and_shows_overdue_items(client, demo_data):
    said: list[str] = []
    proactive_demo_load(root=demo_data, say=said.append)
    proactive_demo_load(root=demo_data, say=said.append)  # every load-demo run: nothing changes
    assert "신규 22" in said[0] and "변경 없음 22" in said[1]
    cycles = dict(ProactiveItem.objects.values_list("taxonomy", "cycle"))
    assert sum(cycle == Cycle.NOT_SET for cycle in cycles.values()) == 2
    assert {Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY, Cycle.AD_HOC} <= set(cycles.values())
    assert "공표 기한 지남" in client.get("/proactive/").content.decode()
