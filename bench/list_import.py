"""Benchmark: bulk import of one of Seoul's document lists (``list_import``), in one warm process.

Synthesizes a large list from the real week ``opengov/20210208_20210214_info_list.csv`` (read in
place from ``SOTONG_DEMO_DATA``; same columns, real titles, fresh ``package_id``s, shifted
registration numbers and dates so every row is a distinct document) into a temporary folder, then
against a fresh SQLite database in that folder:

1. start-up: ``django.setup()`` + ``migrate`` + organization chart import (timed apart), then the
   search warm-up (Tantivy opened, Kiwi loaded; timed apart too: a process pays it once);
2. first import of the synthesized file (all rows new: records, audit, publication, index): rows/s;
3. second import of the same file (all rows unchanged): rows/s;
4. peak RSS of the process (``resource.getrusage``), SQL statements and CPU seconds per import.

It prints figures and never asserts them. Usage (from the repository root)::

    .venv/bin/python bench/list_import.py                 # 100,000 rows
    .venv/bin/python bench/list_import.py --rows 10000    # a quick run
    .venv/bin/python bench/list_import.py --profile       # + cProfile of the first import
    .venv/bin/python bench/list_import.py --phases        # + time spent per stage, both imports
    .venv/bin/python bench/list_import.py --skip-index    # the database work alone
    .venv/bin/python bench/list_import.py --kiwi-workers 2

Nothing is written into the repository: the list and the database live in a temporary folder that
is removed at the end (``--keep`` leaves it, and prints where).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import functools
import importlib
import io
import os
import platform
import pstats
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from unittest.mock import patch

REPO = Path(__file__).resolve().parent.parent
WEEK = Path("opengov") / "20210208_20210214_info_list.csv"
CHART = "seoul-organizations.json"
ACTOR = "bench:list-import"
PACKAGE_ID_BASE = 900_000_000_000  # real ids look like 210416447961000; ours stay 15 digits, never clash
REGISTRATION_STEP = 100_000  # each copy of the week moves registration numbers on by this much
URL_ID_STEP = 10_000_000  # and the ids at the end of published originals' URLs by this much

T = TypeVar("T")


@dataclass
class Figures:
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system of this process, all threads (Kiwi's workers too)
    queries: int = 0


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def demo_data_root() -> Path:
    return Path(os.environ.get("SOTONG_DEMO_DATA", REPO.parent / "shared" / "data")).resolve()


def _shift_number(value: str, offset: int) -> str:
    """``교통정책과-2726`` -> ``교통정책과-102726``: same department, another document number."""
    prefix, sep, number = value.rpartition("-")
    if sep and number.isdigit():
        return f"{prefix}-{int(number) + offset}"
    return f"{value}-{offset}" if offset else value


def _shift_url(value: str, offset: int) -> str:
    """A published original's page (``…/sanction/22233189``) gets a distinct id; bare URLs stay."""
    head, sep, tail = value.rstrip("/").rpartition("/")
    if sep and tail.isdigit() and offset:
        return f"{head}/{int(tail) + offset}"
    return value


def _shift_date(value: str, weeks: int) -> str:
    if len(value) != 8 or not value.isdigit():
        return value
    day = dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    return (day - dt.timedelta(weeks=weeks)).strftime("%Y%m%d")


def synthesize(*, source: Path, target: Path, rows: int) -> int:
    """Write ``rows`` rows to ``target``: the real week repeated, each row a distinct document.

    Copy ``k`` of the week is dated ``k`` weeks earlier, with registration numbers moved on by
    ``k * REGISTRATION_STEP``; every row gets a fresh ``package_id``. Titles, task cards, writers,
    departments, retention periods, grades and licences are the real ones.
    """
    with source.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        columns = list(reader.fieldnames or [])
        week = list(reader)
    if not week:
        raise SystemExit(f"{source}: no rows")
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        for index in range(rows):
            copy, real = divmod(index, len(week))
            row = dict(week[real])
            row["package_id"] = f"{PACKAGE_ID_BASE + index}000"
            row["src_dept_doc_no"] = _shift_number(row["src_dept_doc_no"], copy * REGISTRATION_STEP)
            row["doc_prdctn_dt"] = _shift_date(row["doc_prdctn_dt"], copy)
            row["url"] = _shift_url(row["url"], copy * URL_ID_STEP)
            writer.writerow(row)
    return len(week)


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@contextmanager
def measured(figures: Figures) -> Iterator[None]:
    """Time the block and count the SQL statements it sends."""
    from django.db import connection

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        figures.queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started, cpu_started = time.perf_counter(), cpu_seconds()
        try:
            yield
        finally:
            figures.seconds = time.perf_counter() - started
            figures.cpu_seconds = cpu_seconds() - cpu_started


