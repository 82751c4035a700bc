import json
import re
from typing import cast

import pytest

from sotong.audit.models import AuditEvent
from sotong.records.models import ApprovalStep, InfoType, Record
from sotong.records.services.records import ApprovalStepData, RecordData, record_upsert_many
from sotong.records.tests.factories import RecordFactory

pytestmark = pytest.mark.django_db


def _data(**fields):
    values = {"title": "소방차 정비 결과 보고", "source": "test", "registration_number": "소방행정과-1424"}
    return RecordData(**(values | fields))


def test_same_source_id_updates_and_never_duplicates(seoul):
    first = record_upsert_many(organization=seoul, items=[_data(source_id="A1")], actor="test")
    again = record_upsert_many(organization=seoul, items=[_data(source_id="A1")], actor="test")
    changed = record_upsert_many(
        organization=seoul, items=[_data(source_id="A1", title="수정된 제목")], actor="test"
    )
    assert (len(first.created), len(again.unchanged), len(changed.updated)) == (1, 1, 1)
    assert Record.objects.get().title == "수정된 제목"
    # One batch event per call that changed something (none for the unchanged one), listing each record.
    public_id = first.created[0].public_id
    batches = AuditEvent.objects.filter(target_type="batch")
    assert [(e.action, e.target_id, e.data) for e in batches] == [
        (
            action,
            "1 record",
            {"events": [[action, "record", public_id, {"source": "test", "source_id": "A1"}]]},
        )
        for action in ("record.created", "record.updated")
    ]


def test_shared_registration_number_keeps_both_documents(seoul):
    items = [_data(source_id="A1"), _data(source_id="A2", title="다른 문서")]
    record_upsert_many(organization=seoul, items=items, actor="test")
    assert Record.objects.filter(registration_number="소방행정과-1424").count() == 2


def test_document_without_source_id_is_keyed_by_its_content(seoul):
    record_upsert_many(organization=seoul, items=[_data(), _data()], actor="test")
    record_upsert_many(organization=seoul, items=[_data()], actor="test")
    assert Record.objects.count() == 1


def test_public_id_is_derived_from_the_source_id_not_the_database_key(seoul):
    created = record_upsert_many(organization=seoul, items=[_data(source_id="A1")], actor="test").created[0]
    Record.objects.all().delete()
    recreated = record_upsert_many(organization=seoul, items=[_data(source_id="A1")], actor="test").created[0]
    assert created.public_id == recreated.public_id
    assert created.public_id.startswith("seoul-")
    assert created.pk != recreated.pk


def test_approval_line_is_replaced_only_when_it_changes(seoul):
    line = (ApprovalStepData(role="기안", position="주무관"), ApprovalStepData(role="결재", position="과장"))
    record_upsert_many(organization=seoul, items=[_data(source_id="A1", approval_line=line)], actor="test")
    again = record_upsert_many(
        organization=seoul, items=[_data(source_id="A1", approval_line=line)], actor="test"
    )
    assert len(again.unchanged) == 1
    assert list(ApprovalStep.objects.values_list("order", "role", "position")) == [
        (1, "기안", "주무관"),
        (2, "결재", "과장"),
    ]


def test_info_types_hold_the_31_kinds_of_the_plaza_and_the_seed_kinds(db, demo_data):
    overview = (demo_data / "seed-documents" / "opengov-plaza-service-overview.txt").read_text(
        encoding="utf-8"
    )
    section = overview.split("\n공개 서비스\n", 1)[1].split("결재문서 서비스", 1)[0]
    plaza_kinds = [kind.strip() for kind in re.split(r"[,\n]", section) if kind.strip()]
    assert len(plaza_kinds) == 31
    metadata = json.loads((demo_data / "seed-documents" / "metadata.json").read_text(encoding="utf-8"))
    seed_kinds = {document["kind"] for document in metadata["documents"]}
    assert set(plaza_kinds) | seed_kinds <= set(InfoType.objects.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("grade", "original_url", "listing"),
    [
        ("공개", "", "graded"),
        ("", "https://opengov.seoul.go.kr/sanction/22233189", "published_elsewhere"),
        ("", "", "listed_only"),
    ],
)
def test_the_decision_says_how_a_metadata_only_record_appears_on_the_list(grade, original_url, listing):
    from sotong.pipeline.decisions import records_decide

    record = cast(Record, RecordFactory(grade=grade, original_url=original_url))
    records_decide(records=[record], actor="test")
    record.refresh_from_db()
    assert record.decided_listing == listing


def test_info_type_admin_lets_an_officer_add_a_kind(admin_client):
    response = admin_client.post(
        "/admin/records/infotype/add/", {"name": "회의록", "order": 40, "is_active": "on"}
    )
    assert response.status_code == 302
    assert InfoType.objects.filter(name="회의록").exists()
