"""Benchmark: search latency at 100,000 records, three ways in one warm process.

Corpus: ``bench/corpus.py`` synthesizes the records (real titles, departments, writers and
registration numbers of the week's document list; ~2,000-character bodies of real seed-document
lines; facets varied: organization, info_type, year, grade) from pieces Kiwi analysed once.

Build, in a temporary folder (``SOTONG_DATA_DIR``): ``migrate``, then per batch of 2,000 records
(as ``search_rebuild`` batches): ``PublishedRecord`` rows by ``bulk_create``, their
``SearchDocument`` by ``indexer.search_document``, ``index_prepared`` (one commit) on
``indexer.search_backend()``, and the same terms into a contentless SQLite FTS5 table in a
separate file. Then Tantivy's merges are awaited and FTS5 is optimized.

Measured, per query of a fixed mix of 50 (``QUERIES``), interleaved, ``--reps`` times after one
untimed warm-up pass:

(a) ``GET /api/v1/search?q=…`` through ``django.test.Client`` (URL routing, Ninja, JSON);
(b) ``backend.search()`` without Django, and its stages: query analysis (``parse_query``), the
    ranked page with its total, facet counts, stored fields + snippets; and the bare Tantivy
    searcher on the prebuilt query: ``searcher.search(query, 20)`` with and without the count;
(c) SQLite FTS5 over the same terms and bigrams (same ``parse_query``; a word is all the terms of
    any of its readings, each in any term column, or for names and numbers all its runs as bigram
    phrases in one bigram column):
    ``MATCH … ORDER BY bm25 LIMIT 20``, and ``count(*)`` of the same match.

It prints tables and never asserts timings. Usage (from the repository root)::

    .venv/bin/python bench/search_latency.py                  # 100,000 records
    .venv/bin/python bench/search_latency.py --records 10000  # a quick run
    .venv/bin/python bench/search_latency.py --keep           # keep the built folder, then
    .venv/bin/python bench/search_latency.py --reuse DIR      # measure it again (a quieter moment)

Nothing is written into the repository: everything lives in a temporary folder, removed at the end
unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from corpus import (  # bench/ is on sys.path when this file is run as a script
    Pool,
    Stats,
    Synthetic,
    build_pool,
    composition_check,
    load_line,
    machine_line,
    now_line,
    stats,
    synthesize,
)

from sotong.search.backends.tantivy_backend import TantivyBackend
from sotong.search.korean import kiwi, run_tokens
from sotong.search.prepare import PreparedDocument
from sotong.search.query import ParsedQuery, QueryWord, parse_query

BATCH = 2000
T = TypeVar("T")

# (class, query, filters). Names are writers of the list (they sign the bodies' last line);
# numbers are real registration numbers (copy 0) and one of copy 1 (moved on by 100000).
QUERIES: tuple[tuple[str, str, dict[str, str]], ...] = (
    *(("2-syllable", q, {}) for q in ("시민", "공개", "정보", "참여", "예산", "교통", "안전", "복지",
                                      "소통", "행정", "민원", "소방")),
    *(("compound", q, {}) for q in ("정보공개", "열린정부", "시민참여", "공공데이터", "정보소통광장",
                                    "전자정부", "행정정보", "빅데이터")),
    *(("inflected", q, {}) for q in ("공개하여", "참여하는", "개선하기", "추진하였다", "제공된",
                                     "지원하고")),
    *(("name", q, {}) for q in ("이병우", "정호욱", "신경택", "권병훈", "김미례")),
    *(("number", q, {}) for q in ("소방행정과-1424", "교통정책과-2726", "시설관리과-2994", "2726",
                                  "교통정책과-102726")),
    *(("multi-word", q, {}) for q in ("시민 참여 확대", "정보 공개 청구", "서울시 열린정부 실행계획",
                                      "공공데이터 개방", "교통약자 환승지도", "민원 처리 결과",
                                      "화재 안전 점검", "코로나19 확산 방지", "예산 집행 내역",
                                      "초과근무내역 보고")),
    ("negated", "비공개", {}),
    ("facet", "공개", {"department": "현장대응단"}),
    ("facet", "시민", {"year": "2019"}),
    ("facet", "정보공개", {"organization": "서울특별시", "info_type": "결재문서"}),
)  # fmt: skip


# --- SQLite FTS5 over the same terms ------------------------------------------------------------

FTS_COLUMNS = ("title_terms", "body_terms", "number_terms", "title_bigrams", "body_bigrams", "number_bigrams")
FTS_WEIGHTS = "3.0, 1.0, 2.0, 3.0, 1.0, 2.0"  # the Tantivy backend's field boosts
TERM_COLUMNS = "{title_terms body_terms number_terms}"
BIGRAM_COLUMNS = ("title_bigrams", "body_bigrams", "number_bigrams")
FACET_COLUMNS = ("organization", "department", "info_type", "year", "grade")


def fts_token(term: str) -> str:
    """A term as one ``unicode61`` token: letters and digits as they are, anything else as hex.

    ``unicode61`` would split 02-2133-1234 or a chunk like 소방행정과-1424; the hex form keeps
    every term whole, exactly as Tantivy's whitespace tokenizer does.
    """
    return term if term.isalnum() else "x" + term.encode().hex()


def fts_open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA cache_size=-262144")  # 256 MiB, and the file mapped: its best shot
    connection.execute("PRAGMA mmap_size=4294967296")
    return connection


def fts_create(connection: sqlite3.Connection) -> None:
    columns = ", ".join(FTS_COLUMNS)
    connection.execute(
        f"CREATE VIRTUAL TABLE fts USING fts5({columns}, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    connection.execute(f"CREATE TABLE meta (id INTEGER PRIMARY KEY, {', '.join(FACET_COLUMNS)})")


def fts_insert(connection: sqlite3.Connection, rows: Sequence[tuple[int, PreparedDocument]]) -> None:
    def tokens(values: Iterable[str]) -> str:
        return " ".join(fts_token(value) for value in values)

    placeholders = ", ".join("?" * (len(FTS_COLUMNS) + 1))
    connection.execute("BEGIN")
    connection.executemany(
        f"INSERT INTO fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES ({placeholders})",
        [(rowid, *(tokens(getattr(prepared, name)) for name in FTS_COLUMNS)) for rowid, prepared in rows],
    )
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?)",
        [(rowid, *(getattr(prepared.doc, name) for name in FACET_COLUMNS)) for rowid, prepared in rows],
    )
    connection.execute("COMMIT")


def _phrase(run: str) -> str:
    return '"' + " ".join(fts_token(token) for token in run_tokens(run)) + '"'


def _bigram_route(runs: Sequence[str]) -> str:
    phrases = " AND ".join(_phrase(run) for run in runs)
    return "(" + " OR ".join(f"({name} : ({phrases}))" for name in BIGRAM_COLUMNS) + ")"


def _word(word: QueryWord) -> str:
    """Any reading of the word with all its terms, each in any term column; or its bigram route."""
    readings = " OR ".join(
        "(" + " AND ".join(f'{TERM_COLUMNS} : "{fts_token(term)}"' for term in reading) + ")"
        for reading in word.readings
    )
    if word.use_bigrams and word.runs:
        return f"({readings} OR {_bigram_route(word.runs)})"
    return f"({readings})"


def fts_match(parsed: ParsedQuery) -> str | None:
    """The matching rule of ``sotong.search.query`` in FTS5 syntax; ``None`` matches nothing.

    Compounds and whole chunks only raise the score in Tantivy; FTS5 has no optional clauses,
    so they are left out (the match set is the same, the order may differ).
    """
    required = [_word(word) for word in parsed.words if word.required]
    if required:
        return " AND ".join(required)
    soft = [_bigram_route(word.runs) for word in parsed.words if word.runs]
    return " OR ".join(soft) or None


@dataclass(frozen=True)
class FtsQuery:
    match: str | None
    filters: dict[str, str]

    def sql(self, select: str, tail: str) -> tuple[str, list[Any]]:
        where = ["fts MATCH ?"]
        params: list[Any] = [self.match]
        for name, value in sorted(self.filters.items()):
            where.append(f"meta.{name} = ?")
            params.append(int(value) if name == "year" else value)
        join = " JOIN meta ON meta.id = fts.rowid" if self.filters else ""
        return f"SELECT {select} FROM fts{join} WHERE {' AND '.join(where)} {tail}", params

    def top(self, connection: sqlite3.Connection) -> list[int]:
        if self.match is None:
            return []
        sql, params = self.sql("fts.rowid", f"ORDER BY bm25(fts, {FTS_WEIGHTS}) LIMIT 20")
        return [row[0] for row in connection.execute(sql, params)]

    def count(self, connection: sqlite3.Connection) -> int:
        if self.match is None:
            return 0
        sql, params = self.sql("count(*)", "")
        return int(connection.execute(sql, params).fetchone()[0])


# --- build --------------------------------------------------------------------------------------


@dataclass
class BuildFigures:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def published_record(record: Synthetic, published_at: Any) -> Any:
    from sotong.core.public_ids import public_id_for_source
    from sotong.publication.models import PublishedRecord

    return PublishedRecord(
        public_id=public_id_for_source(
            instance="seoul", organization=record.organization, source_id=f"bench-{record.index}"
        ),
        title=record.title,
        registration_number=record.registration_number,
        organization=record.organization,
        department=record.department,
        department_path=f"{record.organization} > {record.department}",
        info_type=record.info_type,
        produced_on=record.produced_on,
        retention_period=record.retention_period,
        task_card=record.task_card,
        grade=record.grade,
        listing="graded" if record.grade else "listed_only",
        original_url=record.original_url,
        licence=record.licence,
        body_text=record.body,
        published_at=published_at,
        updated_at=published_at,
    )


def tantivy_backend() -> TantivyBackend:
    """The process's backend (``indexer.search_backend``), as the Tantivy class it is here."""
    from sotong.search.indexer import search_backend

    backend = search_backend()
    assert isinstance(backend, TantivyBackend), "set SOTONG_SEARCH_BACKEND=tantivy"
    return backend


