"""Turn a ``ParsedQuery`` and facet filters into SQL over the PostgreSQL backend's table.

The matching rule lives in ``sotong.search.query``; this module only spells it in SQL, as
``tantivy_query`` spells it for Tantivy. Every ``tsquery`` is a literal of our own terms cast with
``::tsquery`` (never ``to_tsquery``), so PostgreSQL applies no text search configuration to a query
either.

Matching, in two parts (``Plan.where`` and ``Plan.check``):

- ``where`` is one question to the one GIN index (``LEXEMES``), which it answers exactly, so
  PostgreSQL never reads a document's vectors to confirm it: every required word is all the terms of
  one of its readings, or, for names and numbers, all the (marked) bigrams of its runs. One
  ``tsquery`` for the whole query, because PostgreSQL evaluates any further index condition it does
  not use as a filter, row by row, reading the body's vectors (it costs ``@@`` as cheap).
- ``check`` confirms, row by row, what the index cannot: that a name's or number's bigrams are
  consecutive (a phrase) and in one field, title, number or body. It first looks the row up in the
  word's term matches (``ctid IN (…)``: one set of row addresses per statement, which PostgreSQL
  hashes while it fits ``work_mem``, millions of rows at the 64 MB a search sets), then in the
  title's and number's bigrams (in the row), and only then reads the body's bigrams. A word of one
  run of one token needs no check.

Score: ``ts_rank`` over what the row holds (``postgres_rows``): the title's and number's terms,
the body's most frequent terms, and the title's and number's bigrams, with the field weights of
``postgres_rows.RANK_WEIGHTS``. Each is a pure OR query of every term a reading or a compound may
bring, so each term present adds its part and a compound written as one word ranks first; whole
punctuated chunks (소방행정과-1424) count twice, as the Tantivy backend boosts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sotong.search.backends.postgres_rows import NUMBER, RANK_WEIGHTS, TITLE, lexeme, marked
from sotong.search.documents import FACET_FIELDS
from sotong.search.korean import run_tokens
from sotong.search.models import TABLE
from sotong.search.query import ParsedQuery, QueryWord
from sotong.search.similar import TITLE_WEIGHT, WeightedTerm

# A whole punctuated chunk (소방행정과-1424) found as typed is worth more than its pieces.
CHUNK_BOOST = 2.0
# The expression of the GIN index (migration 0001): a query must spell it exactly so.
LEXEMES = "({t}.head_terms || {t}.body_terms || {t}.head_bigrams || {t}.body_bigrams)"
# Facet name → column (the names are checked by ``SearchQuery``; this keeps SQL out of data).
FILTER_COLUMNS: dict[str, str] = {name: f"e.{name}" for name in FACET_FIELDS}


@dataclass(frozen=True, slots=True)
class Sql:
    """A fragment of SQL with ``%s`` placeholders and its parameters, in order."""

    text: str
    params: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """How one query is answered over the table aliased ``e``; see the module's docstring."""

    where: Sql
    check: Sql
    score: Sql


def plan(parsed: ParsedQuery) -> Plan:
    """The plan of a query that is not empty."""
    where, check = _match(parsed)
    terms = _unique(
        [t for w in parsed.words for reading in w.readings for t in reading] + list(parsed.boosts)
    )
    bigram_words = [word for word in parsed.words if word.use_bigrams or not word.required]
    tokens = _unique(marked(t) for word in bigram_words for run in word.runs for t in run_tokens(run))
    chunks = [marked(chunk) for chunk in parsed.chunks]
    parts = [
        _rank("head_terms", terms, 1.0),
        _rank("body_top", terms, 1.0),
        _rank("head_bigrams", tokens, 1.0),
        _rank("head_bigrams", chunks, CHUNK_BOOST),
    ]
    return Plan(where, check, _join([part for part in parts if part is not None], " + ", "0"))


def similar_score(terms: Sequence[WeightedTerm]) -> Sql:
    """The related documents' score (``SearchBackend.similar_to``): each term's weight,
    ``TITLE_WEIGHT`` times over in the title (weight A of ``head_terms``), once in the body. The
    body is judged by its most frequent terms (``body_top``, in the row), as the search's ranking
    is: reading every matching body's whole vector would cost more than the rest of the search."""
    parts = [
        Sql(
            "%s * (e.head_terms @@ %s::tsquery)::int + %s * (e.body_top @@ %s::tsquery)::int",
            (
                TITLE_WEIGHT * weighted.weight,
                lexeme(weighted.term, TITLE),
                weighted.weight,
                lexeme(weighted.term),
            ),
        )
        for weighted in terms
    ]
    return _join(parts, " + ", "0")


