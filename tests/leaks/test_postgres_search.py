"""The same canaries with the PostgreSQL search backend (``SOTONG_SEARCH_BACKEND=postgres``): what
its table ``search_entry`` holds — every column, the stored text and each ``tsvector`` as PostgreSQL
writes it out — and what its searches and the record pages' similar documents show.

The Tantivy index is read in ``test_canaries``; a deployment that scales out searches this table
instead, so it must hold nothing that is not public either. Positive controls prove the reading
sees the public canaries in the table and that its searches find them.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client

from sotong.publication.models import PublishedRecord
from tests.leaks.conftest import Planted
from tests.leaks.corpus import PUBLIC, PUBLIC_IN, SECRETS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "PostgreSQL 검색 백엔드의 표(search_entry)는 PostgreSQL에서만 읽습니다 / the PostgreSQL "
            "search backend's table is read on PostgreSQL only"
        ),
    ),
]


@pytest.fixture
def postgres_search(settings) -> None:
    """Chosen before the corpus is planted (fixtures are set up in the order a test names them), so
    the pipeline indexes into ``search_entry``."""
    settings.SOTONG_SEARCH_BACKEND = "postgres"


def _entry_texts() -> dict[str, str]:
    """Every column of every row of ``search_entry`` as text, keyed by row and column."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM search_entry")
        columns = [column.name for column in cursor.description]
        rows = cursor.fetchall()
    return {
        f"search_entry row {row[0]} column {name}": str(value).lower()
        for row in rows
        for name, value in zip(columns, row, strict=True)
        if value is not None
    }


def test_search_entry_and_its_searches_hold_no_secret_and_every_public_canary(
    postgres_search: None, planted: Planted, client: Client
) -> None:
    texts = _entry_texts()
    rows = {where.split(" column ")[0] for where in texts}
    assert len(rows) == PublishedRecord.objects.count(), "every record is in search_entry"

    leaked = {
        f"{name} {secret!r}": [where for where, text in texts.items() if secret.lower() in text]
        for name, secret in SECRETS.items()
    }
    leaked = {secret: places for secret, places in leaked.items() if places}
    assert not leaked, f"SECRETS IN search_entry: {leaked}"

    missing = []
    for name, control in PUBLIC.items():
        public_id = planted.ids[PUBLIC_IN[name]]
        row = f"search_entry row {public_id} column "
        if not any(control.lower() in text for where, text in texts.items() if where.startswith(row)):
            missing.append(f"{name} {control!r} not in the row of {public_id}")
        answer = json.loads(client.get(f"/api/v1/search?q={quote(control)}").content)
        if [hit["id"] for hit in answer["results"]] != [public_id]:
            missing.append(f"a search for {name} {control!r} gave {[h['id'] for h in answer['results']]}")
    assert not missing, "POSITIVE CONTROLS NOT FOUND:\n" + "\n".join(missing)

    for name, secret in SECRETS.items():
        answer = json.loads(client.get(f"/api/v1/search?q={quote(secret)}").content)
        assert answer["total"] == 0, f"a search for {name} {secret!r} found {answer['total']}"
    for public_id in planted.ids.values():  # the record pages, with their similar documents
        page = client.get(f"/records/{public_id}/").content.decode().lower()
        shown = [name for name, secret in SECRETS.items() if secret.lower() in page]
        assert not shown, f"the record page of {public_id} shows {shown}"
