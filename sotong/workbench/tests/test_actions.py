"""A reviewer's masks, decisions and approval, asserted on what the public sees: the record page and
the search API (public code reads only the publication layer)."""

import datetime as dt

import pytest

from sotong.audit.models import AuditEvent
from sotong.pipeline.converters.registry import extract_text
from sotong.pipeline.tests.factories import make_pdf
from sotong.records.models import Mask, Record
from sotong.workbench.errors import GROUNDS_REQUIRED, MASK_QUOTE_NOT_FOUND
from sotong.workbench.tests.factories import published_record, stored_pdf_record

pytestmark = pytest.mark.django_db

BODY = "주택 공급 계획을 협의함. 담당 협력업체 대표 김철수 상무가 참석함. 민원 연락처 010-2345-6789"


@pytest.fixture
def record(housing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return published_record(
            text=BODY, title="주택 공급 협의 결과", organization=housing.organization, department=housing
        )


@pytest.fixture
def reviewer(client, official):
    client.force_login(official.user)
    return client


def _post(client, record, action, data, capture):
    with capture(execute=True):
        return client.post(f"/workbench/records/{record.public_id}/{action}/", data)


def _public(client, record):
    return client.get(f"/records/{record.public_id}/").content.decode()


def _search(client, text):
    return client.get("/api/v1/search", {"q": text}).json()["total"]


def test_masking_a_quote_hides_it_from_the_public_page_and_search_after_approval(
    reviewer, record, django_capture_on_commit_callbacks
):
    assert "김철수" in _public(reviewer, record) and _search(reviewer, "김철수") == 1
    file = record.files.get()
    response = _post(reviewer, record, "masks", {"target": file.pk, "quote": "김철수", "occurrence": 0},
                     django_capture_on_commit_callbacks)  # fmt: skip
    assert response.status_code == 302
    assert "1곳을 가렸습니다" in reviewer.get(response["Location"]).content.decode()
    assert "김철수" in _public(reviewer, record)  # nothing public changes before approval
    response = _post(reviewer, record, "approve", {}, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    page = _public(reviewer, record)
    assert "김철수" not in page and "담당 협력업체 대표 *** 상무" in page
    assert _search(reviewer, "김철수") == 0 and _search(reviewer, "협력업체") == 1
    record.refresh_from_db()
    assert (record.review_state, record.decision_basis, record.decided_grade) == (
        "done",
        ["reviewer"],
        "부분공개",
    )
    assert record.files.get().decided_grade == "부분공개"


def test_a_quote_not_in_the_text_is_an_error_and_adds_nothing(
    reviewer, record, django_capture_on_commit_callbacks
):
    masks = Mask.objects.count()
    response = _post(reviewer, record, "masks", {"target": "title", "quote": "없는 글자", "occurrence": 0},
                     django_capture_on_commit_callbacks)  # fmt: skip
    html = reviewer.get(response["Location"]).content.decode()
    assert MASK_QUOTE_NOT_FOUND.ko.split("'")[0] in html and "없는 글자" in html and "제목에서" in html
    assert Mask.objects.count() == masks


def test_clearing_a_mask_shows_the_text_after_approval(reviewer, record, django_capture_on_commit_callbacks):
    phone = record.masks.get(kind="phone")
    assert "010-2345-6789" not in _public(reviewer, record)
    _post(reviewer, record, f"masks/{phone.pk}/clear", {}, django_capture_on_commit_callbacks)
    assert "010-2345-6789" not in _public(reviewer, record)
    _post(reviewer, record, "approve", {}, django_capture_on_commit_callbacks)
    assert "010-2345-6789" in _public(reviewer, record)
    assert _search(reviewer, "010-2345-6789") == 1


def test_restoring_a_cleared_mask_hides_the_text_again(reviewer, record, django_capture_on_commit_callbacks):
    phone = record.masks.get(kind="phone")
    _post(reviewer, record, f"masks/{phone.pk}/clear", {}, django_capture_on_commit_callbacks)
    _post(reviewer, record, f"masks/{phone.pk}/restore", {}, django_capture_on_commit_callbacks)
    _post(reviewer, record, "approve", {}, django_capture_on_commit_callbacks)
    assert "010-2345-6789" not in _public(reviewer, record)


def test_withholding_without_grounds_is_a_form_error_and_changes_nothing(
    reviewer, record, django_capture_on_commit_callbacks
):
    before = Record.objects.values().get(pk=record.pk)
    events = AuditEvent.objects.count()
    response = _post(reviewer, record, "decision", {"grade": "비공개", "reason": "", "listing": "graded"},
                     django_capture_on_commit_callbacks)  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert GROUNDS_REQUIRED.ko in html and GROUNDS_REQUIRED.en in html
    assert "아무것도 바뀌지 않았습니다" in html
    assert Record.objects.values().get(pk=record.pk) == before
    assert AuditEvent.objects.count() == events


def test_an_opening_date_in_the_past_is_refused(reviewer, record, django_capture_on_commit_callbacks):
    response = _post(
        reviewer, record, "decision",
        {"grade": "비공개", "grounds": ["5"], "reason": "내부 검토 중", "opens_on": "2020-01-01", "listing": "graded"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert response.status_code == 400 and "공개 예정일은 오늘 이후여야 합니다" in response.content.decode()


def test_a_valid_withholding_hides_the_body_and_lists_the_record_for_the_officer(
    client, official, officer, record, django_capture_on_commit_callbacks
):
    client.force_login(official.user)
    opens_on = dt.date.today() + dt.timedelta(days=200)
    decision = {"grade": "비공개", "grounds": ["5"], "reason": "의사결정 과정에 있는 사항", "opens_on": opens_on.isoformat(),
                "listing": "graded"}  # fmt: skip
    response = _post(client, record, "decision", decision, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    _post(client, record, "approve", {}, django_capture_on_commit_callbacks)
    page = _public(client, record)
    assert "주택 공급 계획을 협의함" not in page and "의사결정 과정에 있는 사항" in page
    assert "제5호" in page and opens_on.isoformat() in page
    assert _search(client, "협력업체") == 0
    assert record.files.get().decided_grade == "비공개"

    client.force_login(officer.user)
    withheld = client.get("/workbench/withheld/").content.decode()
    assert "주택 공급 협의 결과" in withheld and "의사결정 과정에 있는 사항" in withheld
    assert f"/workbench/records/{record.public_id}/" in withheld
    filtered = client.get("/workbench/withheld/", {"organization": record.organization_id}).content.decode()
    assert "주택 공급 협의 결과" in filtered


def test_every_action_writes_one_audit_event_by_the_user(
    reviewer, record, django_capture_on_commit_callbacks
):
    start = AuditEvent.objects.count()
    file = record.files.get()
    phone = record.masks.get(kind="phone")
    steps = [
        ("masks", {"target": file.pk, "quote": "김철수", "occurrence": 1}, "mask.added"),
        (f"masks/{phone.pk}/clear", {}, "mask.cleared"),
        (f"masks/{phone.pk}/restore", {}, "mask.restored"),
        ("decision", {"grade": "부분공개", "grounds": ["6"], "reason": "개인정보", "no_opening_reason": "개인정보",
                      "listing": "graded"}, "record.decision_changed"),
        ("approve", {}, "record.approved"),
    ]  # fmt: skip
    for action, data, expected in steps:
        _post(reviewer, record, action, data, django_capture_on_commit_callbacks)
        event = AuditEvent.objects.order_by("-id").first()
        assert (event.action, event.actor, event.target_id) == (
            expected,
            "user:housing-official",
            record.public_id,
        )
        assert "before" in event.data and "after" in event.data
    assert AuditEvent.objects.count() == start + len(steps)
    assert all("김철수" not in str(e.data) for e in AuditEvent.objects.all()), (
        "the log never holds masked text"
    )


def test_approval_masks_the_title_on_public_pages(reviewer, record, django_capture_on_commit_callbacks):
    _post(reviewer, record, "masks", {"target": "title", "quote": "협의", "occurrence": 0},
          django_capture_on_commit_callbacks)  # fmt: skip
    _post(reviewer, record, "approve", {}, django_capture_on_commit_callbacks)
    page = _public(reviewer, record)
    assert "주택 공급 ** 결과" in page and "주택 공급 협의 결과" not in page


def test_the_reviewer_may_withhold_one_file(reviewer, record, django_capture_on_commit_callbacks):
    file = record.files.get()
    _post(reviewer, record, "approve", {f"file_{file.pk}": "비공개"}, django_capture_on_commit_callbacks)
    assert "주택 공급 계획을 협의함" not in _public(reviewer, record)
    assert record.files.get().decided_grade == "비공개"


def test_record_page_shows_the_original_beside_the_public_version_escaped(
    client, official, housing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = published_record(
            text="<script>alert(1)</script> 연락처 010-2345-6789", title="<b>제목</b>",
            organization=housing.organization, department=housing,
        )  # fmt: skip
    client.force_login(official.user)
    html = client.get(f"/workbench/records/{record.public_id}/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;제목&lt;/b&gt;" in html
    assert 'data-kind="phone" data-state="masked" title="전화번호 · 가림">010-2345-6789<span' in html
    assert '<div class="text public">&lt;script&gt;alert(1)&lt;/script&gt; 연락처 *************</div>' in html


def test_approving_a_record_whose_public_pdf_cannot_be_made_says_so_and_publishes_nothing(
    reviewer, housing, tmp_path, django_capture_on_commit_callbacks
):
    # A tab drawn as a glyph without a character: the redaction cannot trust the page's text layer.
    pdf = make_pdf(tmp_path / "scan.pdf", ["접수\t번호 연락처 010-2345-6789 처리"])
    record = stored_pdf_record(
        pdf, text=extract_text(pdf).text, organization=housing.organization, department=housing
    )
    assert record.review_state == "pending" and "public_pdf_failed" in record.review_reasons
    response = _post(reviewer, record, "approve", {}, django_capture_on_commit_callbacks)
    page = reviewer.get(response["Location"]).content.decode()
    assert "공개용 PDF를 안전하게 만들지 못한 파일" in page and "redaction_unsafe" in page
    record.refresh_from_db()
    assert record.review_state == "pending" and record.decided_listing == "under_review"
    assert "접수" not in _public(reviewer, record)
