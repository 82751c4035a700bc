"""Benchmark: list pages and record pages at 10,000,000 metadata-only records on PostgreSQL.

Issue "Scale out" asks that list pages stay fast at 10M records. The rows are generated inside
PostgreSQL (``INSERT … SELECT … FROM generate_series``), in chunks of 1,000,000, with the real titles,
departments and registration numbers of the week's list (``bench/corpus.py``) spread over 2010–2026
and over the organization chart (60 % headquarters, 30 % the 25 districts, 10 % institutions), the
grades and kinds of the search corpus, and no body text. Every index but those of the primary key and the unique public id is dropped
before the load and created again after it from its own definition (``pg_indexes``), as a bulk load
would; then ``VACUUM ANALYZE``.

Measured through ``django.test.Client`` (routing, the view, its queries, the template), ``--reps``
times after one warm-up, per page type: the list's first page, a page 5M records deep (by cursor), the
page before it, the list filtered by organization, by kind, by year, by organization and year, a
by department, a kind's list with its choices, a record page, the home page, and the read API's
changes feed; and the choices' grouped pass with a cold cache. It prints median and p95 and never
asserts them::

    .venv/bin/python bench/list_pages_postgres.py                       # 10,000,000 rows
    .venv/bin/python bench/list_pages_postgres.py --records 1000000     # a quicker run
    .venv/bin/python bench/list_pages_postgres.py --keep / --reuse      # keep the database, measure again

``--server`` (default ``$SOTONG_BENCH_POSTGRES_URL``, else ``postgres://sotong:sotong@127.0.0.1:5432/
sotong``) names a role that may create databases; the benchmark's database is ``--database``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import (
    GRADES,
    HEADQUARTERS,
    MAIN_INFO_TYPE,
    OTHER_INFO_TYPES,
    chart_organizations,
    load_line,
    machine_line,
    now_line,
    stats,
    week_rows,
)
from search_postgres import DEFAULT_SERVER, database_url, drop_database, recreate_database

from sotong.publication.fields import field_names

CHUNK = 1_000_000
TABLE = "publication_publishedrecord"

# One row per g; md5-derived numbers spread the values without a random generator (same rows per run).
INSERT = f"""
INSERT INTO {TABLE} (
    public_id, title, registration_number, organization, department, department_path, info_type,
    produced_on, retention_period, task_card, grade, listing, grounds, reason, opens_on,
    no_opening_reason, original_url, licence, approval_line, body_text, published_at, updated_at,
    origin, origin_url, origin_files, field, category, region)
SELECT
    'seoul-bench-' || g,
    t.titles[1 + g %% t.n],
    t.departments[1 + g %% t.n] || '-' || g,
    CASE WHEN h %% 10 < 6 THEN %(headquarters)s
         WHEN h %% 10 < 9 THEN (%(districts)s::text[])[1 + h / 10 %% array_length(%(districts)s::text[], 1)]
         ELSE (%(institutions)s::text[])[1 + h / 10 %% array_length(%(institutions)s::text[], 1)] END,
    t.departments[1 + g %% t.n],
    '',
    CASE WHEN h %% 5 < 4 THEN %(main_kind)s
         ELSE (%(other_kinds)s::text[])[1 + h / 5 %% array_length(%(other_kinds)s::text[], 1)] END,
    CASE WHEN g %% 1000 = 999 THEN NULL ELSE date '2010-01-01' + (h %% 6178) END,
    '10년', '', (%(grades)s::text[])[1 + h / 7 %% 10],
    'graded', '[]', '', NULL, '', '', '', '[]', '', now(), now(), '', '', '[]',
    (%(fields)s::text[])[1 + h / 3 %% array_length(%(fields)s::text[], 1)], '', ''
FROM generate_series(%(first)s, %(last)s) AS g,
     LATERAL (SELECT abs(('x' || substr(md5(g::text), 1, 8))::bit(32)::int) AS h) AS hashed,
     (SELECT %(titles)s::text[] AS titles, %(departments)s::text[] AS departments,
             array_length(%(titles)s::text[], 1) AS n) AS t
