"""Dead letters in the workbench: officers see the tasks workers gave up on and send them again."""

import io

import pytest

from sotong.audit.models import AuditEvent
from sotong.intake.services.documents import originals_store
from sotong.pipeline.models import DeadLetter
from sotong.pipeline.queue import PROCESS_TASK
from sotong.publication.models import PublishedRecord
from sotong.records.choices import FileState, RecordState
from sotong.records.models import File, Record
from sotong.records.tests.factories import RecordFactory

pytestmark = pytest.mark.django_db
URL = "/workbench/dead-letters/"


@pytest.fixture
def letter(housing):
    """A record whose processing failed for good: still failed, its file never extracted."""
    record: Record = RecordFactory(  # type: ignore[assignment]
        organization=housing.organization, department=housing, state=RecordState.FAILED
    )
    stored = originals_store().put(io.BytesIO("하천 정비 계획 본문".encode()))
    File.objects.create(
        record=record, order=0, original_name="본문.txt", mime_type="text/plain", sha256=stored.sha256,
        size=stored.size, state=FileState.STORED,
    )  # fmt: skip
    return DeadLetter.objects.create(
        task_id="t-1", task=PROCESS_TASK, record=record, kwargs={"record_id": record.pk},
        error_type="OperationalError", error="server closed the connection unexpectedly", attempts=6,
        failed_at="2026-12-01T09:00:00+09:00",
    )  # fmt: skip


def test_officers_see_the_dead_letters_in_a_private_korean_page(client, officer, letter):
    client.force_login(officer.user)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "처리 실패 작업" in html and letter.record.title in html
    assert "OperationalError" in html and "6회" in html and "다시 보내기" in html
    assert response["Cache-Control"] == "private, no-store" and "noindex" in response["X-Robots-Tag"]


def test_officials_may_not_see_the_dead_letters(client, official, letter):
    client.force_login(official.user)
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}{letter.pk}/retry/").status_code == 403
    assert DeadLetter.objects.get().retried_at is None


def test_anonymous_users_are_sent_to_the_login_page(client, letter):
    assert client.get(URL)["Location"].startswith("/workbench/login/")


def test_sending_a_dead_letter_again_runs_it_and_is_audited(client, officer, letter):
    client.force_login(officer.user)
    response = client.post(f"{URL}{letter.pk}/retry/")
    assert response.status_code == 302 and response["Location"] == URL
    letter.refresh_from_db()
    assert letter.retried_at is not None and letter.retried_by == "user:officer"
    event = AuditEvent.objects.get(action="task.retried")
    assert event.actor == "user:officer" and event.target_id == letter.record.public_id
    # The embedded default runs it at once: the record is processed and published.
    letter.record.refresh_from_db()
    assert letter.record.state == RecordState.EXTRACTED
    assert PublishedRecord.objects.filter(public_id=letter.record.public_id).exists()
    assert "처리에 실패한 작업이 없습니다" in client.get(URL).content.decode()
    assert client.post(f"{URL}{letter.pk}/retry/").status_code == 404  # sent once, not twice


def test_the_page_queries_do_not_grow_with_the_dead_letters(
    client, officer, letter, django_assert_num_queries
):
    """1 session, 2 user, 3–4 the user's and their groups' permissions, 5 count, 6 the page of dead
    letters with their records and organizations."""
    for n in range(2, 5):
        DeadLetter.objects.create(
            task_id=f"t-{n}", task=PROCESS_TASK, record=letter.record, kwargs=letter.kwargs,
            error_type="OperationalError", attempts=6, failed_at=letter.failed_at,
        )  # fmt: skip
    client.force_login(officer.user)
    with django_assert_num_queries(6):
        assert client.get(URL).content.decode().count(letter.record.title) == 4
