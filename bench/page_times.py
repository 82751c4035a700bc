"""Benchmark: server time per public page type, through Django's test client, on a built data folder.

Issue "Portal complete" sets the goal: p95 ≤ 50 ms per page type at 100k records. The records come
from ``bench/search_latency.py --records 100000 --no-fts5 --keep`` (real titles, departments and
numbers, ~2,000-character bodies, the Tantivy index built); this script adds the catalogues and the
demo projects' kind of data (the real 업무추진비 and 사전정보공표 files, one published project that
follows a task card of the corpus), then requests every public page type ``--reps`` times after one
warm-up, and prints median, p95 and max per type. Server time: routing, the view, its queries, the
template; no network, no browser. Then it times the record page's list of records similar in text
(``similar_records``) alone, for ``--similar`` records spread over the table: its cost depends on
the record's terms, which one record page cannot show.

    .venv/bin/python bench/search_latency.py --records 100000 --no-fts5 --keep   # prints the folder
    .venv/bin/python bench/page_times.py --data-dir /tmp/sotong-search-bench-XXXX/data

It prints figures and never asserts them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote

from corpus import data_root, load_line, machine_line, now_line, stats

QUERIES = ("시민", "정보공개", "교통정책과-2726", "서울시 열린정부 실행계획", "이병우")


def prepare() -> dict[str, str]:
    """Add the catalogues and a project; return the URL of each page type."""
    from django.core.management import call_command

    from sotong.expenses.importer import expense_import
    from sotong.organizations.services.chart import organization_import_chart
    from sotong.proactive.importer import proactive_import
    from sotong.projects.models import Project, ProjectTaskCard
    from sotong.publication.listing import ListPosition
    from sotong.publication.models import PublishedRecord

    call_command("migrate", verbosity=0)
    organization_import_chart(path=data_root() / "seoul-organizations.json", actor="bench")
    expense_import(path=data_root() / "opengov" / "202009_expense_list.csv", actor="bench")
    proactive_import(path=data_root() / "opengov" / "20200901_20200930_public_list.csv", actor="bench")
    record = PublishedRecord.objects.exclude(task_card="").order_by("id").first()
    assert record is not None, "the data folder has no records with a task card"
    project, _ = Project.objects.get_or_create(
        slug="bench-project",
        defaults={
            "name": "벤치마크 사업",
            "kind": "construction",
            "organization": "서울특별시",
            "published": True,
        },
    )
    ProjectTaskCard.objects.get_or_create(project=project, name=record.task_card)
    dated = PublishedRecord.objects.filter(produced_on__isnull=False).order_by("-produced_on", "-id")
    deep_day, deep_id = dated.values_list("produced_on", "id")[50_000]
    urls = {
        "home": "/",
        "정보목록, first page": "/list/",
        "정보목록, 50,000 deep": f"/list/?after={ListPosition(deep_day, deep_id).token()}",
        "정보목록, by organization": "/list/?organization=서울특별시",
        "정보목록, by department": f"/list/?department={quote(record.department)}",
        "a kind's list with its choices (결재문서)": f"/list/?info_type={quote('결재문서')}",
        "찾아보기": "/browse/",
        "record page": f"/records/{record.public_id}/",
        "record preview (in place)": f"/records/{record.public_id}/preview/",
        "feed": "/feed/",
        "sitemap index": "/sitemap.xml",
        "업무추진비": "/expenses/",
        "업무추진비 totals": "/expenses/totals/",
        "사전정보공표": "/proactive/",
        "project page": "/projects/bench-project/",
        "404": "/records/seoul-nosuchrecord/",
    }
    for text in QUERIES:
        urls[f"search: {text}"] = f"/search/?q={quote(text)}"
    urls["search, newest first: 정보공개"] = f"/search/?q={quote('정보공개')}&sort=date"
    urls["search feed: 정보공개"] = f"/search/feed/?q={quote('정보공개')}"
    return urls


def measure(urls: dict[str, str], reps: int) -> None:
    from django.test import Client

    client = Client()
    timings: dict[str, list[float]] = {name: [] for name in urls}
    for rep in range(reps + 1):
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            expected = 404 if name == "404" else 200
            if response.status_code != expected:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            if rep:
                timings[name].append(elapsed)
    print("\n| page type | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in timings.items():
        figures = stats(seconds)
        print(
            f"| {name} | {figures.n} | {figures.median_ms:.1f} | {figures.p95_ms:.1f} | {figures.max_ms:.1f} |"
        )


def measure_similar(samples: int, reps: int) -> None:
    """The record page's "similar content" list alone (``similar_records``), for ``samples``
    records spread over the table: unlike a page, its cost depends on the record's terms."""
    from sotong.publication.models import PublishedRecord
    from sotong.search.selectors import similar_records

    ids = list(PublishedRecord.objects.order_by("id").values_list("public_id", flat=True))
    chosen = ids[:: max(1, len(ids) // samples)][:samples]
    timings: list[float] = []
    found: list[int] = []
    for rep in range(reps + 1):
        for public_id in chosen:
            started = time.perf_counter()
            hits = similar_records(public_id=public_id)
            elapsed = time.perf_counter() - started
            if rep:
                timings.append(elapsed)
                found.append(len(hits))
    figures = stats(timings)
    print(
        f"\nsimilar_records over {len(chosen)} records x {reps}; {sum(found) / max(1, len(found)):.1f} hits each"
    )
    print("| call | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| similar_records | {figures.n} | {figures.median_ms:.1f} | {figures.p95_ms:.1f} | {figures.max_ms:.1f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="a data folder kept by search_latency.py"
    )
    parser.add_argument("--reps", type=int, default=20, help="timed requests per page type (default 20)")
    parser.add_argument(
        "--similar", type=int, default=50, help="records whose similar list is timed alone (default 50)"
    )
    args = parser.parse_args(argv)
    if not (args.data_dir / "sotong.sqlite3").exists():
        parser.error(f"{args.data_dir}: no sotong.sqlite3 there")
    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    os.environ["SOTONG_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from sotong.publication.models import PublishedRecord

    urls = prepare()
    print(
        f"records   {PublishedRecord.objects.count():,}; {len(urls)} page types x {args.reps}; {load_line()}"
    )
    measure(urls, args.reps)
    measure_similar(args.similar, args.reps)
    print(f"measured; {load_line()}")


if __name__ == "__main__":
    main()
