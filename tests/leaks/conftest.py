"""The planted corpus, taken in through the real drop-folder intake.

``folder_ingest`` runs the whole pipeline inline once the intake's transaction commits — extract,
detect, decide, make and sign the public PDFs, publish, index — exactly as ``sotong ingest`` does,
so nothing here stands in for a stage. The tests run with ``transaction=True`` for that commit (a
test wrapped in one transaction would never reach the pipeline), which also means the database is
emptied after each test: the corpus is planted once per test, and the tests are few and broad.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sotong.expenses.importer import expense_import
from sotong.intake.services.folders import folder_ingest
from sotong.organizations.models import Organization
from sotong.proactive.importer import proactive_import
from sotong.publication.models import PublishedRecord
from sotong.records.models import Record
from tests.leaks.corpus import RECORDS, SHOWN, write_catalogues, write_folder


@dataclass(frozen=True)
class Planted:
    ids: dict[str, str]  # registration number (``corpus.RECORDS``) → public id
    folder: Path  # the drop folder: the originals, as a citizen must never get them


@pytest.fixture
def planted(seoul: Organization, tmp_path: Path) -> Planted:
    folder = tmp_path / "drop"
    folder.mkdir()
    write_folder(folder)
    summary = folder_ingest(folder=folder, actor="test")
    assert not summary.rejected, [(r.item, [e.code for e in r.errors]) for r in summary.rejected]
    ids = {result.record.registration_number: result.record.public_id for result in summary.accepted}
    assert sorted(ids) == sorted(RECORDS)
    # Every record must have gone all the way: a record held for review publishes no content, and
    # a canary it holds would then be absent for the wrong reason.
    published = {p.registration_number: p for p in PublishedRecord.objects.all()}
    for number in SHOWN:
        record = published[number]
        if record.listing != "graded" or not record.files.exists():
            source = Record.objects.get(public_id=record.public_id)
            errors = [(f.original_name, f.public_pdf_error_en) for f in source.files.all()]
            pytest.fail(
                f"{number} was not published with its files (listing {record.listing!r}, review "
                f"{source.review_reasons}, file errors {errors}): its canaries would be absent for "
                "the wrong reason"
            )
    expenses, proactive = write_catalogues(tmp_path)
    imported = expense_import(path=expenses, actor="test")
    assert imported.created == 1 and imported.masked == 1, imported
    assert proactive_import(path=proactive, actor="test").created == 1
    return Planted(ids=ids, folder=folder)
