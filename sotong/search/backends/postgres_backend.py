"""The scaled-out search backend: a table in the PostgreSQL database, GIN indexes over our terms.

Chosen with ``SOTONG_SEARCH_BACKEND=postgres`` where ``DATABASE_URL`` is PostgreSQL (decision 0007).
It stores the terms prepared in shared code (``sotong.search.prepare``) as ``tsvector`` values and
matches the terms of ``sotong.search.query``; PostgreSQL's own text search configurations are never
used, so Tantivy and PostgreSQL see the same terms (``postgres_rows``, ``postgres_query``).

Writes: each ``index``/``delete``/``clear`` call is one transaction (a savepoint inside the
caller's transaction), so a failed batch leaves nothing behind and what a call wrote is visible to
searches when it returns (or, inside a transaction, when that commits, with the records it
indexes). Upsert is ``INSERT … ON CONFLICT (id) DO UPDATE`` per document, in order, so an id
repeated inside one batch keeps its last version.

Search: one statement per page. The matching documents are collected once (a materialized CTE
with each one's score and facet values); the page is the best ``per_page`` of them, ordered by
score, then ``tie_key`` (the same hash of the id as Tantivy's), then the id, so pages are stable and
equal scores come in the same order as in the Tantivy backend; the facet counts are one ``GROUP BY
GROUPING SETS`` over the same documents, whose empty set is the total. An empty query lists
newest first by the sort key's index, and counts facets over the table (or the filtered part).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from sotong.search.backends.base import SearchBackend
from sotong.search.backends.hits import page_segments
from sotong.search.backends.postgres_query import LEXEMES, filters, plan, similar_score
from sotong.search.backends.postgres_rows import COLUMNS, HIT_COLUMNS, ROW_VERSION, entry_row, lexeme, to_hit
from sotong.search.documents import FACET_FIELDS, NEWEST, Hit, SearchQuery, SearchResults
from sotong.search.errors import POSTGRES_NEEDS_POSTGRESQL, SearchError
from sotong.search.models import TABLE
from sotong.search.prepare import ANALYSIS_VERSION, PreparedDocument
from sotong.search.query import ParsedQuery, parse_query
from sotong.search.similar import WeightedTerm, decode_candidates

# Distinct values counted per facet, as the Tantivy backend's terms aggregation.
FACET_SIZE = 1000
WRITE_BATCH = 500
# Per search, for its transaction only: no JIT compilation (it costs more than it saves on these
# statements), and room to keep the matching documents and their groups in memory. A text query
# also never scans the table: a sequential scan would compute the index's expression (``head ||
# body``) on every row, reading every body's vectors, where the GIN bitmap answers exactly without
# reading them. The planner counts ``@@`` as cheap and chooses the scan as soon as a word is in most
# documents (measured: ~10x slower on a word found in 98 % of 10,000).
LISTED_SETTINGS: dict[str, str] = {"jit": "off", "work_mem": "64MB"}
RANKED_SETTINGS: dict[str, str] = {**LISTED_SETTINGS, "enable_seqscan": "off"}


def _settings_sql(names: Sequence[str]) -> str:
    """Set each setting for the transaction, returning the values it had (to put them back)."""
    return "SELECT " + ", ".join(f"current_setting('{n}'), set_config('{n}', %s, true)" for n in names)


_CASTS = {column: "::tsvector" for column in COLUMNS if column.endswith(("_terms", "_bigrams"))}
_CASTS["bigram_windows"] = "::tsvector[]"
_VALUES = ", ".join("%s" + _CASTS.get(column, "") for column in COLUMNS)
_UPDATES = ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS[1:])
# Every name is a constant of ours; every value is a parameter (so are the query's terms below).
UPSERT = (
    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({_VALUES}) ON CONFLICT (id) DO UPDATE SET {_UPDATES}"  # noqa: S608
)

# Every row of a search answer: (kind, score, tie_key, sort_key, grouping, count, *HIT_COLUMNS).
# Hits ("h") fill the first four and the hit columns; facet groups ("f") the grouping mask, the
# count and the facet columns among the hit columns.
_HIT = ", ".join(f"e.{column}" for column in HIT_COLUMNS)
_GROUPED = ", ".join(name if name in FACET_FIELDS else "NULL" for name in HIT_COLUMNS)
_FACETS = ", ".join(FACET_FIELDS)
_GROUPS = f"GROUPING({_FACETS}), count(*)"
_GROUPING_SETS = "GROUPING SETS (" + ", ".join(f"({name})" for name in FACET_FIELDS) + ", ())"
_ALL = (1 << len(FACET_FIELDS)) - 1  # GROUPING() of the empty set: every column left out
_MASKS = {name: _ALL ^ (1 << (len(FACET_FIELDS) - 1 - place)) for place, name in enumerate(FACET_FIELDS)}
_FIRST_HIT_COLUMN = 6
_MATCHED = ", ".join(f"e.{name}" for name in FACET_FIELDS)

RANKED = f"""
WITH matched AS MATERIALIZED (
    SELECT e.id, e.tie_key, e.sort_key, {_MATCHED}, {{score}} AS score
    FROM {TABLE} e
    WHERE {{where}} AND {{check}} AND {{filters}}
), page AS (
    SELECT id, score, tie_key, sort_key FROM matched ORDER BY {{order}} LIMIT %s OFFSET %s
)
SELECT 'h', p.score, p.tie_key, p.sort_key, NULL::integer, NULL::bigint, {_HIT}
FROM page p JOIN {TABLE} e ON e.id = p.id
UNION ALL
SELECT 'f', NULL, NULL, NULL, {_GROUPS}, {_GROUPED}
FROM matched GROUP BY {_GROUPING_SETS}
"""  # noqa: S608 - names are constants; query terms and filter values are parameters
# The page's order: best score first, equal scores as Tantivy orders them; or newest first.
BY_SCORE = 'score DESC, tie_key, id COLLATE "C"'
BY_DATE = 'sort_key COLLATE "C" DESC'
LISTED = f"""
WITH page AS (
    SELECT e.id FROM {TABLE} e WHERE {{filters}} ORDER BY e.sort_key COLLATE "C" DESC LIMIT %s OFFSET %s
)
SELECT 'h', 0.0::float8, NULL::bigint, e.sort_key, NULL::integer, NULL::bigint, {_HIT}
FROM page p JOIN {TABLE} e ON e.id = p.id
UNION ALL
SELECT 'f', NULL, NULL, NULL, {_GROUPS}, {_GROUPED}
FROM {TABLE} e WHERE {{filters}} GROUP BY {_GROUPING_SETS}
"""  # noqa: S608 - names are constants; filter values are parameters
# Rows of another analysis or row version; each test is answered by its own index (migrations 0001
# and 0002), never by reading the table.
OUTDATED = f"""
SELECT EXISTS (SELECT 1 FROM {TABLE} WHERE analysis < %s OR analysis > %s)
    OR EXISTS (SELECT 1 FROM {TABLE} WHERE row_version < %s OR row_version > %s)
