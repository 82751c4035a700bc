"""``sotong load-demo``'s projects: the seeds' own project from plan to service, chosen by public id,
and a construction project following a real task card of the week's list; a second run changes
nothing. The seeds go through the whole pipeline, which runs once the intake commits: hence
``transaction=True``."""

import pytest

from sotong.audit.models import AuditEvent
from sotong.intake.services.folders import folder_ingest
from sotong.intake.services.lists import list_import
from sotong.projects.demo import TUNNEL_TASK_CARD, projects_demo_load
from sotong.projects.models import Project
from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db(transaction=True)

WEEK = "20210208_20210214_info_list.csv"
SEED_TITLES = [  # from plan to service: 2012-08-23, 2013-07-01, and the undated overview last
    "개방·공유·소통의 열린시정 2.0 종합 추진계획(안)",
    "시민 공감 공유의 서울시 열린정부3.0 종합계획",
    "정보소통광장 서비스 개요",
]


@pytest.fixture
def loaded(seoul, demo_data):
    summary = folder_ingest(folder=demo_data / "seed-documents", actor="test")
    assert not summary.rejected
    list_import(path=demo_data / "opengov" / WEEK, organization=seoul, actor="test")


def test_the_demo_projects_are_made_once_from_the_seeds_and_the_weeks_list(client, loaded, demo_data):
    said: list[str] = []
    projects_demo_load(root=demo_data, say=said.append)
    assert said == [
        "사업 '서울 정보소통광장 구축 및 고도화': 고른 문서 3건, 단위과제 문서 0건",
        "사업 '서울제물포터널 민간투자사업': 고른 문서 0건, 단위과제 문서 2건",
    ]
    plaza = Project.objects.get(slug="opengov-plaza")
    assert (plaza.published, plaza.kind, plaza.status, plaza.department) == (
        True,
        "policy",
        "done",
        "정보공개정책과",
    )
    html = client.get("/projects/opengov-plaza/").content.decode()
    links = [html.index(f">{title}</a>") for title in SEED_TITLES]
    assert links == sorted(links)
    assert "2012년 <small>(1건)</small>" in html and "생산일 없음 <small>(1건)</small>" in html
    assert "3,390,000,000원" in html and "온라인 통합 단일 창구" in html
    for record in PublishedRecord.objects.filter(title__in=SEED_TITLES):
        assert f'href="/records/{record.public_id}/"' in html

    tunnel = PublishedRecord.objects.filter(task_card=TUNNEL_TASK_CARD)
    assert tunnel.count() == 2
    html = client.get("/projects/jemulpo-tunnel/").content.decode()
    assert "건설사업" in html and "추진 중" in html and html.count('href="/records/') == 2
    assert "설비부" in html and "시운전계획서" in html

    events, stamps = AuditEvent.objects.count(), list(Project.objects.values_list("updated_at", flat=True))
    projects_demo_load(root=demo_data, say=said.append)  # every load-demo run: nothing changes
    assert said[2:] == [
        "사업 '서울 정보소통광장 구축 및 고도화': 이미 있습니다 / already there",
        "사업 '서울제물포터널 민간투자사업': 이미 있습니다 / already there",
    ]
    assert AuditEvent.objects.count() == events
    assert list(Project.objects.values_list("updated_at", flat=True)) == stamps
