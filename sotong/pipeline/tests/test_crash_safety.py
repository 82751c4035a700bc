"""A crash at each fixed point of the pipeline loses nothing, publishes nothing by half, and
duplicates nothing once the instance carries on (``sotong resume``, ``sotong rebuild-index
--if-stale``, or the source sending the document again, as each case needs)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from sotong.core.faults import InjectedFault
from sotong.intake.services.folders import folder_ingest
from sotong.pipeline.recovery import records_interrupted
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord
from sotong.records.models import File, Record
from sotong.search.selectors import search_records

pytestmark = pytest.mark.django_db(transaction=True)

RRN = "900101-1234568"


def _drop_folder(folder: Path) -> Path:
    (folder / "plan.txt").write_text(f"하천 정비 계획 본문. 신청인 {RRN}", encoding="utf-8")
    (folder / "annex.txt").write_text("하천 정비 첨부 예산표", encoding="utf-8")
    document = {"title": "하천 정비 계획", "organization": "서울특별시", "department": "주택정책과",
                "registration_number": "주택정책과-8001", "disclosure": "공개",
                "files": [{"name": "plan.txt"}, {"name": "annex.txt", "role": "attachment"}]}  # fmt: skip
    (folder / "metadata.json").write_text(json.dumps({"documents": [document]}), encoding="utf-8")
    return folder


def _published_once_and_whole(settings) -> None:
    """Exactly one record, published whole: its text masked, both files' PDFs with their pages,
    found once by search, no blob in the public store that no publication references."""
    record = Record.objects.get()
    assert record.state == "extracted" and not records_interrupted().exists()
    assert File.objects.count() == 2
    published = PublishedRecord.objects.get()
    assert "하천 정비 계획 본문" in published.body_text and RRN not in published.body_text
    files = list(PublishedFile.objects.filter(record=published))
    assert len(files) == 2 and all(f.pages.exists() for f in files)
    referenced = {f.sha256 for f in files} | set(PublishedPage.objects.values_list("image_sha256", flat=True))
    stored = {p.name for p in settings.SOTONG_PUBLIC_DIR.rglob("*") if p.is_file()}
    assert stored == referenced
    assert search_records(text="하천").total == 1


def test_a_crash_after_the_originals_are_written_is_carried_on_by_sending_again(seoul, tmp_path, settings):
    folder = _drop_folder(tmp_path)
    settings.SOTONG_FAULT_POINTS = {"intake.after_originals"}
    with pytest.raises(InjectedFault):
        folder_ingest(folder=folder, actor="test")
    assert not Record.objects.exists() and not PublishedRecord.objects.exists()
    settings.SOTONG_FAULT_POINTS = set()
    folder_ingest(folder=folder, actor="test")  # the source sends it again, as after any error
    _published_once_and_whole(settings)
    originals = [p for p in settings.SOTONG_ORIGINALS_DIR.rglob("*") if p.is_file()]
    assert len(originals) == 2  # content-addressed: the first copies were reused, not doubled


@pytest.mark.parametrize("point", ["pipeline.between_files", "publish.after_public_pdfs"])
def test_a_crash_inside_the_pipeline_leaves_nothing_half_published_and_resume_finishes(
    seoul, tmp_path, settings, point
):
    settings.SOTONG_FAULT_POINTS = {point}
    with pytest.raises(InjectedFault):
        folder_ingest(folder=_drop_folder(tmp_path), actor="test")
    record = Record.objects.get()
    assert record.state == "failed" and records_interrupted().filter(pk=record.pk).exists()
    published = PublishedRecord.objects.filter(public_id=record.public_id).first()
    # Nothing by half: either not published yet, or published as before the run (here: nothing).
    assert published is None or (published.body_text == "" and not published.files.exists())
    settings.SOTONG_FAULT_POINTS = set()
    out = io.StringIO()
    call_command("resume", stdout=out)
    assert "1건" in out.getvalue()
    _published_once_and_whole(settings)
    call_command("resume", stdout=out)  # a second resume finds nothing to do
    assert PublishedRecord.objects.count() == 1


def test_a_crash_between_publication_and_indexing_is_mended_at_the_next_start(seoul, tmp_path, settings):
    settings.SOTONG_FAULT_POINTS = {"publish.before_indexing"}
    with pytest.raises(InjectedFault):
        folder_ingest(folder=_drop_folder(tmp_path), actor="test")
    assert PublishedRecord.objects.count() == 1 and search_records(text="하천").total == 0
    settings.SOTONG_FAULT_POINTS = set()
    call_command("resume", stdout=io.StringIO())  # the record itself is whole: nothing to resume
    call_command("rebuild_index", if_stale=True, stdout=io.StringIO())
    _published_once_and_whole(settings)