"""  # noqa: S608 - the name is a constant
ESTIMATE_FROM = 10_000  # rows, by the planner's estimate, from which the estimate is used
APPROXIMATE_COUNT = f"""
SELECT CASE WHEN c.reltuples >= %s THEN c.reltuples::bigint ELSE (SELECT count(*) FROM {TABLE}) END
FROM pg_class c WHERE c.oid = '{TABLE}'::regclass
"""  # noqa: S608 - the name is a constant
# Related documents (``SearchBackend.similar``): how many documents have each term, each count
# stopping at a cap; then the documents with any of the terms, by the sum of their weights
# (``postgres_query.similar_score``), read whole only for the page.
TERM_FREQUENCIES = f"""
SELECT t.term, (
    SELECT count(*) FROM (SELECT 1 FROM {TABLE} e WHERE {LEXEMES.format(t="e")} @@ t.query::tsquery LIMIT %s) c
) FROM unnest(%s::text[], %s::text[]) AS t(term, query)
"""  # noqa: S608 - names are constants; terms are parameters
SIMILAR = f"""
WITH matched AS MATERIALIZED (
    SELECT e.id, e.tie_key, {{score}} AS score FROM {TABLE} e
    WHERE {LEXEMES.format(t="e")} @@ %s::tsquery AND e.id <> ALL(%s)
), page AS (
    SELECT id, score, tie_key FROM matched WHERE score > 0 ORDER BY {BY_SCORE} LIMIT %s
)
SELECT 'h', p.score, p.tie_key, NULL::text, NULL::integer, NULL::bigint, {_HIT}
FROM page p JOIN {TABLE} e ON e.id = p.id
"""  # noqa: S608 - names are constants; terms, weights and ids are parameters


class PostgresBackend(SearchBackend):
    name = "postgres"

    def __init__(self, *, using: str = DEFAULT_DB_ALIAS) -> None:
        vendor = connections[using].vendor
        if vendor != "postgresql":
            raise SearchError(POSTGRES_NEEDS_POSTGRESQL, field="SOTONG_SEARCH_BACKEND", vendor=vendor)
        self.using = using

    # --- writes -------------------------------------------------------------------------------

    def index_prepared(self, docs: Iterable[PreparedDocument]) -> None:
        rows = (entry_row(prepared) for prepared in docs)
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            for batch in _batched(rows, WRITE_BATCH):
                cursor.executemany(UPSERT, batch)

    def delete(self, ids: Iterable[str]) -> None:
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            for batch in _batched(iter(ids), WRITE_BATCH):
                cursor.execute(f"DELETE FROM {TABLE} WHERE id = ANY(%s)", [list(batch)])  # noqa: S608

    def clear(self) -> None:
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    # --- reads --------------------------------------------------------------------------------

    def count(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def approximate_count(self) -> int:
        # Counting a large table reads all of it (~100 ms at 1,000,000 rows, on every record page);
        # the planner's estimate is as good for weighing terms. A small or never analysed table
        # (tests, a new instance) is counted, cheaply.
        with self._cursor() as cursor:
            cursor.execute(APPROXIMATE_COUNT, [ESTIMATE_FROM])
            return int(cursor.fetchone()[0])

    def outdated(self) -> bool:
        with self._cursor() as cursor:
            cursor.execute(OUTDATED, [ANALYSIS_VERSION, ANALYSIS_VERSION, ROW_VERSION, ROW_VERSION])
            return bool(cursor.fetchone()[0])

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = parse_query(query.text)
        return _results(self._fetch(parsed, query), parsed, by_date=parsed.is_empty or query.sort == NEWEST)

    def similar_candidates(self, doc_id: str) -> dict[str, float]:
        with self._cursor() as cursor:
            cursor.execute(f"SELECT similar_candidates FROM {TABLE} WHERE id = %s", [doc_id])  # noqa: S608
            row = cursor.fetchone()
        return {} if row is None else decode_candidates(row[0])

    def term_frequencies(self, terms: Sequence[str], *, cap: int) -> dict[str, int]:
        # Each count stops after ``cap`` + 1 rows: a common term's exact count is not needed, and
        # counting the 98,000 rows that have it would cost more than the whole related search.
        rows = self._execute(
            RANKED_SETTINGS, TERM_FREQUENCIES, [cap + 1, list(terms), [lexeme(t) for t in terms]]
        )
        return {term: int(count) for term, count in rows}

    def similar_to(
        self, doc_id: str, terms: Sequence[WeightedTerm], *, limit: int, exclude: Collection[str]
    ) -> list[Hit]:
        score = similar_score(terms)
        match = " | ".join(lexeme(weighted.term) for weighted in terms)
        sql = SIMILAR.format(score=score.text)
        rows = self._execute(RANKED_SETTINGS, sql, [*score.params, match, sorted({doc_id, *exclude}), limit])
        rows.sort(key=lambda row: (-row[1], row[2], row[_FIRST_HIT_COLUMN]))  # score, tie key, id
        return _hits(rows, parse_query(""))

    def _fetch(self, parsed: ParsedQuery, query: SearchQuery) -> list[tuple[Any, ...]]:
        """The rows of the one statement that answers a page: its hits and the facet groups."""
        settings, sql, params = _statement(parsed, query)
        return self._execute(settings, sql, params)

    def _execute(self, settings: dict[str, str], sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of one statement, run with ``settings`` for its transaction only."""
        names = list(settings)
        nested = connections[self.using].in_atomic_block  # SET LOCAL would outlive our savepoint
        with transaction.atomic(using=self.using), self._cursor() as cursor:
            cursor.execute(_settings_sql(names), [settings[name] for name in names])
            before = cursor.fetchone()[0::2]
            cursor.execute(sql, params)
            rows = list(cursor.fetchall())
            if nested:
                cursor.execute(_settings_sql(names), list(before))
            return rows

    def _cursor(self) -> Any:
        return connections[self.using].cursor()


