"""Public PDFs end to end: intake → decision → public PDF (checked, signed) → publication → verify."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pymupdf
import pypdf
import pytest
from django.core.management import call_command

from sotong.audit.models import AuditEvent
from sotong.intake.services.folders import folder_ingest
from sotong.pipeline.pdfs.check import CheckProblem
from sotong.pipeline.tests.factories import make_pdf
from sotong.publication.models import PublishedFile, PublishedRecord
from sotong.publication.selectors import published_file_path, published_page_path
from sotong.publication.verification import copy_verify
from sotong.records.models import File, Record
from sotong.seal.verify import Verdict

pytestmark = pytest.mark.django_db(transaction=True)

RRN = "900101-1234568"


def _ingest(folder: Path, documents: list[dict]) -> dict[str, str]:
    (folder / "metadata.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    summary = folder_ingest(folder=folder, actor="test")
    assert len(summary.accepted) == len(documents), summary
    return {r.record.registration_number: r.record.public_id for r in summary.accepted}


def _document(number: str, file: str, **fields: object) -> dict:
    return {"title": "주민 의견 처리 결과", "organization": "서울특별시", "department": "주택정책과",
            "registration_number": number, "disclosure": "공개", "file": file,
            "approval_line": [{"role": "결재", "position": "주택정책과장", "name": "박지호"}], **fields}  # fmt: skip


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_text_document_with_personal_information_is_published_as_a_signed_masked_pdf(seoul, tmp_path):
    (tmp_path / "reply.txt").write_text(
        f"민원인 주민등록번호 {RRN} 확인 후 처리하였습니다.", encoding="utf-8"
    )
    ids = _ingest(tmp_path, [_document("주택정책과-7001", "reply.txt")])
    published = PublishedRecord.objects.get(public_id=ids["주택정책과-7001"])
    assert published.grade == "부분공개"
    file = published.files.get()
    assert file.name == "reply.pdf" and file.mime_type == "application/pdf" and file.source_format == "txt"
    content = published_file_path(file).read_bytes()
    text = _pdf_text(content)
    assert "처리하였습니다" in text and RRN not in text and "1234568" not in text
    assert RRN.encode() not in content
    pages = list(file.pages.all())
    assert [p.number for p in pages] == [1]
    assert published_page_path(pages[0]).read_bytes().startswith(b"\x89PNG")
    assert "처리하였습니다" in pages[0].text and RRN not in pages[0].text
    out = io.StringIO()
    call_command("verify", str(published_file_path(file)), stdout=out)
    assert "진본 / genuine" in out.getvalue() and published.public_id in out.getvalue()


def test_a_received_pdf_is_redacted_and_its_metadata_dropped(seoul, tmp_path):
    source = make_pdf(tmp_path / "notice.pdf", [f"신청인 주민등록번호 {RRN} 접수 완료 안내"])
    document = pymupdf.open(source)
    document.set_metadata({"author": "CANARYAUTHOR", "subject": "CANARYSUBJECT"})
    document.saveIncr()
    document.close()
    ids = _ingest(tmp_path, [_document("주택정책과-7002", "notice.pdf")])
    record = Record.objects.get(public_id=ids["주택정책과-7002"])
    original = record.files.get()
    assert original.public_pdf_method == "flattened"
    file = PublishedFile.objects.get(record__public_id=record.public_id)
    content = published_file_path(file).read_bytes()
    assert b"CANARYAUTHOR" not in content and b"CANARYSUBJECT" not in content
    text = _pdf_text(content)
    assert "접수 완료 안내" in text and "1234568" not in text


def test_a_public_file_is_made_once_and_reused_when_rules_decide_again(seoul, tmp_path):
    (tmp_path / "plan.txt").write_text("공원 조성 계획을 알립니다.", encoding="utf-8")
    ids = _ingest(tmp_path, [_document("주택정책과-7003", "plan.txt")])
    file = File.objects.get(record__public_id=ids["주택정책과-7003"])
    first = (file.public_pdf_key, file.public_pdf_sha256)
    assert all(first)
    call_command("redecide", "--all", stdout=io.StringIO())
    file.refresh_from_db()
    assert (file.public_pdf_key, file.public_pdf_sha256) == first
    assert PublishedFile.objects.get(record__public_id=ids["주택정책과-7003"]).sha256 == first[1]


def test_a_pdf_that_fails_the_checker_sends_its_record_to_review_and_publishes_nothing(
    seoul, tmp_path, monkeypatch
):
    # Fault injection: the checker reports a hit in every PDF that has something masked, as it would
    # for a masked syllable left in a font map.
    monkeypatch.setattr(
        "sotong.pipeline.pdfs.make.pdf_check",
        lambda content, masked: [CheckProblem("fonts", "injected")] if masked else [],
    )
    (tmp_path / "reply.txt").write_text(f"주민등록번호 {RRN} 확인", encoding="utf-8")
    (tmp_path / "other.txt").write_text("다른 문서의 본문", encoding="utf-8")
    ids = _ingest(
        tmp_path, [_document("주택정책과-7004", "reply.txt"), _document("주택정책과-7005", "other.txt")]
    )
    record = Record.objects.get(public_id=ids["주택정책과-7004"])
    assert record.decided_listing == "under_review" and "public_pdf_failed" in record.review_reasons
    file = record.files.get()
    assert file.public_pdf_error_code == "public_pdf_check_failed"
    assert "fonts" in file.public_pdf_error_ko and "fonts" in file.public_pdf_error_en
    published = PublishedRecord.objects.get(public_id=record.public_id)
    assert published.listing == "under_review" and published.body_text == "" and not published.files.exists()
    assert AuditEvent.objects.filter(action="record.public_pdf_refused").exists()
    # The next document of the same run went on and was published.
    other = PublishedRecord.objects.get(public_id=ids["주택정책과-7005"])
    assert other.listing == "graded" and other.files.count() == 1


def test_an_altered_copy_is_reported_altered(seoul, tmp_path):
    (tmp_path / "plan.txt").write_text("도서관 운영 계획", encoding="utf-8")
    ids = _ingest(tmp_path, [_document("주택정책과-7006", "plan.txt")])
    file = PublishedFile.objects.get(record__public_id=ids["주택정책과-7006"])
    content = bytearray(published_file_path(file).read_bytes())
    content[len(content) // 3] ^= 0x01
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(content))
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify", str(altered), stdout=io.StringIO())
    assert exit_info.value.code == 1
    assert copy_verify(bytes(content)).verdict == Verdict.ALTERED


def test_a_real_hwp_report_becomes_a_public_pdf_with_its_text(seoul, tmp_path, samples):
    shutil.copy(samples / "hwpjs_basicsReport.hwp", tmp_path / "report.hwp")
    ids = _ingest(tmp_path, [_document("주택정책과-7007", "report.hwp")])
    record = Record.objects.get(public_id=ids["주택정책과-7007"])
    original = record.files.get()
    file = PublishedFile.objects.get(record__public_id=record.public_id)
    assert (file.name, file.source_format) == ("report.pdf", "hwp")
    text = _pdf_text(published_file_path(file).read_bytes())
    first_words = [w for w in original.text.split() if len(w) > 1][:5]
    assert first_words and all(word in text.replace("\n", " ") for word in first_words), first_words
    assert file.pages.count() >= 1


def test_a_file_whose_name_lies_is_made_by_what_it_is(seoul, tmp_path):
    # A PDF sent as "report.hwp": the converter goes by content, and so does the public PDF.
    make_pdf(tmp_path / "report.hwp", [f"신청인 주민등록번호 {RRN} 접수"])
    ids = _ingest(tmp_path, [_document("주택정책과-7008", "report.hwp")])
    original = Record.objects.get(public_id=ids["주택정책과-7008"]).files.get()
    assert original.converter == "pdf" and original.public_pdf_method == "flattened"
    file = PublishedFile.objects.get(record__public_id=ids["주택정책과-7008"])
    assert "1234568" not in _pdf_text(published_file_path(file).read_bytes())


def test_originals_published_before_public_pdfs_are_replaced_at_the_next_start(seoul, tmp_path):
    (tmp_path / "plan.txt").write_text("하천 정비 계획", encoding="utf-8")
    ids = _ingest(tmp_path, [_document("주택정책과-7009", "plan.txt")])
    # As an older version left it: a copy of the original, no pages, and a reviewer's decision.
    legacy = PublishedFile.objects.get(record__public_id=ids["주택정책과-7009"])
    legacy.pages.all().delete()
    PublishedFile.objects.filter(pk=legacy.pk).update(
        name="plan.txt", mime_type="text/plain", source_format=""
    )
    Record.objects.filter(public_id=ids["주택정책과-7009"]).update(review_state="done")
    out = io.StringIO()
    call_command("redecide", "--if-stale", stdout=out)
    assert "1건" in out.getvalue()
    file = PublishedFile.objects.get(record__public_id=ids["주택정책과-7009"])
    assert (file.name, file.mime_type, file.pages.count()) == ("plan.pdf", "application/pdf", 1)
    assert Record.objects.get(public_id=ids["주택정책과-7009"]).review_state == "done"


def test_a_received_pdf_that_cannot_be_redacted_safely_goes_to_review_with_its_reason(seoul, tmp_path):
    # A tab drawn as a glyph without a character (U+FFFD): the page's text layer cannot be trusted to
    # show every occurrence of what is masked, so no public PDF is made from it.
    make_pdf(tmp_path / "scan.pdf", [f"접수\t번호 주민등록번호 {RRN} 처리"])
    ids = _ingest(tmp_path, [_document("주택정책과-7010", "scan.pdf")])
    record = Record.objects.get(public_id=ids["주택정책과-7010"])
    file = record.files.get()
    assert file.public_pdf_error_code == "redaction_unsafe" and file.public_pdf_error_en
    assert record.decided_listing == "under_review" and "public_pdf_failed" in record.review_reasons
    published = PublishedRecord.objects.get(public_id=record.public_id)
    assert published.body_text == "" and not published.files.exists()