def profiled(call: Callable[[], T], *, label: str, top: int) -> T:
    profile = cProfile.Profile()
    result = profile.runcall(call)
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n--- cProfile, {label}, top {top} by {order} ---")
        print(out.getvalue().strip())
    return result


# (module, attribute, label, depth): what --phases times; a name the code lacks is left out.
PHASES: tuple[tuple[str, str, str, int], ...] = (
    ("sotong.intake.services.lists", "_RowMapper.__call__", "map rows (units, info types)", 1),
    ("sotong.intake.services.lists", "record_upsert_many", "upsert records + audit", 1),
    ("sotong.intake.services.lists", "records_publish_many", "publish stage", 1),
    ("sotong.pipeline.stages.publish", "publication_upsert_many", "publication layer upsert", 2),
    ("sotong.search.prepare", "analyse_many", "Kiwi analysis", 3),
    ("sotong.intake.services.lists", "search_document", "search documents (no read-back)", 1),
    ("sotong.search.background", "prepare_terms", "Kiwi analysis in this process", 1),
    ("sotong.intake.services.lists", "search_index_prepared", "Tantivy add + commit", 1),
)


class Phases:
    """Wall and CPU seconds spent in the functions of ``PHASES``: a cheap breakdown (a few µs a
    call), unlike cProfile, which slows the ORM's many small calls far more than Kiwi's C++."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}
        self.depths: dict[str, int] = {}

    def install(self) -> None:
        for module_name, attribute, label, depth in PHASES:
            try:
                owner: Any = importlib.import_module(module_name)
            except ImportError:
                continue
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part, None)
            if owner is None or not hasattr(owner, name):
                continue
            self.depths[label] = depth
            patch.object(owner, name, self._timed(label, getattr(owner, name))).start()

    def _timed(self, label: str, function: Callable[..., T]) -> Callable[..., T]:
        totals = self.totals.setdefault(label, [0.0, 0.0])

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            wall, cpu = time.perf_counter(), cpu_seconds()
            try:
                return function(*args, **kwargs)
            finally:
                totals[0] += time.perf_counter() - wall
                totals[1] += cpu_seconds() - cpu

        return wrapper

    def report(self, figures: Figures) -> None:
        """Print and reset. The rest of the import is reading and parsing the file, and batching."""
        top = 0.0
        for label, (wall, cpu) in self.totals.items():
            depth = self.depths[label]
            top += wall if depth == 1 else 0.0
            share = 100 * wall / figures.seconds if figures.seconds else 0.0
            print(
                f"  {'  ' * (depth - 1)}{label:<{36 - 2 * depth}} {wall:7.2f} s {share:5.1f} %  CPU {cpu:7.2f} s"
            )
            self.totals[label][:] = [0.0, 0.0]
        rest = figures.seconds - top
        print(
            f"  {'read + parse file, batching (rest)':<34} {rest:7.2f} s {100 * rest / figures.seconds:5.1f} %"
        )


def search_warm_up(*, workers: int | None, skip: bool) -> str:
    """Open the search backend and load Kiwi now, so these one-off costs (paid once per process)
    land in no import figure; or, with ``skip``, turn indexing off for this process only."""
    try:
        from sotong.pipeline.stages import publish
        from sotong.search import korean
        from sotong.search.indexer import search_backend
    except ImportError:
        return "search      no search indexing in this code"
    if not hasattr(publish, "search_index_publications"):
        return "search      the publish stage does not index"
    if skip:

        def no_index(*, public_ids: Sequence[str]) -> None:
            return None

        patch.object(publish, "search_index_publications", no_index).start()
        try:
            from sotong.intake.services import lists
        except ImportError:
            lists = None  # type: ignore[assignment]
        if lists is not None and hasattr(lists, "BackgroundPreparer"):
            # The bulk path analyses in a worker process and indexes prepared documents itself.
            class NoPreparer:
                in_worker = 0

                def __init__(self, **options: object) -> None:
                    pass

                def __enter__(self) -> NoPreparer:
                    return self

                def __exit__(self, *exc: object) -> None:
                    return None

                def submit(self, docs: object) -> None:
                    return None

                def ready(self) -> list[Any]:
                    return []

                def drain(self) -> list[Any]:
                    return []

            patch.object(lists, "BackgroundPreparer", NoPreparer).start()
        return "search      indexing SKIPPED (--skip-index): figures are the database work alone"
    if workers is not None:
        korean.configure(num_workers=workers)
    started = time.perf_counter()
    backend = search_backend()
    korean.kiwi()
    return (
        f"search      {backend.name} opened and Kiwi loaded in {time.perf_counter() - started:.2f} s "
        f"(Kiwi workers {workers or 'default'}; not part of any figure)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000, help="rows to synthesize (default 100000)")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the first import (slows it; timings marked)"
    )
    parser.add_argument(
        "--profile-reimport", action="store_true", help="cProfile the re-import as well (slows it; marked)"
    )
    parser.add_argument(
        "--skip-index",
        action="store_true",
        help="replace search indexing by a no-op (bench only): the database work alone",
    )
    parser.add_argument(
        "--kiwi-workers", type=int, default=None, help="Kiwi worker threads (default: the code's own)"
    )
    parser.add_argument(
        "--phases", action="store_true", help="time the import's stages (map, upsert, publish, index)"
    )
    parser.add_argument("--top", type=int, default=15, help="functions to list with --profile")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")

    source = demo_data_root() / WEEK
    chart = demo_data_root() / CHART
    for needed in (source, chart):
        if not needed.is_file():
            raise SystemExit(f"not found: {needed} (set SOTONG_DEMO_DATA)")

    workdir = Path(tempfile.mkdtemp(prefix="sotong-bench-"))
    try:
        run(args, source=source, chart=chart, workdir=workdir)
    finally:
        if args.keep:
            print(f"kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, *, source: Path, chart: Path, workdir: Path) -> None:
    listing = workdir / f"bench_{args.rows}_info_list.csv"
    started = time.perf_counter()
    week_rows = synthesize(source=source, target=listing, rows=args.rows)
    synth_seconds = time.perf_counter() - started

    print(f"machine     nproc={os.cpu_count()} python={platform.python_version()} {platform.platform()}")
    print(f"date        {dt.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"load avg    {load_average()} (1/5/15 min; other work on the box skews wall-clock figures)")
    print(f"source      {source} ({week_rows} rows)")
    print(
        f"synthesized {args.rows} rows, {listing.stat().st_size / 1e6:.1f} MB in {synth_seconds:.2f} s"
        " (not part of any figure below)"
    )

    # Settings read the environment once, at import: set it before anything imports Django.
    os.environ["SOTONG_DATA_DIR"] = str(workdir / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))

    started = time.perf_counter()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sotong.organizations.models import Organization
    from sotong.organizations.services.chart import HEADQUARTERS_NAME, organization_import_chart

    organization_import_chart(path=chart, actor=ACTOR)
    startup_seconds = time.perf_counter() - started
    print(f"start-up    {startup_seconds:.2f} s (django.setup + migrate + chart import)")
    print(f"peak RSS    {peak_rss_mib():.0f} MiB after start-up")

    print(search_warm_up(workers=args.kiwi_workers, skip=args.skip_index))
    print(f"peak RSS    {peak_rss_mib():.0f} MiB after search warm-up")

    from django.conf import settings

    from sotong.intake.services.lists import BATCH_SIZE, ListImportSummary, list_import

    print(f"database    {settings.DATABASES['default']['NAME']} (batch size {BATCH_SIZE})")
    organization = Organization.objects.get(name=HEADQUARTERS_NAME)

    phases = Phases()
    if args.phases:
        phases.install()

    def import_once() -> ListImportSummary:
        return list_import(path=listing, organization=organization, actor=ACTOR)

    for label, profile in (("first import", args.profile), ("re-import", args.profile_reimport)):
        figures = Figures()
        with measured(figures):
            summary = profiled(import_once, label=label, top=args.top) if profile else import_once()
        note = " [under cProfile: slower than a plain run]" if profile else ""
        print(
            f"{label:<12} {summary.rows} rows in {figures.seconds:.2f} s = "
            f"{summary.rows / figures.seconds:,.0f} rows/s{note}; CPU {figures.cpu_seconds:.2f} s = "
            f"{summary.rows / figures.cpu_seconds:,.0f} rows/CPU-s; {figures.queries} SQL statements; "
            f"created {summary.created}, updated {summary.updated}, unchanged {summary.unchanged}, "
            f"rejected {len(summary.rejected)}, new units {len(summary.new_units)}"
            + (
                f"; analysed in the worker process: {summary.analysed_in_worker}"
                if hasattr(summary, "analysed_in_worker")
                else ""
            )
        )
        if args.phases:
            phases.report(figures)
        print(f"peak RSS    {peak_rss_mib():.0f} MiB after {label}; load avg {load_average()}")

    database = Path(settings.DATABASES["default"]["NAME"])
    size = sum(p.stat().st_size for p in database.parent.glob(database.name + "*"))
    print(f"database    {size / 1e6:.0f} MB on disk (with WAL)")


if __name__ == "__main__":
    main()