def _statement(parsed: ParsedQuery, query: SearchQuery) -> tuple[dict[str, str], str, tuple[Any, ...]]:
    """The settings, the SQL and the parameters of the statement that answers ``query``."""
    narrowed = filters(query.filters)
    if parsed.is_empty:
        sql = LISTED.format(filters=narrowed.text)
        return LISTED_SETTINGS, sql, (*narrowed.params, query.per_page, query.offset, *narrowed.params)
    chosen = plan(parsed)
    sql = RANKED.format(
        score=chosen.score.text, where=chosen.where.text, check=chosen.check.text, filters=narrowed.text,
        order=BY_DATE if query.sort == NEWEST else BY_SCORE,
    )  # fmt: skip
    params = (
        *chosen.score.params,
        *chosen.where.params,
        *chosen.check.params,
        *narrowed.params,
        query.per_page,
        query.offset,
    )
    return RANKED_SETTINGS, sql, params


def _results(rows: Sequence[Sequence[Any]], parsed: ParsedQuery, *, by_date: bool) -> SearchResults:
    hits = [row for row in rows if row[0] == "h"]
    if by_date:
        hits.sort(key=lambda row: row[3], reverse=True)  # the sort key, newest first
    else:
        hits.sort(key=lambda row: (-row[1], row[2], row[_FIRST_HIT_COLUMN]))  # score, tie key, id
    total, facets = _facets([row for row in rows if row[0] == "f"])
    return SearchResults(total=total, hits=_hits(hits, parsed), facets=facets)


def _hits(rows: Sequence[Sequence[Any]], parsed: ParsedQuery) -> list[Hit]:
    stored = [row[_FIRST_HIT_COLUMN:] for row in rows]
    title_segments, snippets = page_segments(
        [values[1] for values in stored], [values[2] for values in stored], parsed
    )
    return [
        to_hit(values, float(row[1]), snippet, title)
        for row, values, snippet, title in zip(rows, stored, snippets, title_segments, strict=True)
    ]


def _facets(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """The total (the empty grouping set) and, per facet, its values by count, then value."""
    total = 0
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_FIELDS}
    by_mask = {mask: name for name, mask in _MASKS.items()}
    for row in rows:
        mask, count = row[4], int(row[5])
        if mask == _ALL:
            total = count
            continue
        name = by_mask[mask]
        value = row[_FIRST_HIT_COLUMN + HIT_COLUMNS.index(name)]
        if value is not None and value != "":  # a document without the field is not counted
            facets[name].append((str(value), count))
    for name, pairs in facets.items():
        facets[name] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:FACET_SIZE]
    return total, facets


def _batched(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(items, size)):
        yield batch