def build(
    pool: Pool, count: int, fts: sqlite3.Connection | None, body_bigrams: str
) -> tuple[BuildFigures, list[Synthetic]]:
    """Write the records, the Tantivy index and (unless ``fts`` is None) the FTS5 table, 2,000 at a time."""
    from django.utils import timezone

    from sotong.publication.models import PublishedRecord
    from sotong.search.indexer import search_document

    figures = BuildFigures()
    backend = tantivy_backend()
    now = timezone.now()
    first: list[Synthetic] = []
    done = 0
    for batch in batched(synthesize(pool, count), BATCH):
        first = first or batch[:30]
        with figures.step("synthesize records"):
            records = [published_record(record, now) for record in batch]
        with figures.step("database bulk_create"):
            PublishedRecord.objects.bulk_create(records)
        with figures.step("search documents + terms"):
            prepared = [
                s.prepared(search_document(r), body_bigrams=body_bigrams)
                for s, r in zip(batch, records, strict=True)
            ]
        with figures.step("tantivy index_prepared"):
            backend.index_prepared(prepared)
        if fts is not None:
            with figures.step("fts5 insert"):
                fts_insert(fts, list(enumerate(prepared, done + 1)))
        done += len(batch)
        if done % 20_000 == 0 or done == count:
            spent = sum(figures.seconds.values())
            print(f"  built {done:,} records in {spent:.0f} s", flush=True)
    with figures.step("tantivy merges (close)"):
        backend.close()
    with figures.step("tantivy reload"):
        backend._index.reload()
    if fts is not None:
        with figures.step("fts5 optimize"):
            fts.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    return figures, first