"""


def load(count: int) -> dict[str, float]:
    from django.db import connection

    rows = week_rows()
    districts, institutions = chart_organizations()
    grades = [grade for grade, weight in GRADES for _ in range(round(weight * 10))]
    params: dict[str, Any] = {
        "titles": [row["title"] for row in rows],
        "departments": [row["rspnber_dept_nm"] for row in rows],
        "headquarters": HEADQUARTERS,
        "districts": districts,
        "institutions": institutions,
        "main_kind": MAIN_INFO_TYPE,
        "other_kinds": list(OTHER_INFO_TYPES),
        "grades": grades,
        "fields": list(field_names()),
    }
    seconds: dict[str, float] = {}
    with connection.cursor() as cursor:
        # Every index but those of constraints (primary key, unique public id).
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = %s::regclass AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = indexrelid)",
            [TABLE],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        started = time.perf_counter()
        for first in range(1, count + 1, CHUNK):
            cursor.execute(INSERT, {**params, "first": first, "last": min(first + CHUNK - 1, count)})
            print(
                f"  loaded {min(first + CHUNK - 1, count):,} rows in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
        seconds["insert (generate_series)"] = time.perf_counter() - started
        started = time.perf_counter()
        for _name, definition in indexes:
            cursor.execute(definition)
        seconds[f"create {len(indexes)} indexes"] = time.perf_counter() - started
        started = time.perf_counter()
        cursor.execute(f"VACUUM ANALYZE {TABLE}")
        seconds["VACUUM ANALYZE"] = time.perf_counter() - started
        cursor.execute(
            f"SELECT pg_size_pretty(pg_relation_size('{TABLE}')), pg_size_pretty(pg_indexes_size('{TABLE}'))"
        )
        heap, index_size = cursor.fetchone()
    print(f"table: heap {heap}, indexes {index_size}")
    return seconds


def pages(count: int) -> dict[str, str]:
    """The URL of each page type; the deep cursor is the record halfway down the list."""
    from sotong.publication.listing import ListPosition
    from sotong.publication.models import PublishedRecord

    deep = PublishedRecord.objects.filter(produced_on__isnull=False).order_by("-produced_on", "-id")[
        count // 2
    ]
    cursor = ListPosition(deep.produced_on, deep.id).token()
    district = PublishedRecord.objects.exclude(organization=HEADQUARTERS).values_list(
        "organization", flat=True
    )[0]
    department = PublishedRecord.objects.exclude(department="").values_list("department", flat=True)[0]
    return {
        "list, first page": "/list/",
        "list, 50 % deep (after=)": f"/list/?after={cursor}",
        "list, page before that (before=)": f"/list/?before={cursor}",
        f"list, organization={district}": f"/list/?organization={district}",
        "list, info_type=보도자료": "/list/?info_type=보도자료",
        "list, year=2015": "/list/?year=2015",
        f"list, department={department}": f"/list/?department={department}",
        f"list, info_type={MAIN_INFO_TYPE} (its choices cached)": f"/list/?info_type={MAIN_INFO_TYPE}",
        "list, 서울특별시 + year=2019, deep": f"/list/?organization={HEADQUARTERS}&year=2019&after=2019-06-30.{deep.id}",
        "record page": f"/records/seoul-bench-{count // 3}/",
        "home (counts, recent)": "/",
        "API changes feed, first page": "/api/v1/changes?limit=100",
    }


def measure(urls: dict[str, str], reps: int) -> None:
    from django.test import Client

    client = Client()
    timings: dict[str, list[float]] = {name: [] for name in urls}
    for rep in range(reps + 1):
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code} {response.content[:300]!r}")
            if rep:
                timings[name].append(elapsed)
    print("\n| page | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in timings.items():
        figures = stats(seconds)
        print(
            f"| {name} | {figures.n} | {figures.median_ms:.1f} | {figures.p95_ms:.1f} | {figures.max_ms:.1f} |"
        )


def measure_choices(reps: int) -> None:
    """A kind's choices with the cache cleared before each call, what the first visitor in five minutes
    waits for: over a sample of the table's pages (what the page does over ``COUNT_CAP`` records) and,
    for comparison, the whole grouped pass; on the biggest kind and a small one."""
    from django.core.cache import cache

    from sotong.publication.listing import ListFilters, publication_list_choices

    print("\n| choices pass, cache cold | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for kind in (MAIN_INFO_TYPE, OTHER_INFO_TYPES[0]):
        for many, how in ((True, "sampled"), (False, "whole pass")):
            seconds = []
            for _ in range(reps):
                cache.clear()
                started = time.perf_counter()
                publication_list_choices(ListFilters(info_type=kind), many=many)
                seconds.append(time.perf_counter() - started)
            figures = stats(seconds)
            print(
                f"| info_type={kind}, {how} | {figures.n} | {figures.median_ms:.1f} | {figures.p95_ms:.1f} "
                f"| {figures.max_ms:.1f} |"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=10_000_000, help="rows to generate (default 10000000)")
    parser.add_argument("--reps", type=int, default=20, help="timed requests per page type (default 20)")
    parser.add_argument("--server", default=os.environ.get("SOTONG_BENCH_POSTGRES_URL", DEFAULT_SERVER))
    parser.add_argument("--database", default="sotong_list_bench", help="the benchmark's own database")
    parser.add_argument("--keep", action="store_true", help="keep the database (for --reuse)")
    parser.add_argument("--reuse", action="store_true", help="measure the database kept by --keep again")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="sotong-list-bench-"))
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.keep or args.reuse:
            print(f"kept: database {args.database}")
        else:
            drop_database(args.server, args.database)


def run(args: argparse.Namespace, workdir: Path) -> None:
    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    if not args.reuse:
        recreate_database(args.server, args.database)
    os.environ["DATABASE_URL"] = database_url(args.server, args.database)
    os.environ["SOTONG_DATA_DIR"] = str(workdir / "data")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), current_setting('shared_buffers')")
        version, buffers = cursor.fetchone()
    print(f"server    {version}; shared_buffers {buffers}")
    if not args.reuse:
        print(f"loading   {args.records:,} rows; {load_line()}", flush=True)
        for name, seconds in load(args.records).items():
            print(f"| {name} | {seconds:.1f} s |")
    urls = pages(args.records)
    print(f"\nmeasuring {len(urls)} page types x {args.reps} reps (+1 warm-up); {load_line()}", flush=True)
    measure(urls, args.reps)
    measure_choices(min(args.reps, 3))
    print(f"measured; {load_line()}")


if __name__ == "__main__":
    main()
