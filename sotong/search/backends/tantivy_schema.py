"""The Tantivy schema, and conversions between it and our plain data.

Term fields hold our pre-analysed terms joined by spaces and use Tantivy's ``whitespace``
tokenizer, so Tantivy never re-tokenizes Korean. Bigram fields keep positions (a run of bigrams is
matched as a phrase); morpheme fields keep only frequencies, which is all BM25 needs. The original
title and body are stored as bytes (stored, not indexed: a text field would index them) for
snippets. Facets are raw text fast fields, so that one aggregation counts them over a result set.
"""

from __future__ import annotations

from typing import Any

import tantivy

from sotong.search.backends.base import tie_key
from sotong.search.documents import Hit, Segment
from sotong.search.prepare import ANALYSIS_VERSION as ANALYSIS_VERSION  # the marker file's
from sotong.search.prepare import PreparedDocument
from sotong.search.similar import candidate_terms, encode_candidates

# Bump when the fields change (Tantivy then refuses the old index). A change of the analysis
# (``prepare.ANALYSIS_VERSION``) is caught by the marker file in the index folder.
SCHEMA_VERSION = 4  # 3: the field (분야) facet; 4: the candidate terms of similar documents

# (field, boost): a title match outweighs a passing mention in a long body.
TERM_FIELDS: tuple[tuple[str, float], ...] = (
    ("title_terms", 3.0),
    ("body_terms", 1.0),
    ("number_terms", 2.0),
)
BIGRAM_FIELDS: tuple[tuple[str, float], ...] = (
    ("title_bigrams", 3.0),
    ("body_bigrams", 1.0),
    ("number_bigrams", 2.0),
)
TEXT_FACETS: tuple[str, ...] = ("organization", "department", "info_type", "field", "grade")
SORT_KEY = "sort_key"  # date, then id: newest first with a stable order among equal dates
SIMILAR_CANDIDATES = "similar_candidates"  # stored, not indexed: ``similar.encode_candidates``
TIE_KEY = "tie_key"  # a hash of the id: orders equal scores by id, cheaply (a fast field, not a stored read)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name, _ in TERM_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name, _ in BIGRAM_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("registration_number", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FACETS:
        builder.add_text_field(name, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    builder.add_text_field("date", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(SORT_KEY, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field(TIE_KEY, fast=True)
    for name in ("title", "body", "url", SIMILAR_CANDIDATES):
        builder.add_bytes_field(name, stored=True)
    return builder.build()


def to_document(prepared: PreparedDocument) -> tantivy.Document:
    doc = prepared.doc
    out = tantivy.Document()
    out.add_text("id", doc.id)
    fields = {
        "title_terms": prepared.title_terms,
        "body_terms": prepared.body_terms,
        "number_terms": prepared.number_terms,
        "title_bigrams": prepared.title_bigrams,
        "body_bigrams": prepared.body_bigrams,
        "number_bigrams": prepared.number_bigrams,
    }
    for name, tokens in fields.items():
        if tokens:
            out.add_text(name, " ".join(tokens))
    for name in ("registration_number", "date", *TEXT_FACETS):
        value = getattr(doc, name)
        if value:
            out.add_text(name, value)
    if doc.year is not None:
        out.add_integer("year", doc.year)
    # "\x1f" sorts below every printable character: an undated document goes last, newest first.
    out.add_text(SORT_KEY, f"{doc.date or ''}\x1f{doc.id}")
    out.add_unsigned(TIE_KEY, tie_key(doc.id))
    out.add_bytes("title", doc.title.encode())
    out.add_bytes("body", doc.body.encode())
    out.add_bytes("url", doc.url.encode())
    candidates = candidate_terms(prepared.title_terms, prepared.body_terms)
    out.add_bytes(SIMILAR_CANDIDATES, encode_candidates(candidates).encode())
    return out


def stored_text(stored: dict[str, list[Any]], name: str) -> str:
    values = stored.get(name) or [""]
    value = values[0]
    return value.decode() if isinstance(value, bytes) else str(value)


def to_hit(
    stored: dict[str, list[Any]],
    score: float,
    snippet: tuple[Segment, ...],
    title_segments: tuple[Segment, ...],
) -> Hit:
    year = stored.get("year")
    return Hit(
        id=stored_text(stored, "id"),
        score=score,
        title=stored_text(stored, "title"),
        snippet=snippet,
        title_segments=title_segments,
        registration_number=stored_text(stored, "registration_number"),
        organization=stored_text(stored, "organization"),
        department=stored_text(stored, "department"),
        info_type=stored_text(stored, "info_type"),
        year=int(year[0]) if year else None,
        grade=stored_text(stored, "grade"),
        date=stored_text(stored, "date") or None,
        url=stored_text(stored, "url"),
        field=stored_text(stored, "field"),
    )
