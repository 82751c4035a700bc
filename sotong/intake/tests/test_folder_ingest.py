import datetime as dt
import json

import pytest

from sotong.core.clock import frozen_today
from sotong.intake.errors import ManifestErrors
from sotong.intake.services.folders import folder_ingest
from sotong.publication.models import PublishedRecord
from sotong.records.models import Record

# Transactional: the inline pipeline runs when each document's transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_seed_documents_come_in_with_text_and_approval_line(seoul, demo_data):
    summary = folder_ingest(folder=demo_data / "seed-documents", actor="test")
    assert (len(summary.accepted), summary.rejected) == (5, [])
    plan = Record.objects.get(registration_number="정보화기획담당관-11644")
    assert plan.state == "extracted" and "열린시정" in plan.files.get().text
    steps = list(plan.approval_steps.values_list("role", "position"))
    assert (
        steps[0] == ("기안", "주무관") and ("결재", "행정1부시장") in steps and ("협조", "총무과장") in steps
    )
    assert plan.department.path() == ["정보화기획단", "정보화기획담당관"]


def test_ingesting_the_folder_again_changes_nothing(seoul, demo_data):
    folder_ingest(folder=demo_data / "seed-documents", actor="test")
    again = folder_ingest(folder=demo_data / "seed-documents", actor="test")
    assert {result.outcome for result in again.accepted} == {"unchanged"}
    assert Record.objects.count() == 5


def test_withheld_demo_document_is_listed_without_its_text(seoul, demo_data):
    with frozen_today(dt.date(2021, 3, 1)):  # before its opening date
        folder_ingest(folder=demo_data / "demo-withheld", actor="test")
    withheld = PublishedRecord.objects.get(registration_number="주택정책과-1187")
    assert (withheld.grade, withheld.grounds, withheld.body_text) == ("비공개", [5], "")
    assert withheld.opens_on.isoformat() == "2021-03-19" and withheld.reason
    assert not withheld.files.exists() and withheld.approval_line == []
    partial = PublishedRecord.objects.get(registration_number="주택과-2291")
    assert partial.organization == "마포구" and "층간소음" in partial.body_text
    assert "850412-2345678" not in partial.body_text  # masked (sotong/pipeline/tests/test_decisions.py)


def test_one_bad_document_is_rejected_and_the_others_come_in(seoul, tmp_path):
    (tmp_path / "good.txt").write_text("좋은 문서", encoding="utf-8")
    documents = [
        {"title": "좋은 문서", "organization": "서울특별시", "file": "good.txt"},
        {"title": "파일 없는 문서", "organization": "서울특별시", "file": "missing.txt"},
        {"title": "날짜 틀린 문서", "organization": "서울특별시", "approved_on": "어제"},
    ]
    (tmp_path / "metadata.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    summary = folder_ingest(folder=tmp_path, actor="test")
    assert [r.record.title for r in summary.accepted] == ["좋은 문서"]
    assert [(r.item, r.errors[0].code) for r in summary.rejected] == [
        ("missing.txt", "file_not_sent"),
        ("날짜 틀린 문서", "manifest_field_invalid"),
    ]


def test_folder_without_manifest_says_what_to_add(tmp_path):
    with pytest.raises(ManifestErrors) as caught:
        folder_ingest(folder=tmp_path, actor="test")
    assert "metadata.json" in caught.value.errors[0].message_ko
