"""The pipeline on real Celery workers and a real Redis (``SOTONG_TASKS=celery``; decision 0009).

Nothing is mocked: documents go in through the folder intake, tasks go through Redis, workers are
``sotong worker`` processes started here (settings: ``worker_settings.py``), and they share the test
database and data folder. That needs PostgreSQL (pytest-django's SQLite test database lives in the
test's memory) and a Redis the tests may empty: ``SOTONG_TEST_REDIS_URL``. Without Redis these tests
are skipped, or fail when ``SOTONG_REQUIRE_ALL_SUITES`` is set (CI). ``python -m tests.run_suites``
runs them as the "PostgreSQL+Celery" suite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection

from sotong.intake.services.folders import folder_ingest
from sotong.pipeline.models import DeadLetter
from sotong.pipeline.queue import PROCESS_TASK, REDECIDE_TASK, pipeline_enqueue, pipeline_resend
from sotong.pipeline.recovery import records_interrupted
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord
from sotong.publication.services import public_store
from sotong.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL_VAR = "SOTONG_TEST_REDIS_URL"
REPOSITORY = Path(__file__).resolve().parents[3]
RRN = "900101-1234568"
FILES_PER_RECORD = 2
WAIT_SECONDS = 60  # for anything a worker does; a busy 2-core machine needs a quarter of it at most


def _why_not_here() -> str | None:
    if connection.vendor != "postgresql":
        return (
            "Celery 시험은 PostgreSQL 스위트에서 돕니다: 작업자 프로세스가 시험 데이터베이스를 함께 써야 합니다 / "
            "the Celery tests run in the PostgreSQL suite: worker processes must share the test database"
        )
    return None


def _redis_problem(url: str) -> str | None:
    if not url:
        return f"{REDIS_URL_VAR}이(가) 없습니다 / {REDIS_URL_VAR} is not set"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis에 닿지 않습니다 / Redis not reachable: {error}"
    return None


@pytest.fixture(scope="session")
def celery_broker() -> Iterator[str]:
    """The test Redis, with the Celery app of this process pointed at it (it sends the tasks)."""
    if why := _why_not_here():
        pytest.skip(why)
    url = os.environ.get(REDIS_URL_VAR, "").strip()
    if problem := _redis_problem(url):
        message = (
            f"{problem}. 실행하려면 / to run them: {REDIS_URL_VAR}=redis://127.0.0.1:6379/15 "
            "(시험이 비우는 Redis 데이터베이스 / a Redis database the tests may empty)"
        )
        if os.environ.get("SOTONG_REQUIRE_ALL_SUITES"):
            pytest.fail(message)
        pytest.skip(message)
    from config.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = url
    app.close()  # drop connections made for another broker, if any
    yield url
    app.conf.broker_url = previous
    app.close()


@pytest.fixture
def broker(celery_broker: str, settings) -> str:
    """Each test starts from an empty Redis: no task and no unacknowledged message of an earlier one."""
    redis.Redis.from_url(celery_broker).flushdb()
    settings.SOTONG_TASKS = "celery"
    return celery_broker


class Workers:
    """``sotong worker`` processes, each in its own process group so that a kill takes the main
    process and its pool together, as when a machine is lost; and their test hooks
    (``worker_settings.py``), files a test changes while the workers run."""

    def __init__(self, broker: str, data_dir: Path) -> None:
        self.broker, self.data_dir = broker, data_dir
        self.hooks = data_dir / "hooks"
        self.hooks.mkdir()
        self.started: list[subprocess.Popen[bytes]] = []

    def _database_url(self) -> str:
        db = django_settings.DATABASES["default"]  # the test database, test_<name>
        user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
        return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

    def start(self, **env: str) -> subprocess.Popen[bytes]:
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "sotong.pipeline.tests.worker_settings",
            "DATABASE_URL": self._database_url(), "SOTONG_DATA_DIR": str(self.data_dir), "REDIS_URL": self.broker,
            "SOTONG_TASKS": "celery", "SOTONG_SEARCH_BACKEND": "postgres", "SOTONG_TEST_HOOKS": str(self.hooks),
            **env,
        }  # fmt: skip
        n = len(self.started)
        log = (self.data_dir / f"worker-{n}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "sotong.cli", "worker", "--concurrency", "2", "--hostname", f"w{n}@%h"],
            cwd=REPOSITORY, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.started.append(process)
        return process

    def hook(self, name: str, value: str | None) -> None:
        path = self.hooks / name
        if value is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(value)

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """The worker and its pool at once (SIGKILL), as when its machine is lost."""
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def publications(self) -> list[tuple[int, int]]:
        """(pool process id, record id) of every publication started, in order."""
        trace = self.hooks / "trace"
        lines = trace.read_text().splitlines() if trace.exists() else []
        return [(int(pid), int(pk)) for pid, pk in (line.split() for line in lines)]

    def logs(self) -> str:
        return "\n".join(
            log.read_text(errors="replace")[-3000:] for log in sorted(self.data_dir.glob("worker-*.log"))
        )


@pytest.fixture
def workers(broker: str, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(broker, tmp_path)
    yield started
    for process in started.started:
        started.kill(process)


def _wait_for(
    condition: Callable[[], bool], workers: Workers, what: str, seconds: float = WAIT_SECONDS
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s\n{workers.logs()}")
        time.sleep(0.2)


def _drop_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    documents = []
    for n in range(count):
        (folder / f"plan-{n}.txt").write_text(f"하천 정비 계획 {n}호 본문. 신청인 {RRN}", encoding="utf-8")
        (folder / f"annex-{n}.txt").write_text(f"하천 정비 {n}호 첨부 예산표", encoding="utf-8")
        documents.append(
            {"title": f"하천 정비 계획 {n}호", "organization": "서울특별시", "department": "주택정책과",
             "registration_number": f"주택정책과-{8000 + n}", "disclosure": "공개",
             "files": [{"name": f"plan-{n}.txt"}, {"name": f"annex-{n}.txt", "role": "attachment"}]}
        )  # fmt: skip
    (folder / "metadata.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return folder


def _ingest(tmp_path: Path, count: int) -> list[Record]:
    summary = folder_ingest(folder=_drop_folder(tmp_path / "drop", count), actor="test")
    assert len(summary.accepted) == count
    return list(Record.objects.order_by("pk"))


def _all_published(count: int) -> Callable[[], bool]:
    def done() -> bool:
        return (
            Record.objects.filter(state="extracted").count() == PublishedRecord.objects.count() == count
            and not records_interrupted().exists()
        )

    return done


def _publication() -> dict[str, tuple[int, str, list[tuple[str, str, int]]]]:
    """Every publication: its row, its text, and its files with their page counts."""
    return {
        published.public_id: (
            published.pk,
            published.body_text,
            [(f.name, f.sha256, f.pages.count()) for f in PublishedFile.objects.filter(record=published)],
        )
        for published in PublishedRecord.objects.all()
    }


def _assert_whole_or_absent(records: list[Record]) -> None:
    """Nothing half-published: a record is either not published, or published with its text
    masked and every file, each with its pages, once."""
    for record in records:
        published = PublishedRecord.objects.filter(public_id=record.public_id).first()
        if published is None:
            continue
        files = list(PublishedFile.objects.filter(record=published))
        assert "본문" in published.body_text and RRN not in published.body_text
        assert sorted(f.name for f in files) == sorted({f.name for f in files})
        assert len(files) == FILES_PER_RECORD and all(f.pages.exists() for f in files)


def test_documents_sent_to_workers_are_published_and_sending_them_twice_changes_nothing(
    seoul, tmp_path, workers
) -> None:
    records = _ingest(tmp_path, 3)
    assert {r.state for r in records} == {"queued"}  # sent to Redis, not run here
    workers.start()
    _wait_for(_all_published(3), workers, "three records published")
    first = _publication()
    assert len(first) == 3
    _assert_whole_or_absent(records)

    # Every task twice at once, and a re-decision: two runs of one record overlap on the two pool
    # processes, and must end in the same publication, not beside it.
    ids = [r.pk for r in records]
    pipeline_enqueue(record_ids=ids + ids)
    for record_id in ids:
        pipeline_resend(task=REDECIDE_TASK, kwargs={"record_id": record_id})
    _wait_for(lambda: len(workers.publications()) >= 12, workers, "nine more publications")
    _wait_for(_all_published(3), workers, "three records published again")
    again = _publication()
    assert again.keys() == first.keys()
    for public_id, (pk, text, files) in first.items():
        assert again[public_id][0] == pk and again[public_id][1] == text
        assert [(name, pages) for name, _, pages in again[public_id][2]] == [(n, p) for n, _, p in files]
    assert PublishedFile.objects.count() == 3 * FILES_PER_RECORD
    assert not DeadLetter.objects.exists(), list(DeadLetter.objects.values("task", "error_type", "error"))


def test_tasks_that_keep_failing_or_killing_their_worker_become_dead_letters_sent_again_by_an_officer(
    seoul, tmp_path, workers, client, django_user_model
) -> None:
    workers.hook("fail", "transient")
    first, second = _ingest(tmp_path, 2)
    pipeline_resend(task=PROCESS_TASK, kwargs={"record_id": 987654321})  # no such record: a bug, not retried
    # One lost run is enough to give up here; a long visibility timeout, so that a slow run is not
    # handed out a second time while it runs, which would look like a lost run.
    workers.start(SOTONG_TEST_MAX_LOST_RUNS="1", SOTONG_TEST_VISIBILITY_TIMEOUT="120")
    _wait_for(lambda: DeadLetter.objects.count() == 3, workers, "three dead letters")
    transient = DeadLetter.objects.get(record=first)
    assert (transient.task, transient.error_type) == (PROCESS_TASK, "OperationalError")
    assert transient.attempts == 3  # the first run and two retries (worker_settings)
    missing = DeadLetter.objects.get(record=None)
    assert (missing.error_type, missing.attempts) == ("DoesNotExist", 1)

    # A task whose pool process dies under it (SIGKILL, as the out-of-memory killer does) goes back
    # to the queue at once; given up after its allowance of lost runs (one here).
    DeadLetter.objects.filter(record=second).delete()
    workers.hook("fail", "die")
    pipeline_resend(task=PROCESS_TASK, kwargs={"record_id": second.pk})
    _wait_for(lambda: DeadLetter.objects.filter(record=second).exists(), workers, "the poison task given up")
    poison = DeadLetter.objects.get(record=second)
    assert (poison.error_type, poison.attempts) == ("PoisonTaskError", 1)
    for record in (first, second):
        record.refresh_from_db()
        assert (
            record.state == "failed"
            and not PublishedRecord.objects.filter(public_id=record.public_id).exists()
        )

    workers.hook("fail", None)  # the cause is mended; an officer sends both again from the workbench
    client.force_login(django_user_model.objects.create_superuser("officer", password="x"))
    page = client.get("/workbench/dead-letters/").content.decode()
    assert "OperationalError" in page and "PoisonTaskError" in page and first.title in page
    for letter in (transient, poison):
        assert client.post(f"/workbench/dead-letters/{letter.pk}/retry/").status_code == 302
    _wait_for(_all_published(2), workers, "both records published")
    _assert_whole_or_absent([first, second])
    assert PublishedRecord.objects.count() == 2
    assert list(DeadLetter.objects.filter(retried_at=None)) == [missing]


def test_workers_killed_mid_task_again_and_again_lose_nothing_and_publish_each_record_once(
    seoul, tmp_path, workers
) -> None:
    """Three kills inside the publication transaction: a pool process (its worker requeues the task
    at once), a whole worker (Redis hands the task out again after the visibility timeout), and a
    pool process of the next worker."""
    records = _ingest(tmp_path, 3)
    workers.hook("slow", "5")

    def kill_mid_publication(kill: Callable[[int], None]) -> None:
        before = len(workers.publications())
        _wait_for(lambda: len(workers.publications()) > before, workers, "a publication started")
        time.sleep(0.5)  # inside the publication transaction: its rows are written, not committed
        kill(workers.publications()[-1][0])
        _assert_whole_or_absent(records)

    first = workers.start()
    kill_mid_publication(lambda pid: os.kill(pid, signal.SIGKILL))
    kill_mid_publication(lambda pid: workers.kill(first))
    workers.start()
    kill_mid_publication(lambda pid: os.kill(pid, signal.SIGKILL))
    workers.hook("slow", None)
    _wait_for(_all_published(3), workers, "every record published after the kills")

    _assert_whole_or_absent(records)
    assert PublishedRecord.objects.count() == 3
    assert PublishedFile.objects.count() == 3 * FILES_PER_RECORD
    pages = PublishedPage.objects
    assert pages.values("file_id", "number").distinct().count() == pages.count()
    started = Counter(pk for _, pk in workers.publications())
    assert max(started.values()) >= 2, "a killed task came back and ran again"
    assert not DeadLetter.objects.exists(), list(DeadLetter.objects.values("task", "error_type", "error"))
    store = public_store()  # no download points at a blob that a killed run's rollback took away
    assert all(store.path(f.sha256).is_file() for f in PublishedFile.objects.all())
    assert all(store.path(p.image_sha256).is_file() for p in PublishedPage.objects.all())
