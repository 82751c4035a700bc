"""Deciding real documents end to end: intake → extraction → decision → publication → search."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from sotong.core.clock import frozen_today
from sotong.intake.manifest import manifest_parse
from sotong.intake.services.documents import Upload, document_intake
from sotong.intake.services.folders import folder_ingest
from sotong.pipeline.decisions import records_open_due
from sotong.publication.models import PublishedRecord
from sotong.records.choices import MaskOrigin, ReviewState
from sotong.records.models import Mask, Record
from sotong.search.selectors import search_records

pytestmark = pytest.mark.django_db(transaction=True)

IDENTIFIERS = [
    "850412-2345678", "서울특별시 마포구 월드컵북로 400, 103동 1502호", "010-4821-7730",
    "hanseoyun85@naver.com",
]  # fmt: skip
OFFICIAL_PHONES = ["02-2133-7308", "02-3153-9421"]


@pytest.fixture
def demo_withheld(seoul, demo_data):
    with frozen_today(dt.date(2021, 3, 1)):
        summary = folder_ingest(folder=demo_data / "demo-withheld", actor="test")
    assert len(summary.accepted) == 2
    return {r.record.source_id: r.record.public_id for r in summary.accepted}


def test_the_complaint_reply_is_published_with_every_identifier_masked(demo_withheld) -> None:
    published = PublishedRecord.objects.get(public_id=demo_withheld["demo-0001"])
    assert published.grade == "부분공개" and 6 in published.grounds
    assert published.listing == "graded"
    for identifier in IDENTIFIERS:
        assert identifier not in published.body_text
    for phone in OFFICIAL_PHONES:  # officials' work contacts are public
        assert phone in published.body_text
    assert "김도윤" in published.body_text  # a name in the approval line is public
    assert "한서윤" not in published.title and "한서윤" not in published.body_text
    assert published.title.startswith("[민원회신] 공동주택 층간소음")
    file = published.files.get()  # the public PDF, made from the masked text
    assert file.name.endswith(".pdf") and all(
        identifier not in page.text for page in file.pages.all() for identifier in IDENTIFIERS
    )


def test_names_wait_for_review_and_search_does_not_find_them(demo_withheld) -> None:
    record = Record.objects.get(public_id=demo_withheld["demo-0001"])
    assert record.review_state == ReviewState.PENDING
    assert "names_need_review" in record.review_reasons
    assert record.masks.filter(kind="person_name", state="flagged").exists()
    assert search_records(text="한서윤").total == 0
    assert search_records(text="850412").total == 0
    assert search_records(text="층간소음").total == 1


def test_withheld_until_a_date_stays_metadata_only_then_opens(demo_withheld) -> None:
    public_id = demo_withheld["demo-0002"]
    before = PublishedRecord.objects.get(public_id=public_id)
    assert (before.grade, before.opens_on, before.body_text) == ("비공개", dt.date(2021, 3, 19), "")
    assert search_records(text="평가위원회").total == 0
    assert records_open_due(actor="test", today=dt.date(2021, 3, 18)) == 0
    assert records_open_due(actor="test", today=dt.date(2021, 3, 19)) == 1
    after = PublishedRecord.objects.get(public_id=public_id)
    assert after.grade == "공개" and after.opens_on is None and "평가위원회" in after.body_text
    assert search_records(text="평가위원회").total == 1


def test_publish_due_command_opens_what_is_due(demo_withheld, capsys) -> None:
    call_command("publish_due")  # today is long past 2021-03-19
    assert "1" in capsys.readouterr().out
    assert PublishedRecord.objects.get(public_id=demo_withheld["demo-0002"]).grade == "공개"


def _push(title: str, text: str, **fields) -> Record:
    manifest = manifest_parse(
        json.dumps({"title": title, "organization": "서울특별시", "department": "주택정책과",
                    "approved_on": "2021-02-10", "disclosure": "부분공개", "grounds": [7],
                    "reason": "영업상 비밀", "approval_line": [{"role": "결재", "position": "주택정책과장"}],
                    "files": [{"name": "body.txt", **fields}]}, ensure_ascii=False)
    )  # fmt: skip
    result = document_intake(
        manifest=manifest,
        uploads=[Upload(name="body.txt", stream=_stream(text))],
        source="test",
        actor="test",
    )
    return Record.objects.get(pk=result.record.pk)


def _stream(text: str):
    import io

    return io.BytesIO(text.encode())


def test_officer_marks_from_intake_are_masked(seoul) -> None:
    text = "A사 제안가는 12억원, B사는 15억원이다."
    record = _push("제안 평가 결과", text, marks=[{"text": "12억원", "occurrence": 1}])
    published = PublishedRecord.objects.get(public_id=record.public_id)
    assert "12억원" not in published.body_text and "15억원" in published.body_text
    mask = Mask.objects.get(record=record, origin=MaskOrigin.OFFICER)
    assert (mask.start, mask.end) == (text.index("12억원"), text.index("12억원") + 4)


def test_a_mark_that_matches_nothing_sends_the_record_to_review(seoul) -> None:
    record = _push("제안 평가 결과", "A사 제안가는 12억원이다.", marks=[{"text": "없는 문장"}])
    assert record.review_state == ReviewState.PENDING and "mark_not_found" in record.review_reasons
    published = PublishedRecord.objects.get(public_id=record.public_id)
    assert published.listing == "under_review" and published.body_text == ""


def test_redecide_if_stale_rescans_records_decided_under_other_rules(demo_withheld) -> None:
    Record.objects.update(decision_version=0)
    call_command("redecide", if_stale=True)
    assert not Record.objects.filter(decision_version=0).exists()


def test_publication_fails_closed_when_a_mask_was_lost(demo_withheld) -> None:
    from sotong.pipeline.stages.publish import PublicationLeakError, records_publish

    record = Record.objects.get(public_id=demo_withheld["demo-0001"])
    Mask.objects.filter(record=record).delete()  # a lost mask: the decision says 부분공개, nothing masked
    with pytest.raises(PublicationLeakError):
        records_publish(records=[record])
    assert "850412-2345678" not in PublishedRecord.objects.get(public_id=record.public_id).body_text


def test_a_reviewers_unapproved_change_is_not_overwritten_by_the_rules(demo_withheld) -> None:
    from sotong.pipeline.decisions import REVIEWER_BASIS

    record = Record.objects.get(public_id=demo_withheld["demo-0001"])
    Record.objects.filter(pk=record.pk).update(
        decision_basis=REVIEWER_BASIS, decided_grade="비공개", decision_version=0
    )
    call_command("redecide", if_stale=True)
    record.refresh_from_db()
    assert record.decided_grade == "비공개" and record.decision_version == 0
