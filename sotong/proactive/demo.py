"""The demo catalogue: Seoul's September 2020 list, with a cycle for most items so that the page shows
overdue ones (their last publication is from 2020). Two items keep "not set", as an imported item
starts, so the demo shows that state too. Cycles an officer has set are never changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from sotong.proactive.choices import Cycle
from sotong.proactive.importer import proactive_import
from sotong.proactive.models import ProactiveItem
from sotong.proactive.services import item_cycle_set

DEMO_LIST = Path("opengov") / "20200901_20200930_public_list.csv"
ACTOR = "command:load-demo"
# By item name (the last step of the path), as the titles suggest: monthly reports, quarterly
# statements, yearly evaluations. 동물등록제 현황 and 지역보건의료계획 are left not set.
DEMO_CYCLES = {
    "정비사업 전문관리업체 등록현황": Cycle.MONTHLY,
    "시립대학교 총장, 처장의 업무추진비": Cycle.MONTHLY,
    "유형별 민원처리실적": Cycle.MONTHLY,
    "한강 수질검사 결과": Cycle.MONTHLY,
    "민간위탁사무 수탁기관 업무추진비 집행내역": Cycle.QUARTERLY,
    "민간위탁 종합성과평가 결과": Cycle.YEARLY,
    "한강수계관리기금 운용현황": Cycle.YEARLY,
    "BSC 관리현황": Cycle.AD_HOC,
}


def proactive_demo_load(*, root: Path, say: Callable[[str], None]) -> None:
    path = root / DEMO_LIST
    with transaction.atomic(durable=True):
        summary = proactive_import(path=path, actor=ACTOR)
        for item in ProactiveItem.objects.filter(cycle=Cycle.NOT_SET).order_by("id"):
            if item.name in DEMO_CYCLES:
                item_cycle_set(item=item, cycle=DEMO_CYCLES[item.name], actor=ACTOR)
    say(f"{path.name}: 사전정보공표 {summary.describe()}")
