"""Turn a ``ParsedQuery`` and facet filters into one Tantivy query.

The matching rule lives in ``sotong.search.query``; this module only spells it in Tantivy:
a word is ``all the terms of one of its readings, each in any term field`` or, for names and
numbers, ``all its runs as bigram phrases in one bigram field``; every required word is a MUST clause; compounds and whole
chunks are SHOULD clauses that only add score. Field boosts make a title match outrank the body.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import tantivy
from tantivy import Occur, Query

from sotong.search.backends.tantivy_schema import BIGRAM_FIELDS, TERM_FIELDS
from sotong.search.korean import run_tokens
from sotong.search.query import ParsedQuery, QueryWord
from sotong.search.similar import TITLE_WEIGHT, WeightedTerm

# A whole punctuated chunk (소방행정과-1424) found as typed is worth more than its pieces.
CHUNK_BOOST = 2.0


def text_query(schema: tantivy.Schema, parsed: ParsedQuery) -> Query:
    required = [_word(schema, word) for word in parsed.words if word.required]
    soft = [_bigram_route(schema, word.runs) for word in parsed.words if not word.required]
    clauses = [(Occur.Must, query) for query in required]
    if required:
        clauses += [(Occur.Should, query) for query in soft]
    else:
        clauses.append((Occur.Must, _any(soft)))
    for term in parsed.boosts:
        clauses.append((Occur.Should, _in_any_field(schema, TERM_FIELDS, term)))
    for chunk in parsed.chunks:
        clauses.append(
            (Occur.Should, Query.boost_query(_in_any_field(schema, BIGRAM_FIELDS, chunk), CHUNK_BOOST))
        )
    return Query.boolean_query(clauses)


def with_filters(schema: tantivy.Schema, query: Query, filters: Mapping[str, str]) -> Query:
    """Narrow ``query`` by exact facet values; filters add no score."""
    if not filters:
        return query
    clauses = [(Occur.Must, query)]
    for name, value in sorted(filters.items()):
        term = Query.term_query(schema, name, int(value) if name == "year" else value)
        clauses.append((Occur.Must, Query.const_score_query(term, 0.0)))
    return Query.boolean_query(clauses)


def term_in_text(schema: tantivy.Schema, term: str) -> Query:
    """A term in the title or the body (not the number): what ``similar`` counts and looks for."""
    return _any([Query.term_query(schema, name, term) for name in ("title_terms", "body_terms")])


def similar_query(schema: tantivy.Schema, terms: Sequence[WeightedTerm], exclude: Collection[str]) -> Query:
    """Any of the terms; each adds its weight, ``TITLE_WEIGHT`` times over in the title, as a constant
    (not BM25), so the score is the same sum as the PostgreSQL backend's."""
    clauses = [
        (Occur.Should, Query.const_score_query(Query.term_query(schema, name, weighted.term), weight))
        for weighted in terms
        for name, weight in (("title_terms", TITLE_WEIGHT * weighted.weight), ("body_terms", weighted.weight))
    ]
    clauses += [(Occur.MustNot, Query.term_query(schema, "id", doc_id)) for doc_id in sorted(exclude)]
    return Query.boolean_query(clauses)


def _word(schema: tantivy.Schema, word: QueryWord) -> Query:
    by_terms = _any(
        [_all([_in_any_field(schema, TERM_FIELDS, term) for term in reading]) for reading in word.readings]
    )
    if not word.use_bigrams:
        return by_terms
    return _any([by_terms, _bigram_route(schema, word.runs)])


def _bigram_route(schema: tantivy.Schema, runs: Sequence[str]) -> Query:
    """All runs of the word, as bigram phrases, in the same field (title, body or number)."""
    if not runs:
        return Query.empty_query()
    per_field = [
        Query.boost_query(_all([_run(schema, name, run) for run in runs]), boost)
        for name, boost in BIGRAM_FIELDS
    ]
    return _any(per_field)


def _run(schema: tantivy.Schema, field: str, run: str) -> Query:
    tokens = run_tokens(run)
    if len(tokens) == 1:
        return Query.term_query(schema, field, tokens[0])
    return Query.phrase_query(schema, field, list(tokens))


def _in_any_field(schema: tantivy.Schema, fields: Sequence[tuple[str, float]], term: str) -> Query:
    return _any([Query.boost_query(Query.term_query(schema, name, term), boost) for name, boost in fields])


def _all(queries: Sequence[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, query) for query in queries])


def _any(queries: Sequence[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, query) for query in queries])
