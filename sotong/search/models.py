"""The PostgreSQL search backend's table (``backends/postgres_backend.py``; decision 0007).

One row per indexed document: the stored fields a hit carries, and the terms prepared in shared
code (``sotong.search.prepare``) as ``tsvector`` columns, title and number apart from the body, with
one GIN index over all of them joined (created by the migration on PostgreSQL only). The table exists on every database so that migrations are the same
everywhere, but only the PostgreSQL backend reads or writes it, and only on PostgreSQL.

Like the Tantivy folder, it is derived data: ``sotong rebuild-index`` recreates it from the
publication layer.
"""

from __future__ import annotations

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "search_entry"


class TsVectorField(models.TextField):
    """``tsvector`` on PostgreSQL, plain text elsewhere (where nothing uses the column)."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class TsVectorArrayField(models.TextField):
    """``tsvector[]`` on PostgreSQL, plain text elsewhere."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "tsvector[]" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """A published record as the PostgreSQL backend indexes it (written by raw SQL in the backend)."""

    id = models.TextField(primary_key=True)  # the public id (SearchDocument.id)
    title = models.TextField()
    body = models.TextField(blank=True)  # the public text, for snippets
    registration_number = models.TextField(blank=True)
    organization = models.TextField(blank=True)
    department = models.TextField(blank=True)
    info_type = models.TextField(blank=True)
    year = models.IntegerField(null=True, blank=True)
    grade = models.TextField(blank=True)
    date = models.CharField(max_length=10, null=True, blank=True)  # ISO date, as SearchDocument has it
    url = models.TextField(blank=True)
    field = models.TextField(blank=True)  # 분야 (SearchDocument.field), a facet
    # Listing order for an empty query: date, then id (as Tantivy's sort key), newest first.
    sort_key = models.TextField()
    # ``backends.base.tie_key`` moved into the signed range: orders equal scores as Tantivy does.
    tie_key = models.BigIntegerField()
    analysis = models.SmallIntegerField()  # prepare.ANALYSIS_VERSION of the terms
    # postgres_rows.ROW_VERSION of the stored fields: a row written before a field was added lacks
    # it (rows of before the field facet are 1, set by migration 0002; of before the similar terms,
    # 2, set by 0003), and the index is rebuilt.
    row_version = models.SmallIntegerField()
    # ``similar.encode_candidates``: the terms its similar documents are looked for by (record page).
    similar_candidates = models.TextField(blank=True)
    # See ``sotong.search.backends.postgres_rows`` for what each vector holds and why.
    head_terms = TsVectorField()  # morphemes of the title (A) and the number (B), in the row
    body_terms = TsVectorField()  # morphemes of the body, no positions (for the index only)
    body_top = TsVectorField()  # the body's most frequent morphemes, for ranking, in the row
    head_bigrams = TsVectorField()  # marked bigrams of the title (A) and number (B), positions
    body_bigrams = TsVectorField()  # marked bigrams of the body, positions
    # The body's bigrams again, in overlapping windows, when the body is too long for PostgreSQL to
    # keep every position in ``body_bigrams`` (16,383 positions, 256 per lexeme); NULL otherwise.
    bigram_windows = TsVectorArrayField(null=True, blank=True)

    class Meta:
        db_table = TABLE

    def __str__(self) -> str:
        return self.id
