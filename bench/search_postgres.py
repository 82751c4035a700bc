"""Benchmark: search latency of the PostgreSQL backend on N synthetic records, in one warm process.

Corpus and query mix: those of ``bench/search_latency.py`` (``bench/corpus.py``: real titles,
departments, writers and registration numbers of the week's list, ~2,000-character bodies of seed
document lines, varied facets; the same 50 queries).

Build, in a database of its own on the server of ``--server`` (created, and dropped at the end
unless ``--keep``): ``migrate``, then per batch of 2,000 records ``PublishedRecord`` rows by
``bulk_create``, their ``SearchDocument`` by ``indexer.search_document``, and ``index_prepared``
(one transaction) on ``indexer.search_backend()`` with ``SOTONG_SEARCH_BACKEND=postgres``; then
``VACUUM ANALYZE``. With ``--tantivy`` the same prepared documents also go into a Tantivy index, and
every query's total is compared between the two engines (they must find the same documents).

Measured per query, ``--reps`` times after one untimed warm-up pass, interleaved:

(a) ``GET /api/v1/search?q=…`` through ``django.test.Client`` (routing, Ninja, JSON);
(b) ``backend.search()``, and its parts: query analysis (``parse_query``), the one SQL statement
    (page + facet counts + total, fetched), and hits with snippets from the fetched rows.

It prints tables and never asserts timings. Usage (from the repository root)::

    .venv/bin/python bench/search_postgres.py                   # 100,000 records
    .venv/bin/python bench/search_postgres.py --records 10000   # a quick run
    .venv/bin/python bench/search_postgres.py --keep            # keep the database, then
    .venv/bin/python bench/search_postgres.py --reuse           # measure it again, build nothing

``--server`` (default ``$SOTONG_BENCH_POSTGRES_URL``, else ``postgres://sotong:sotong@127.0.0.1:5432/
sotong``) names a role that may create databases; the benchmark's database is ``--database``
(default ``sotong_search_bench``) on the same server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from corpus import Stats, build_pool, load_line, machine_line, now_line, stats, synthesize
from search_latency import BATCH, QUERIES, batched, published_record

DEFAULT_SERVER = "postgres://sotong:sotong@127.0.0.1:5432/sotong"


def database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def recreate_database(server: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(server: str, name: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


# --- build --------------------------------------------------------------------------------------


def build(count: int, tantivy: Any, body_bigrams: str) -> dict[str, float]:
    from django.db import connection
    from django.utils import timezone

    from sotong.publication.models import PublishedRecord
    from sotong.search.indexer import search_backend, search_document

    seconds: dict[str, float] = {}

    def step(name: str, started: float) -> None:
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

    started = time.perf_counter()
    pool = build_pool()
    print(
        f"pool      {pool.pieces:,} pieces, {pool.chars:,} chars analysed in {time.perf_counter() - started:.1f} s"
    )
    backend = search_backend()
    now = timezone.now()
    done = 0
    for batch in batched(synthesize(pool, count), BATCH):
        started = time.perf_counter()
        records = [published_record(record, now) for record in batch]
        PublishedRecord.objects.bulk_create(records)
        step("database bulk_create (PublishedRecord)", started)
        started = time.perf_counter()
        prepared = [
            s.prepared(search_document(r), body_bigrams=body_bigrams)
            for s, r in zip(batch, records, strict=True)
        ]
        step("search documents + terms", started)
        started = time.perf_counter()
        backend.index_prepared(prepared)
        step("postgres index_prepared", started)
        if tantivy is not None:
            started = time.perf_counter()
            tantivy.index_prepared(prepared)
            step("tantivy index_prepared", started)
        done += len(batch)
        if done % 20_000 == 0 or done == count:
            print(f"  built {done:,} records in {sum(seconds.values()):.0f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_entry")
    step("VACUUM ANALYZE search_entry", started)
    if tantivy is not None:
        started = time.perf_counter()
        tantivy.close()
        tantivy._index.reload()
        step("tantivy merges (close), reload", started)
    return seconds


def sizes() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('search_entry')), "
            "pg_size_pretty(pg_relation_size('search_entry')), "
            "pg_size_pretty(pg_indexes_size('search_entry')), "
            "(SELECT count(*) FROM search_entry), "
            "(SELECT count(*) FROM search_entry WHERE bigram_windows IS NOT NULL), "
            "pg_size_pretty(pg_database_size(current_database()))"
        )
        total, heap, indexes, rows, windowed, database = cursor.fetchone()
    return (
        f"search_entry {rows:,} rows ({windowed:,} with bigram windows): {total} in all, heap {heap}, "
        f"indexes {indexes}; database {database}"
    )


# --- measure ------------------------------------------------------------------------------------

METHODS = (
    "(a) API GET /api/v1/search",
    "(b) backend.search()",
    "(b)   parse_query (Kiwi)",
    "(b)   SQL: page + facets + total",
    "(b)   hits + snippets from rows",
)


@dataclass
class Case:
    kind: str
    text: str
    filters: dict[str, str]
    totals: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, list[float]] = field(default_factory=dict)


def measure(cases: Sequence[Case], reps: int, tantivy: Any) -> None:
    from django.test import Client

    from sotong.search.backends import postgres_backend as pb
    from sotong.search.documents import SearchQuery
    from sotong.search.indexer import search_backend
    from sotong.search.query import parse_query

    client = Client()
    backend = search_backend()
    assert isinstance(backend, pb.PostgresBackend), "set SOTONG_SEARCH_BACKEND=postgres"

    def api(case: Case) -> int:
        response = client.get("/api/v1/search", {"q": case.text, **case.filters})
        if response.status_code != 200:
            raise SystemExit(f"{case.text!r}: HTTP {response.status_code} {response.content[:300]!r}")
        return int(response.json()["total"])

    def calls(case: Case) -> list[Callable[[], Any]]:
        query = SearchQuery(text=case.text, filters=case.filters)
        parsed = parse_query(case.text)
        rows = backend._fetch(parsed, query)
        return [
            lambda: api(case),
            lambda: backend.search(query).total,
            lambda: parse_query(case.text),
            lambda: backend._fetch(parsed, query),
            lambda: pb._results(rows, parsed, by_date=False),
        ]

    for rep in range(reps + 1):
        for case in cases:
            for method, call in zip(METHODS, calls(case), strict=True):
                started = time.perf_counter()
                result = call()
                elapsed = time.perf_counter() - started
                if rep == 0:
                    if method.startswith(("(a)", "(b) backend")):
                        case.totals[method[:3]] = int(result)
                    continue
                case.seconds.setdefault(method, []).append(elapsed)
    if tantivy is not None:
        for case in cases:
            case.totals["tantivy"] = tantivy.search(SearchQuery(text=case.text, filters=case.filters)).total


# --- report -------------------------------------------------------------------------------------


def table(cases: Sequence[Case]) -> None:
    print("\n| method | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for method in METHODS:
        figures: Stats = stats([t for case in cases for t in case.seconds[method]])
        print(
            f"| {method} | {figures.n} | {figures.median_ms:.2f} | {figures.p95_ms:.2f} | {figures.max_ms:.1f} |"
        )


def class_table(cases: Sequence[Case]) -> None:
    methods = METHODS[:2] + METHODS[3:4]
    kinds = list(dict.fromkeys(case.kind for case in cases))
    print("\n| query class | " + " | ".join(f"{m} median / p95 ms" for m in methods) + " |")
    print("|---|" + "---:|" * len(methods))
    for kind in kinds:
        cells = []
        for method in methods:
            figures = stats([t for case in cases if case.kind == kind for t in case.seconds[method]])
            cells.append(f"{figures.median_ms:.2f} / {figures.p95_ms:.2f}")
        print(f"| {kind} | " + " | ".join(cells) + " |")


def per_query(cases: Sequence[Case]) -> None:
    print("\nper query: total hits (API / backend / Tantivy); median ms of API, backend, SQL")
    mismatched = []
    for case in cases:
        filters = " " + ",".join(f"{k}={v}" for k, v in case.filters.items()) if case.filters else ""
        totals = " / ".join(str(case.totals.get(key, "-")) for key in ("(a)", "(b)", "tantivy"))
        medians = " / ".join(
            f"{stats(case.seconds[m]).median_ms:.1f}" for m in (METHODS[0], METHODS[1], METHODS[3])
        )
        print(f"  {case.kind:<10} {case.text}{filters}: {totals}; {medians}")
        if "tantivy" in case.totals and case.totals["tantivy"] != case.totals["(b)"]:
            mismatched.append(case.text)
    if any("tantivy" in case.totals for case in cases):
        print(f"totals equal to Tantivy's: {len(cases) - len(mismatched)} of {len(cases)} {mismatched or ''}")


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=100_000, help="records to synthesize (default 100000)")
    parser.add_argument("--reps", type=int, default=5, help="timed passes over the 50 queries (default 5)")
    parser.add_argument("--server", default=os.environ.get("SOTONG_BENCH_POSTGRES_URL", DEFAULT_SERVER))
    parser.add_argument("--database", default="sotong_search_bench", help="the benchmark's own database")
    parser.add_argument("--keep", action="store_true", help="keep the database (for --reuse)")
    parser.add_argument("--reuse", action="store_true", help="measure the database kept by --keep again")
    parser.add_argument("--tantivy", action="store_true", help="also build Tantivy and compare every total")
    parser.add_argument(
        "--body-bigrams",
        choices=("all", "names"),
        default="all",
        help="'names': body bigrams of the footer line (department, writer) only, for 1,000,000 records",
    )
    args = parser.parse_args(argv)
    if args.records < 1 or args.reps < 1:
        parser.error("--records and --reps must be at least 1")
    if args.reuse and args.tantivy:
        parser.error("--tantivy builds its index with the records: it cannot be used with --reuse")
    workdir = Path(tempfile.mkdtemp(prefix="sotong-search-postgres-bench-"))
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if not (args.keep or args.reuse):
            drop_database(args.server, args.database)
        else:
            print(f"kept: database {args.database}")


def run(args: argparse.Namespace, workdir: Path) -> None:
    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    if not args.reuse:
        recreate_database(args.server, args.database)
    # Settings read the environment once, at import: set it before anything imports Django.
    os.environ["DATABASE_URL"] = database_url(args.server, args.database)
    os.environ["SOTONG_SEARCH_BACKEND"] = "postgres"
    os.environ["SOTONG_DATA_DIR"] = str(workdir / "data")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns without it
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    started = time.perf_counter()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(f"server    {cursor.fetchone()[0]}")
    print(f"django    setup + migrate in {time.perf_counter() - started:.1f} s")

    tantivy = None
    if args.tantivy:
        from sotong.search.backends.tantivy_backend import TantivyBackend

        tantivy = TantivyBackend(workdir / "tantivy")
    if not args.reuse:
        print(f"building  {args.records:,} records (batches of {BATCH:,}); {load_line()}", flush=True)
        print(f"body bigrams: {args.body_bigrams}")
        seconds = build(args.records, tantivy, args.body_bigrams)
        print("\n| build step | seconds |")
        print("|---|---:|")
        for name, spent in seconds.items():
            print(f"| {name} | {spent:.1f} |")
    print(f"\n{sizes()}")

    cases = [Case(kind, text, filters) for kind, text, filters in QUERIES]
    print(f"\nmeasuring {len(cases)} queries x {args.reps} reps (+1 warm-up pass); {load_line()}", flush=True)
    measure(cases, args.reps, tantivy)
    print(f"measured; {load_line()}")
    table(cases)
    class_table(cases)
    per_query(cases)


if __name__ == "__main__":
    main()