# --- measure ------------------------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    text: str
    filters: dict[str, str]
    parsed: ParsedQuery
    tantivy_query: Any
    fts: FtsQuery | None
    totals: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, list[float]] = field(default_factory=dict)  # per method


METHODS = (
    "(a) API GET /api/v1/search",
    "(b) backend.search()",
    "(b)   parse_query (Kiwi)",
    "(b)   ranked page + total",
    "(b)   facet counts (aggregate)",
    "(b)   stored fields + snippets",
    "(b) tantivy search top 20",
    "(b) tantivy search top 20 + count",
    "(b) tantivy search top 84 + count",
    "(c) FTS5 bm25 top 20",
    "(c) FTS5 count(*)",
)


def measure(cases: Sequence[Case], reps: int, fts: sqlite3.Connection | None) -> None:
    """Fill each case's seconds per method; the first pass is a warm-up and is not kept."""
    from django.test import Client

    from sotong.search.backends import tantivy_backend as tb
    from sotong.search.documents import SearchQuery

    client = Client()
    backend = tantivy_backend()
    index = backend._index

    def api(case: Case) -> int:
        response = client.get("/api/v1/search", {"q": case.text, **case.filters})
        if response.status_code != 200:
            raise SystemExit(f"{case.text!r}: HTTP {response.status_code} {response.content[:300]!r}")
        return int(response.json()["total"])

    def calls(case: Case) -> list[Callable[[], Any]]:
        searcher = index.searcher()
        query = case.tantivy_query
        page: list[Any] = tb._ranked_page(searcher, query, 0, 20)[1]
        timed: list[Callable[[], Any]] = [
            lambda: api(case),
            lambda: backend.search(SearchQuery(text=case.text, filters=case.filters)).total,
            lambda: parse_query(case.text),
            lambda: tb._ranked_page(searcher, query, 0, 20)[0],
            lambda: tb._facets(searcher, query),
            lambda: tb._hits(searcher, page, case.parsed),
            lambda: searcher.search(query, 20, count=False),
            lambda: tb._count(searcher.search(query, 20)),
            # What the ranked page would cost if it fetched its tie overflow in the same search.
            lambda: tb._count(searcher.search(query, 84)),
        ]
        if case.fts is not None and fts is not None:
            fts_query, connection = case.fts, fts
            timed += [lambda: fts_query.top(connection), lambda: fts_query.count(connection)]
        return timed

    for rep in range(reps + 1):
        for case in cases:
            for method, call in zip(METHODS, calls(case), strict=False):
                started = time.perf_counter()
                result = call()
                elapsed = time.perf_counter() - started
                if rep == 0:
                    if method.startswith(("(a)", "(b) backend", "(c) FTS5 count")):
                        case.totals[method[:3]] = int(result)
                    continue
                case.seconds.setdefault(method, []).append(elapsed)


