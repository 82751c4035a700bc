"""Benchmark: memory of one web process with the analyzer loaded, and of workers forked after it.

Issue "Scale out" sets two goals: one web process with Kiwi loaded ≤ 700 MB RSS; each further worker
forked after loading (gunicorn ``--preload``, Celery's prefork pool) ≤ 250 MB PSS.

The parent process sets up Django on a data folder (``--data-dir``: a ``SOTONG_DATA_DIR`` with a
database and a search index, such as the ``data`` folder that ``bench/search_latency.py --keep``
leaves) and loads Kiwi (what gunicorn ``--preload`` or Celery's main process loads), then forks
``--workers`` children. Every process — the parent, which is the "one web process", and each child —
then serves the same round of page types through ``django.test.Client`` (the same WSGI handler as in
production): home, search (the 50 queries of ``bench/search_latency.py``), the list, a record page,
the read API's search; each opens the search index itself. Then the parent reads every process's
``/proc/PID/smaps_rollup`` (RSS, PSS, private memory, anonymous memory). PSS divides every shared page among the
processes that map it, so the children's figures are what each further worker costs. File-backed
pages (the Tantivy index and SQLite's memory-mapped database) count in RSS and PSS but are the
kernel's page cache, given back under pressure; the anonymous column is the processes' own heap.

It prints figures and never asserts them::

    .venv/bin/python bench/memory.py --data-dir /tmp/sotong-search-bench-XXXX/data --workers 2
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from corpus import load_line, machine_line, now_line
from search_latency import QUERIES

FIELDS = ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Shared_Clean", "Shared_Dirty", "Anonymous")


def memory_of(pid: int) -> dict[str, float]:
    """Fields of ``smaps_rollup`` in MiB, plus the peak RSS (``VmHWM``)."""
    figures: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in FIELDS:
            figures[name] = int(value.split()[0]) / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            figures["VmHWM"] = int(line.split()[1]) / 1024
    figures["Private"] = figures["Private_Clean"] + figures["Private_Dirty"]
    return figures


def serve_round() -> int:
    """Every page type once (search: every query of the mix); returns how many answered 200."""
    from django.test import Client

    from sotong.publication.models import PublishedRecord

    client = Client()
    public_id = PublishedRecord.objects.values_list("public_id", flat=True).first()
    paths: list[tuple[str, dict[str, str]]] = [("/", {}), ("/list/", {})]
    paths += [("/search/", {"q": text, **filters}) for _, text, filters in QUERIES]
    paths += [("/api/v1/search", {"q": text}) for _, text, _ in QUERIES[:10]]
    if public_id:
        paths.append((f"/records/{public_id}/", {}))
    answered = 0
    for path, params in paths:
        response = client.get(path, params)
        answered += response.status_code == 200
    return answered


def row(name: str, figures: dict[str, float]) -> str:
    return (
        f"| {name} | {figures['Rss']:.0f} | {figures['VmHWM']:.0f} | {figures['Pss']:.0f} | "
        f"{figures['Private']:.0f} | {figures['Shared_Clean'] + figures['Shared_Dirty']:.0f} | "
        f"{figures['Anonymous']:.0f} | {figures['Rss'] - figures['Anonymous']:.0f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="a SOTONG_DATA_DIR with records and an index"
    )
    parser.add_argument("--workers", type=int, default=2, help="children forked after loading (default 2)")
    args = parser.parse_args(argv)
    if not (args.data_dir / "sotong.sqlite3").exists() and "DATABASE_URL" not in os.environ:
        parser.error(f"{args.data_dir}: no sotong.sqlite3 there (and DATABASE_URL is not set)")

    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    os.environ["SOTONG_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    started = time.perf_counter()
    import django

    django.setup()
    from django.db import connections

    from sotong.publication.models import PublishedRecord
    from sotong.search.indexer import search_backend
    from sotong.search.korean import kiwi

    kiwi()
    print(f"loaded    Django and Kiwi in {time.perf_counter() - started:.1f} s")
    loaded = memory_of(os.getpid())
    print(f"records   {PublishedRecord.objects.count():,}; {load_line()}")
    connections.close_all()  # the children must not share the parent's database connections

    # Fork before anything opens the search index: a process that forks after Tantivy has started its
    # threads leaves children that hang on its locks (measured: they never answered). Each process opens
    # the index itself, as gunicorn's workers and Celery's pool processes do after their fork.
    children: list[tuple[int, int]] = []  # (pid, read end of its "ready" pipe)
    release_read, release_write = os.pipe()
    for _ in range(args.workers):
        ready_read, ready_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: serve a round, say so, wait to be measured
            os.close(ready_read)
            os.close(release_write)
            code = 0
            try:
                served = serve_round()
                os.write(ready_write, str(served).encode())
                os.read(release_read, 1)
            except BaseException:
                code = 1
            os._exit(code)
        os.close(ready_write)
        children.append((pid, ready_read))
    started = time.perf_counter()
    answered = serve_round()
    search_backend()
    print(f"web       {answered} pages answered 200 in {time.perf_counter() - started:.1f} s (the parent)")
    rounds = [int(os.read(ready, 16) or b"0") for _, ready in children]
    print(
        f"workers   {args.workers} forked after loading, each served its round ({rounds} pages answered 200)"
    )

    print(
        "\n| process | RSS MiB | peak RSS MiB | PSS MiB | private MiB | shared MiB | anonymous MiB | file-backed MiB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(row("web process, loaded, before any request", loaded))
    print(row("web process after its round (the parent)", memory_of(os.getpid())))
    for number, (pid, _) in enumerate(children, 1):
        print(row(f"forked worker {number} after its round", memory_of(pid)))
    os.close(release_write)  # every child's read returns: they exit
    for pid, _ in children:
        os.waitpid(pid, 0)
    print("\ngoals: web process RSS ≤ 700 MB; each forked worker PSS ≤ 250 MB")


if __name__ == "__main__":
    main()
