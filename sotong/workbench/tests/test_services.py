"""The workbench services on their own: the rules a reviewer's action must follow."""

import pytest

from sotong.core.errors import BilingualError
from sotong.records.models import Mask
from sotong.workbench import services
from sotong.workbench.decisions import DecisionInput
from sotong.workbench.errors import GRADE_REQUIRED, MASK_ALREADY_HIDDEN, MASK_TARGET_UNREADABLE
from sotong.workbench.tests.factories import extracted_file, published_record

pytestmark = pytest.mark.django_db


def test_a_file_nobody_could_read_is_withheld_by_default_and_cannot_be_masked_by_quote(housing):
    record = published_record(text="읽은 본문", organization=housing.organization, department=housing)
    broken = extracted_file(record, "", name="스캔.pdf", order=1, error_code="pdf_encrypted")
    broken.state, broken.text = "failed", ""
    broken.save()
    with pytest.raises(BilingualError) as error:
        services.mask_add(record=record, file=broken, quote="아무 글자", occurrence=0, actor="test")
    assert error.value.code == MASK_TARGET_UNREADABLE.code
    services.record_approve(record=record, file_grades={}, actor="test")
    assert dict(record.files.values_list("original_name", "decided_grade")) == {
        "본문.txt": "공개",
        "스캔.pdf": "비공개",
    }


def test_a_file_with_an_unfound_mark_is_withheld_by_default(housing):
    record = published_record(text="본문", organization=housing.organization, department=housing)
    file = record.files.get()
    Mask.objects.create(
        record=record, file=file, start=0, end=0, kind="marked", origin="officer", quote="없는 말"
    )
    assert services.file_grade_default(record=record, file=file, masks=list(record.masks.all())) == "비공개"


def test_masking_the_same_text_twice_is_refused(housing):
    record = published_record(text="가나다 가나다", organization=housing.organization, department=housing)
    file = record.files.get()
    assert len(services.mask_add(record=record, file=file, quote="가나다", occurrence=0, actor="test")) == 2
    with pytest.raises(BilingualError) as error:
        services.mask_add(record=record, file=file, quote="가나다", occurrence=2, actor="test")
    assert error.value.code == MASK_ALREADY_HIDDEN.code


def test_a_decision_on_a_record_under_review_shows_only_once_approved(housing):
    record = published_record(text="본문", organization=housing.organization, department=housing, grade="")
    assert record.decided_listing == "under_review"
    services.decision_change(record=record, decision=DecisionInput(grade="공개"), actor="test")
    record.refresh_from_db()
    assert (record.decided_grade, record.decided_listing, record.review_state) == (
        "공개",
        "under_review",
        "pending",
    )
    services.record_approve(record=record, file_grades={}, actor="test")
    record.refresh_from_db()
    assert (record.decided_listing, record.review_state, record.review_reasons) == ("graded", "done", [])


def test_approval_without_a_grade_is_refused(housing):
    record = published_record(text="본문", organization=housing.organization, department=housing, grade="")
    with pytest.raises(BilingualError) as error:
        services.record_approve(record=record, file_grades={}, actor="test")
    assert error.value.code == GRADE_REQUIRED.code
    record.refresh_from_db()
    assert record.review_state == "pending"


def test_list_only_keeps_the_content_off_the_public_pages(
    client, housing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = published_record(
            text="공개 본문입니다", organization=housing.organization, department=housing
        )
        services.decision_change(
            record=record, decision=DecisionInput(grade="공개", listing="out_of_scope"), actor="test"
        )
        services.record_approve(record=record, file_grades={}, actor="test")
    assert "공개 본문입니다" not in client.get(f"/records/{record.public_id}/").content.decode()
