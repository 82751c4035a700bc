"""Read the search index through Tantivy itself: every stored field of every document, and every
term of every indexed field.

Why not scan the index folder's bytes: Tantivy compresses its doc store (where the title and body
used for snippets live) and writes its term dictionary as an FST, so a canary in the index need not
appear in any file's bytes. Reading the stored documents back through the index's own API (decoded
as the backend decodes them, ``stored_text``) shows exactly what a search result could display, and
walking the term dictionary (``terms_with_prefix`` with an empty prefix) shows every word a query
could match — even in a field that is indexed but not stored.

The index is opened afresh from its folder, so this reads what was committed, not a writer's
buffer; the backend commits and reloads after each write, and the pipeline indexes when the
intake's transaction commits (the tests run with ``transaction=True`` so that it does).
"""

from __future__ import annotations

from pathlib import Path

import tantivy
from django.conf import settings

from sotong.search.backends.tantivy_schema import (
    BIGRAM_FIELDS,
    SORT_KEY,
    TERM_FIELDS,
    TEXT_FACETS,
    stored_text,
)

# Every indexed text field of the schema (``build_schema``); the bytes fields are stored only.
INDEXED_TEXT_FIELDS: tuple[str, ...] = (
    "id",
    *(name for name, _ in TERM_FIELDS),
    *(name for name, _ in BIGRAM_FIELDS),
    "registration_number",
    *TEXT_FACETS,
    "date",
    SORT_KEY,
)


def open_index(path: Path | None = None) -> tantivy.Index:
    index = tantivy.Index.open(str(path or settings.SOTONG_SEARCH_DIR))
    index.reload()
    return index


def stored_documents(path: Path | None = None) -> list[dict[str, str]]:
    """Every live document of the index: field name → its stored value(s) as text."""
    searcher = open_index(path).searcher()
    total = int(searcher.num_docs)
    if total == 0:
        return []
    documents = []
    for _score, address in searcher.search(tantivy.Query.all_query(), limit=total).hits:
        stored = searcher.doc(address).to_dict()
        document = {}
        for name, values in stored.items():
            rest = [value.decode() if isinstance(value, bytes) else str(value) for value in values[1:]]
            document[name] = "\n".join([stored_text(stored, name), *rest])
        documents.append(document)
    return documents


def indexed_terms(path: Path | None = None) -> dict[str, list[str]]:
    """Every term in the term dictionary of every indexed text field (deleted documents' terms
    included until a merge drops them: they are in the index's files all the same)."""
    searcher = open_index(path).searcher()
    return {name: [term for term, _ in searcher.terms_with_prefix(name, "")] for name in INDEXED_TEXT_FIELDS}


def index_texts(path: Path | None = None) -> dict[str, str]:
    """Everything readable from the index, keyed by where it was read (for failure messages)."""
    texts = {}
    for document in stored_documents(path):
        for name, value in document.items():
            texts[f"stored field {name!r} of document {document.get('id', '?')}"] = value
    for name, terms in indexed_terms(path).items():
        texts[f"term dictionary of field {name!r}"] = "\n".join(terms)
    return texts
