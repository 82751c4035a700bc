"""Benchmark: documents through the whole pipeline with 1 and 2 Celery worker processes.

Scaled out (``SOTONG_TASKS=celery``, PostgreSQL store and search, Redis broker), as issue "Scale out"
asks: the ingest rate with one and with two workers. For each count in ``--concurrency`` (default
``1,2``), in a fresh database of its own: ``migrate``, the organization chart, then ``sotong worker
--concurrency C`` started and awaited until Celery says it is ready; then a drop folder of
``--documents`` documents is ingested (``folder_ingest``: originals stored, one task per record sent
on commit) and the clock runs until every record is published (extracted, decided, public PDF made,
checked and signed, previews, indexed). The documents are the real seed documents (five Seoul texts,
2–40 pages once rendered) and the real HWP/HWPX samples, in turn, each with its own title and number.

It prints documents and pages per minute and never asserts them::

    .venv/bin/python bench/ingest_workers.py --documents 30
    .venv/bin/python bench/ingest_workers.py --documents 30 --concurrency 2

Needs PostgreSQL (``--server``, as ``bench/search_postgres.py``) and Redis (``--redis``; database
14 is emptied by the run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import data_root, load_line, machine_line, now_line
from search_postgres import DEFAULT_SERVER, database_url, drop_database, recreate_database

REPOSITORY = Path(__file__).resolve().parent.parent
SOURCES = (
    ("seed-documents", "open-city-governance-2.0-plan-2012.txt"),
    ("seed-documents", "opengov-plaza-service-overview.txt"),
    ("seed-documents", "it-project-governance-guideline-2018.txt"),
    ("seed-documents", "ogp-action-plan-2018.txt"),
    ("seed-documents", "open-government-3.0-master-plan-2013.txt"),
    ("samples", "hwpjs_basicsReport.hwp"),
    ("samples", "hwpxlib_프로젝트 계획서.hwpx"),
    ("samples", "hwpxlib_SimpleTable.hwpx"),
)
READY_SECONDS = 120
DONE_SECONDS = 3600


def drop_folder(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    documents = []
    for number in range(count):
        part, name = SOURCES[number % len(SOURCES)]
        target = f"{number:04d}-{name}"
        shutil.copyfile(data_root() / part / name, folder / target)
        documents.append(
            {"title": f"벤치마크 문서 {number}호 ({Path(name).stem})", "organization": "서울특별시",
             "department": "정보공개정책과", "registration_number": f"정보공개정책과-{90000 + number}",
             "disclosure": "공개", "files": [{"name": target}]}
        )  # fmt: skip
    (folder / "metadata.json").write_text(json.dumps({"documents": documents}, ensure_ascii=False), "utf-8")
    return folder


def start_worker(concurrency: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "sotong.cli", "worker", "--concurrency", str(concurrency), "--hostname", "bench@%h"],
        cwd=REPOSITORY, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + READY_SECONDS
    while b" ready." not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return process


def run_once(concurrency: int, documents: int, args: argparse.Namespace, workdir: Path) -> None:
    import redis
    from django.core.management import call_command
    from django.db import connections

    from sotong.intake.services.folders import folder_ingest
    from sotong.organizations.services.chart import organization_import_chart
    from sotong.publication.models import PublishedPage, PublishedRecord
    from sotong.records.models import Record

    connections.close_all()
    recreate_database(args.server, args.database)
    data = Path(os.environ["SOTONG_DATA_DIR"])
    for stored in data.iterdir():  # a run must not reuse the PDFs of the one before (made once)
        if stored.is_dir() and stored.name not in ("keys", "static"):
            shutil.rmtree(stored)
    call_command("migrate", verbosity=0)
    organization_import_chart(path=data_root() / "seoul-organizations.json", actor="bench")
    redis.Redis.from_url(args.redis).flushdb()
    log = workdir / f"worker-{concurrency}.log"
    worker = start_worker(concurrency, dict(os.environ), log)
    try:
        folder = drop_folder(workdir / f"drop-{concurrency}", documents)
        print(
            f"\nconcurrency {concurrency}: worker ready; ingesting {documents} documents; {load_line()}",
            flush=True,
        )
        started = time.perf_counter()
        summary = folder_ingest(folder=folder, actor="bench")
        queued = time.perf_counter() - started
        deadline = time.monotonic() + DONE_SECONDS
        while PublishedRecord.objects.count() < len(summary.accepted):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit(f"not all published:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
        pages = PublishedPage.objects.count()
        failed = Record.objects.exclude(state="extracted").count()
        print(
            f"  {len(summary.accepted)} documents ({pages} public PDF pages) published in {elapsed:.1f} s "
            f"(ingest and queueing {queued:.1f} s): {len(summary.accepted) / elapsed * 60:.1f} documents/min, "
            f"{pages / elapsed:.2f} pages/s; records not extracted: {failed}; {load_line()}",
            flush=True,
        )
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=60)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--documents", type=int, default=32, help="documents per run (default 32)")
    parser.add_argument("--concurrency", default="1,2", help="worker processes per run, comma-separated")
    parser.add_argument("--server", default=os.environ.get("SOTONG_BENCH_POSTGRES_URL", DEFAULT_SERVER))
    parser.add_argument("--database", default="sotong_ingest_bench", help="the benchmark's own database")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="broker (emptied)")
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.concurrency.split(",")]
    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    workdir = Path(tempfile.mkdtemp(prefix="sotong-ingest-bench-"))
    os.environ.update(
        DATABASE_URL=database_url(args.server, args.database), SOTONG_DATA_DIR=str(workdir / "data"),
        SOTONG_TASKS="celery", SOTONG_SEARCH_BACKEND="postgres", REDIS_URL=args.redis,
        DJANGO_SETTINGS_MODULE="config.settings.base",
    )  # fmt: skip
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)
    recreate_database(args.server, args.database)
    import django

    django.setup()
    try:
        for concurrency in counts:
            run_once(concurrency, args.documents, args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        drop_database(args.server, args.database)


if __name__ == "__main__":
    main()