def make_cases(fts: sqlite3.Connection | None) -> list[Case]:
    from sotong.search.backends.tantivy_query import text_query, with_filters

    schema = tantivy_backend().schema
    cases = []
    for kind, text, filters in QUERIES:
        parsed = parse_query(text)
        query = with_filters(schema, text_query(schema, parsed), filters)
        fts_query = FtsQuery(fts_match(parsed), filters) if fts is not None else None
        cases.append(Case(kind, text, filters, parsed, query, fts_query))
    return cases


# --- report -------------------------------------------------------------------------------------


def table(cases: Sequence[Case]) -> None:
    print("\n| method | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for method in (m for m in METHODS if m in cases[0].seconds):
        figures: Stats = stats([t for case in cases for t in case.seconds[method]])
        print(
            f"| {method} | {figures.n} | {figures.median_ms:.2f} | {figures.p95_ms:.2f} | {figures.max_ms:.1f} |"
        )


def class_table(cases: Sequence[Case], methods: Sequence[str]) -> None:
    kinds = list(dict.fromkeys(case.kind for case in cases))
    print("\n| query class | " + " | ".join(f"{m} median / p95 ms" for m in methods) + " |")
    print("|---|" + "---:|" * len(methods))
    for kind in kinds:
        cells = []
        for method in methods:
            figures = stats([t for case in cases if case.kind == kind for t in case.seconds[method]])
            cells.append(f"{figures.median_ms:.2f} / {figures.p95_ms:.2f}")
        print(f"| {kind} | " + " | ".join(cells) + " |")


def per_query(cases: Sequence[Case], methods: Sequence[str]) -> None:
    print("\nper query: total hits (API / backend / FTS5 count); median ms of " + ", ".join(methods))
    for case in cases:
        filters = " " + ",".join(f"{k}={v}" for k, v in case.filters.items()) if case.filters else ""
        totals = " / ".join(str(case.totals.get(key, "-")) for key in ("(a)", "(b)", "(c)"))
        medians = " / ".join(f"{stats(case.seconds[method]).median_ms:.1f}" for method in methods)
        print(f"  {case.kind:<10} {case.text}{filters}: {totals}; {medians}")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=100_000, help="records to synthesize (default 100000)")
    parser.add_argument("--reps", type=int, default=5, help="timed passes over the 50 queries (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (for --reuse)")
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="DIR",
        help="measure again a folder built and kept by --keep; build nothing",
    )
    parser.add_argument("--no-fts5", action="store_true", help="build and measure Tantivy only (no FTS5)")
    parser.add_argument(
        "--body-bigrams",
        choices=("all", "names"),
        default="all",
        help="'names': body bigrams of the footer line (department, writer) only, for 1,000,000 records",
    )
    args = parser.parse_args(argv)
    if args.records < 1 or args.reps < 1:
        parser.error("--records and --reps must be at least 1")
    if args.reuse is not None:
        if not (args.reuse / "data").is_dir():
            parser.error(f"{args.reuse}: not a folder kept by --keep")
        run(args, args.reuse.resolve())
        return
    workdir = Path(tempfile.mkdtemp(prefix="sotong-search-bench-"))
    try:
        run(args, workdir)
    finally:
        if args.keep:
            print(f"kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> None:
    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"workdir   {workdir}")

    started = time.perf_counter()
    kiwi()
    print(f"kiwi      loaded in {time.perf_counter() - started:.2f} s")

    # Settings read the environment once, at import: set it before anything imports Django.
    os.environ["SOTONG_DATA_DIR"] = str(workdir / "data")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns without it
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    started = time.perf_counter()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"django    setup + migrate in {time.perf_counter() - started:.1f} s")

    fts_path = workdir / "fts5.sqlite3"
    fts = None if args.no_fts5 or (args.reuse and not fts_path.exists()) else fts_open(fts_path)
    if args.reuse is None:
        if fts is not None:
            fts_create(fts)
        started = time.perf_counter()
        pool = build_pool()
        print(
            f"pool      {pool.pieces:,} pieces, {pool.chars:,} chars analysed in "
            f"{time.perf_counter() - started:.1f} s"
        )
        print(f"building  {args.records:,} records (batches of {BATCH:,}); {load_line()}", flush=True)
        print(f"body bigrams: {args.body_bigrams}; FTS5: {'no' if fts is None else 'yes'}")
        figures, first = build(pool, args.records, fts, args.body_bigrams)
        print(f"composition check: {composition_check(first):.3f} of body terms as Kiwi on the joined body")
        print("\n| build step | seconds |")
        print("|---|---:|")
        for name, seconds in figures.seconds.items():
            print(f"| {name} | {seconds:.1f} |")
    else:
        print("reusing   the records, index and FTS5 table built by an earlier --keep run")

    from sotong.publication.models import PublishedRecord

    searcher = tantivy_backend()._index.searcher()
    database = Path(settings.DATABASES["default"]["NAME"])
    database_mb = sum(p.stat().st_size for p in database.parent.glob(database.name + "*")) / 1e6
    bodies = PublishedRecord.objects.count()
    print(
        f"\nrecords {bodies:,} in the database ({database_mb:.0f} MB with WAL); "
        f"tantivy {searcher.num_docs:,} docs, "
        f"{searcher.num_segments} segments, {folder_mb(Path(settings.SOTONG_SEARCH_DIR)):.0f} MB; "
        f"fts5 {fts_path.stat().st_size / 1e6 if fts is not None else 0:.0f} MB"
    )

    cases = make_cases(fts)
    print(f"\nmeasuring {len(cases)} queries x {args.reps} reps (+1 warm-up pass); {load_line()}", flush=True)
    measure(cases, args.reps, fts)
    print(f"measured; {load_line()}")
    table(cases)
    headline = [METHODS[0], METHODS[1], METHODS[6], *([METHODS[9]] if fts is not None else [])]
    class_table(cases, headline)
    per_query(cases, headline)


if __name__ == "__main__":
    main()