def filters(chosen: Mapping[str, str]) -> Sql:
    """Exact facet values, all required; they add no score."""
    conditions = [
        Sql(f"{FILTER_COLUMNS[name]} = %s", (int(value) if name == "year" else value,))
        for name, value in sorted(chosen.items())
    ]
    return _join(conditions, " AND ", "TRUE")


def _match(parsed: ParsedQuery) -> tuple[Sql, Sql]:
    required = [word for word in parsed.words if word.required]
    if not required:  # grammar words only (대한): any of them, by its bigrams
        soft = [word for word in parsed.words if word.runs]
        where = _index(" | ".join(f"({_presence(word.runs)})" for word in soft))
        if all(_exact(word) for word in soft):
            return where, Sql("TRUE")
        return where, _join([_route(word.runs) for word in soft], " OR ", "FALSE")
    wanted, checks = [], []
    for word in required:
        if not (word.use_bigrams and word.runs):
            wanted.append(f"({_readings(word)})")
            continue
        wanted.append(f"({_readings(word)} | {_presence(word.runs)})")
        if not _exact(word):
            by_terms = Sql(
                f"e.ctid IN (SELECT s.ctid FROM {TABLE} s WHERE {LEXEMES.format(t='s')} @@ %s::tsquery)",  # noqa: S608
                (_readings(word),),
            )
            checks.append(_join([by_terms, _route(word.runs)], " OR ", ""))
    return _index(" & ".join(wanted)), _join(checks, " AND ", "TRUE")


def _exact(word: QueryWord) -> bool:
    """One run of one token: its presence in any field is the whole bigram route."""
    return len(word.runs) == 1 and len(run_tokens(word.runs[0])) == 1


def _index(query: str) -> Sql:
    return Sql(f"{LEXEMES.format(t='e')} @@ %s::tsquery", (query,))


def _route(runs: Sequence[str]) -> Sql:
    """All runs as bigram phrases in one field: the title, the number, or the body (or its windows)."""
    in_windows = " AND ".join(
        "EXISTS (SELECT 1 FROM unnest(e.bigram_windows) AS w WHERE w @@ %s::tsquery)" for _ in runs
    )
    text = (
        "(e.head_bigrams @@ %s::tsquery OR CASE WHEN e.bigram_windows IS NULL "
        f"THEN e.body_bigrams @@ %s::tsquery ELSE ({in_windows}) END)"
    )
    head = f"({_runs(runs, TITLE)}) | ({_runs(runs, NUMBER)})"
    return Sql(text, (head, _runs(runs, ""), *(_phrase(run, "") for run in runs)))


def _readings(word: QueryWord) -> str:
    return " | ".join(f"({_all(reading)})" for reading in word.readings)


def _presence(runs: Sequence[str]) -> str:
    return _all(_unique(marked(token) for run in runs for token in run_tokens(run)))


def _runs(runs: Sequence[str], weight: str) -> str:
    return " & ".join(f"({_phrase(run, weight)})" for run in runs)


def _phrase(run: str, weight: str) -> str:
    return " <-> ".join(lexeme(marked(token), weight) for token in run_tokens(run))


def _all(terms: Iterable[str]) -> str:
    return " & ".join(lexeme(term) for term in terms)


def _rank(column: str, terms: Sequence[str], boost: float) -> Sql | None:
    if not terms:
        return None
    query = " | ".join(lexeme(term) for term in terms)
    rank = f"ts_rank('{RANK_WEIGHTS}', e.{column}, %s::tsquery)::float8"
    return Sql(f"{boost} * {rank}" if boost != 1.0 else rank, (query,))


def _join(parts: Sequence[Sql], operator: str, empty: str) -> Sql:
    if not parts:
        return Sql(empty)
    if len(parts) == 1:
        return parts[0]
    return Sql(
        "(" + operator.join(part.text for part in parts) + ")",
        tuple(p for part in parts for p in part.params),
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))
