"""The demo's projects, made by ``sotong load-demo`` after the documents and lists are in:

- 서울 정보소통광장 구축 및 고도화 (서울의 정책): the one undertaking the seed documents follow from
  plan to service — the 2012 plan, the 2013 plan and the service overview — chosen one by one.
  Its description, budget, department and dates are the seeds' own words and figures.
- 서울제물포터널 민간투자사업 (건설사업): follows a real task card of the week's list.

A project that exists already is left as it is (an officer may have changed it): a second run
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from django.db import transaction

from sotong.intake.services.folders import folder_manifests
from sotong.projects.choices import Kind, Status
from sotong.projects.models import Project
from sotong.projects.services import (
    ProjectFields,
    project_create,
    project_publish_set,
    project_record_add,
    project_task_card_add,
)
from sotong.publication.models import PublishedRecord
from sotong.records.models import Record

ACTOR = "command:load-demo"
SEED_FOLDER = "seed-documents"

OPENGOV_PLAZA_DESCRIPTION = """\
공개 가능한 모든 행정정보를 온라인 통합 단일 창구로 서비스하고, 편리한 접근성과 이용 용이성으로 시민 알권리와 참여를 증진하려는 사업입니다(2012년 「개방·공유·소통의 열린시정 2.0 종합 추진계획」의 '서울 정보소통광장 구축 및 고도화', 정보화기획단).

서울 정보소통광장은 2012년 5월 8일 시범 오픈하고 2012년 8월 22일 시민에게 정식 오픈했습니다.

2013년 「시민 공감 공유의 서울시 열린정부3.0 종합계획」은 정보소통광장을 이용시민 중심으로 전면 재구축하고, 업무관리시스템과 정보소통광장의 중간영역(플랫폼)으로 문서공개 시스템을 구축하기로 했습니다. 부분공개 문서의 비공개 부분을 마스킹하고, 위조방지를 위한 공개용 문서(PDF)로 변환해 정보소통광장으로 자동 전송합니다(구축기간 2013.1~2014.2, 2013년 10월부터 시험서비스, 담당 정보공개정책과).

서비스 개요에 따르면 정보소통광장에서는 언제, 어디서나 서울시의 모든 행정정보를 속속들이 살필 수 있고, 어느 화면에서든지 바로 문서를 미리보기로 열람하고 원문을 내려받을 수 있습니다. 2015년 10월 31일 기준으로 31개 유형, 76개 기관(부서)의 행정정보 11,187,861건을 공개했습니다."""

TUNNEL_TASK_CARD = "서울제물포터널설비공사관리"


@dataclass(frozen=True)
class DemoProject:
    slug: str
    fields: ProjectFields
    seed_files: tuple[str, ...] = ()  # seed documents chosen one by one, by file name
    task_cards: tuple[str, ...] = ()  # task cards followed


OPENGOV_PLAZA = DemoProject(
    slug="opengov-plaza",
    fields=ProjectFields(
        name="서울 정보소통광장 구축 및 고도화", kind=Kind.POLICY, status=Status.DONE,
        organization="서울특별시", department="정보공개정책과", description=OPENGOV_PLAZA_DESCRIPTION,
        budget=3_390_000_000, started_on=dt.date(2012, 5, 8),
        budget_note="2013년 열린정부3.0 종합계획의 소요예산 33.9억원(정보소통광장 24.4억원, 문서공개 시스템 9.5억원, "
        "2013~2017년). 2012년 열린시정 2.0 계획은 정보소통광장 고도화에 229백만원을 잡았습니다.",
    ),
    seed_files=(
        "open-city-governance-2.0-plan-2012.txt",
        "open-government-3.0-master-plan-2013.txt",
        "opengov-plaza-service-overview.txt",
    ),
)  # fmt: skip

JEMULPO_TUNNEL = DemoProject(
    slug="jemulpo-tunnel",
    fields=ProjectFields(
        name="서울제물포터널 민간투자사업", kind=Kind.CONSTRUCTION, status=Status.ONGOING,
        organization="서울특별시",
        description=f"서울제물포터널 민간투자사업의 설비공사 관리 문서(단위과제 '{TUNNEL_TASK_CARD}')를 생산일 "
        "순서로 모았습니다. 같은 단위과제로 새 문서가 공개되면 이 사업에 저절로 더해집니다.",
    ),
    task_cards=(TUNNEL_TASK_CARD,),
)  # fmt: skip


def _seed_public_ids(root: Path, files: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The public ids of the seed documents taken in from ``files``, found by the manifest's title,
    organization and registration number; and the files not found."""
    if not files:
        return [], []
    manifests = {str(m.get("file")): m for m in folder_manifests(root / SEED_FOLDER)}
    found: list[str] = []
    missing: list[str] = []
    for name in files:
        manifest = manifests[name]
        records = Record.objects.filter(
            files__original_name=name, title=manifest["title"], organization__name=manifest["organization"]
        )
        if manifest.get("registration_number"):
            records = records.filter(registration_number=manifest["registration_number"])
        public_id = records.order_by("id").values_list("public_id", flat=True).first()
        (found if public_id else missing).append(public_id or name)
    return found, missing


def _unit_of(task_card: str) -> tuple[str, str] | None:
    """The organization and department that produce a task card's records, as published."""
    return (
        PublishedRecord.objects.filter(task_card=task_card)
        .order_by("id")
        .values_list("organization", "department")
        .first()
    )


def _create(demo: DemoProject, public_ids: list[str]) -> Project:
    fields = demo.fields
    unit = _unit_of(demo.task_cards[0]) if demo.task_cards else None
    if unit:
        fields = replace(fields, organization=unit[0], department=unit[1])
    project = project_create(slug=demo.slug, fields=fields, actor=ACTOR)
    for name in demo.task_cards:
        project_task_card_add(project=project, name=name, actor=ACTOR)
    for public_id in public_ids:
        project_record_add(project=project, public_id=public_id, actor=ACTOR)
    project_publish_set(project=project, published=True, actor=ACTOR)
    return project


def projects_demo_load(*, root: Path, say: Callable[[str], None]) -> None:
    for demo in (OPENGOV_PLAZA, JEMULPO_TUNNEL):
        if Project.objects.filter(slug=demo.slug).exists():
            say(f"사업 '{demo.fields.name}': 이미 있습니다 / already there")
            continue
        public_ids, missing = _seed_public_ids(root, demo.seed_files)
        with transaction.atomic(durable=True):
            _create(demo, public_ids)
        counted = PublishedRecord.objects.filter(task_card__in=demo.task_cards).count()
        said = f"사업 '{demo.fields.name}': 고른 문서 {len(public_ids)}건, 단위과제 문서 {counted}건"
        say(said + (f" (찾지 못한 문서: {', '.join(missing)})" if missing else ""))
