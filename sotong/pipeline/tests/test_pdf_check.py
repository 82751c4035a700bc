"""The leak checker: a clean public PDF passes, and every place a masked string can hide is caught.

Fixtures are drawn here with fpdf2 (what the renderer uses), PyMuPDF and pypdf, never with the
renderer itself, so that the checker is proven independently of the code it checks.
"""

from __future__ import annotations

import io
import os
import shutil
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import FreeText
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from sotong.pipeline.pdfs import check
from sotong.pipeline.pdfs.check import CheckProblem, pdf_check
from sotong.pipeline.pdfs.fontmaps import to_unicode_characters

# CI sets SOTONG_REQUIRE_ALL_SUITES: there a missing pdftotext fails these tests instead of skipping them.
needs_pdftotext = pytest.mark.skipif(
    check.find_pdftotext() is None and not os.environ.get("SOTONG_REQUIRE_ALL_SUITES"),
    reason=(
        "pdftotext가 없어 Poppler 추출 시험을 건너뜁니다(apt-get install poppler-utils) / "
        "pdftotext is not installed; Poppler extraction tests skipped (apt-get install poppler-utils)"
    ),
)

NAME = "홍길동"
PROOF_TEXT = "서울특별시 정보공개 문서 담당 부서 안내"
NEVER_DRAWN = "뷁궯"  # syllables no Korean document draws: only a full font map carries them
BODY = [
    "서울특별시 정보공개 정책과 공문서 2021년 제2025-1호",
    f"담당자 {NAME} 주무관",
    "주민등록번호 900101-",  # the number goes on over a line break
    "1234567 확인",
    PROOF_TEXT,
]
WHERES = {
    "text:pdftotext", "text:pypdf", "raw", "metadata", "annotations", "embedded_files", "forms",
    "javascript", "fonts", "unreadable",
}  # fmt: skip
SECRET = "김철수"  # never drawn, nor any of its characters: masked text the renderer removed
CLEAN_MASKS = [SECRET, "010-9876-5432"]


@dataclass(frozen=True)
class Fixtures:
    fpdf: bytes  # three pages of BODY, drawn with a Korean TTF
    fpdf_proof: bytes  # PROOF_TEXT only
    mupdf_proof: bytes  # PROOF_TEXT with PyMuPDF's font, subset by PyMuPDF
    mupdf_proof_map: bytes  # that font's ToUnicode CMap


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Fixtures:
    """Loading the font takes most of a second per document, so each is drawn once."""
    font = tmp_path_factory.mktemp("fonts") / "droid-sans-fallback.ttf"
    font.write_bytes(pymupdf.Font("cjk").buffer)
    mupdf = _mupdf(PROOF_TEXT)
    reader = PdfReader(io.BytesIO(mupdf))
    cmap = reader.pages[0]["/Resources"]["/Font"]["/k"]["/ToUnicode"].get_data()
    return Fixtures(_fpdf(font, BODY, pages=3), _fpdf(font, [PROOF_TEXT]), mupdf, cmap)


def _fpdf(font: Path, lines: Sequence[str], *, pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.add_font("k", fname=str(font))
    pdf.set_font("k", size=12)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _mupdf(text: str) -> bytes:
    """PyMuPDF embeds the whole font; ``subset_fonts`` trims the glyphs but keeps the full map."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_font(fontname="k", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((72, 72), text, fontname="k")
    document.subset_fonts()
    return document.tobytes(garbage=3, deflate=True)


def _changed(content: bytes, change: Callable[[PdfWriter], object]) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(content))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def checked(content: bytes, masked: Sequence[str]) -> list[CheckProblem]:
    """pdf_check, and the promise kept on every call: no detail betrays a masked string."""
    problems = pdf_check(content, masked=masked)
    for problem in problems:
        assert problem.where in WHERES, problem
        assert problem.detail.isascii(), problem  # English only: no Korean character can slip in
        detail = "".join(problem.detail.split())
        for text in masked:
            compact = "".join(text.split())
            assert len(compact) < 2 or compact not in detail, problem
    return problems


def wheres(problems: Sequence[CheckProblem]) -> set[str]:
    return {problem.where for problem in problems}


@pytest.fixture
def without_pdftotext(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "find_pdftotext", lambda: None)


# --- clean documents pass ------------------------------------------------------------------------


def test_clean_fpdf2_korean_pdf_passes(pdfs: Fixtures) -> None:
    assert checked(pdfs.fpdf, CLEAN_MASKS) == []


def test_clean_pdf_passes_without_masks(pdfs: Fixtures) -> None:
    assert checked(pdfs.fpdf, []) == []


def test_single_character_and_star_masks_are_ignored(pdfs: Fixtures) -> None:
    assert checked(pdfs.fpdf, ["홍", "****", "* *", " ", ""]) == []


def test_open_action_destination_is_allowed(pdfs: Fixtures) -> None:
    """fpdf2 opens at the first page with an explicit destination: a view, not an action."""
    assert isinstance(PdfReader(io.BytesIO(pdfs.fpdf)).root_object["/OpenAction"], ArrayObject)
    assert checked(pdfs.fpdf, CLEAN_MASKS) == []


def test_pages_flattened_to_images_pass(pdfs: Fixtures) -> None:
    """Pixels are not searched as text, so no pattern turns up in them by chance."""
    source = pymupdf.open(stream=pdfs.fpdf, filetype="pdf")
    flattened = pymupdf.open()
    for page in source.pages():
        flattened.new_page(width=page.rect.width, height=page.rect.height).insert_image(
            page.rect, pixmap=page.get_pixmap(dpi=72)
        )
    assert checked(flattened.tobytes(deflate=True), [*CLEAN_MASKS, NAME]) == []


# --- the ToUnicode proof -------------------------------------------------------------------------


def test_pymupdf_subset_keeps_every_hangul_syllable_in_its_map(pdfs: Fixtures) -> None:
    mapped = to_unicode_characters(pdfs.mupdf_proof_map)
    assert {chr(code) for code in range(0xAC00, 0xD7A4)} <= mapped  # all 11,172 syllables
    assert set(NEVER_DRAWN) <= mapped


def test_font_map_of_undrawn_masked_syllables_is_a_problem(pdfs: Fixtures) -> None:
    problems = checked(pdfs.mupdf_proof, [NEVER_DRAWN])
    assert wheres(problems) == {check.FONTS}
    [problem] = problems
    assert "(2 of them in masked spans)" in problem.detail


def test_same_text_through_fpdf2_passes(pdfs: Fixtures) -> None:
    assert checked(pdfs.fpdf_proof, [NEVER_DRAWN]) == []


def test_text_removed_but_glyphs_kept_is_a_problem(pdfs: Fixtures) -> None:
    """The redaction that fails here: the name is gone from the page, its glyphs are not from the font."""

    def blank_pages(writer: PdfWriter) -> None:
        for page in writer.pages:
            page[NameObject("/Contents")] = writer._add_object(DecodedStreamObject())

    problems = checked(_changed(pdfs.fpdf, blank_pages), [NAME])
    assert [p.where for p in problems] == [check.FONTS, check.FONTS]  # the ToUnicode map, the font's cmap
    assert all("(3 of them in masked spans)" in p.detail for p in problems)


def test_to_unicode_parser_reads_bfchar_and_all_bfrange_forms() -> None:
    cmap = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0001> <D64D>
<0002> <D83DDE00>
<0003><0066 0069>
endbfchar
4 beginbfrange
<0010> <0012> <AC00>
<0020> <0021> [<0041> <D835DC00>]
<0030> <0031> <D83DDE03>
<5B> <5D> <005B>
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""
    assert to_unicode_characters(cmap) == set("홍😀fi가각갂A𝐀😃😄[\\]")


# --- drawn text ------------------------------------------------------------------------------------


@needs_pdftotext
def test_drawn_masked_text_is_found_by_both_extractors(pdfs: Fixtures) -> None:
    problems = checked(pdfs.fpdf, [*CLEAN_MASKS, NAME])
    assert wheres(problems) == {check.TEXT_PDFTOTEXT, check.TEXT_PYPDF}
    assert {p.detail for p in problems} == {check.MASKED_IN_TEXT.format(index=2)}


def test_drawn_masked_text_is_found_by_pypdf_without_pdftotext(
    pdfs: Fixtures, without_pdftotext: None
) -> None:
    problems = checked(pdfs.fpdf, [NAME])
    assert problems == [CheckProblem(check.TEXT_PYPDF, check.MASKED_IN_TEXT.format(index=0))]


@pytest.mark.parametrize("masked", ["900101-1234567", "900101 - 1234567", "홍 길 동", "홍길\n동"])
def test_masked_text_broken_by_whitespace_is_still_found(pdfs: Fixtures, masked: str) -> None:
    assert check.TEXT_PYPDF in wheres(checked(pdfs.fpdf, [masked]))


def test_pdftotext_that_fails_is_a_problem_not_a_pass(
    pdfs: Fixtures, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "find_pdftotext", lambda: shutil.which("false"))
    problems = checked(pdfs.fpdf, CLEAN_MASKS)
    assert problems == [
        CheckProblem(
            check.TEXT_PDFTOTEXT, check.EXTRACTOR_FAILED.format(reason="pdftotext exited with status 1")
        )
    ]


def test_missing_pdftotext_named_by_environment_means_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDFTOTEXT_BIN", "/nonexistent/pdftotext")
    assert check.find_pdftotext() is None


def test_text_in_a_font_pdftotext_cannot_read_is_still_found() -> None:
    """PyMuPDF's ``korea`` font is not embedded (UniKS-UTF16-H, no ToUnicode): Poppler without
    poppler-data draws nothing from it, while pypdf and the bytes still hold the name."""
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), f"담당자 {SECRET}", fontname="korea")
    problems = checked(document.tobytes(deflate=True), [SECRET])
    assert {check.TEXT_PYPDF, check.RAW} <= wheres(problems)


# --- everything that is not drawn text ----------------------------------------------------------


def test_info_author_is_found(pdfs: Fixtures) -> None:
    leaky = _changed(pdfs.fpdf, lambda w: w.add_metadata({"/Author": SECRET, "/Title": "정보공개 문서"}))
    assert check.METADATA in wheres(checked(leaky, [SECRET]))
    assert checked(leaky, ["010-9876-5432"]) == []  # a title is allowed


def test_info_value_in_its_own_object_is_found(pdfs: Fixtures) -> None:
    def add_author(writer: PdfWriter) -> None:
        writer.add_metadata({"/Title": "정보공개 문서"})
        assert writer._info is not None  # the public setter would copy the value in
        writer._info[NameObject("/Author")] = writer._add_object(TextStringObject(SECRET))

    leaky = _changed(pdfs.fpdf, add_author)
    info = PdfReader(io.BytesIO(leaky)).trailer["/Info"]
    assert isinstance(info, DictionaryObject)
    assert isinstance(info.raw_get("/Author"), IndirectObject)
    problems = checked(leaky, [SECRET])
    assert CheckProblem(check.METADATA, check.MASKED_IN_METADATA.format(index=0)) in problems


def test_xmp_with_character_references_is_found(pdfs: Fixtures) -> None:
    """Only a reader of XML sees ``&#xAE40;`` as 김: the bytes and strings do not hold the name."""
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>&#xAE40;&#xCCA0;&#xC218;</dc:creator></x:xmpmeta>'

    def add_xmp(writer: PdfWriter) -> None:
        writer.xmp_metadata = xmp

    problems = checked(_changed(pdfs.fpdf, add_xmp), [SECRET])
    assert problems == [CheckProblem(check.METADATA, check.MASKED_IN_METADATA.format(index=0))]


def test_annotation_is_a_problem_and_its_contents_are_found(pdfs: Fixtures) -> None:
    leaky = _changed(
        pdfs.fpdf, lambda w: w.add_annotation(0, FreeText(text=SECRET, rect=(50, 550, 200, 650)))
    )
    problems = checked(leaky, [SECRET])
    assert {check.ANNOTATIONS, check.RAW} <= wheres(problems)
    assert CheckProblem(check.RAW, check.MASKED_IN_STRING.format(index=0)) in problems


def test_embedded_file_is_a_problem(pdfs: Fixtures) -> None:
    leaky = _changed(pdfs.fpdf, lambda w: w.add_attachment("memo.txt", f"담당자 {SECRET}".encode()))
    problems = checked(leaky, [SECRET])
    assert {check.EMBEDDED_FILES, check.RAW} <= wheres(problems)
    assert check.EMBEDDED_FILES in wheres(checked(leaky, []))  # present at all: a problem


def test_form_field_is_a_problem(pdfs: Fixtures) -> None:
    document = pymupdf.open(stream=pdfs.fpdf, filetype="pdf")
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.mupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "name"
    widget.field_value = SECRET
    widget.rect = pymupdf.Rect(50, 500, 250, 520)
    document[0].add_widget(widget)
    problems = checked(document.tobytes(), [SECRET])
    assert {check.FORMS, check.ANNOTATIONS, check.RAW} <= wheres(problems)


def test_javascript_is_a_problem(pdfs: Fixtures) -> None:
    leaky = _changed(pdfs.fpdf, lambda w: w.add_open_action(JavaScript(f"app.alert('{SECRET}');")))
    problems = checked(leaky, [SECRET])
    assert {check.JAVASCRIPT, check.RAW} <= wheres(problems)


def test_open_action_that_is_an_action_is_a_problem(pdfs: Fixtures) -> None:
    def open_uri(writer: PdfWriter) -> None:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("x")}
        )
        writer.root_object[NameObject("/OpenAction")] = action

    assert wheres(checked(_changed(pdfs.fpdf, open_uri), CLEAN_MASKS)) == {check.JAVASCRIPT}


@pytest.mark.parametrize("upper", [True, False])
def test_utf16_hex_in_uncompressed_stream_is_found(pdfs: Fixtures, upper: bool) -> None:
    hex_name = ("FEFF" + SECRET.encode("utf-16-be").hex().upper()).encode()
    span = b"/Span <</ActualText <" + (hex_name if upper else hex_name.lower()) + b">>> BDC EMC\n"

    def add_span(writer: PdfWriter) -> None:
        stream = DecodedStreamObject()
        stream.set_data(span)
        page = writer.pages[0]
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(stream)])

    leaky = _changed(pdfs.fpdf, add_span)
    assert span in leaky  # written uncompressed, as the case requires
    assert checked(leaky, [SECRET]) == [CheckProblem(check.RAW, check.MASKED_IN_RAW.format(index=0))]


def test_compressed_stream_no_xref_names_is_found(pdfs: Fixtures) -> None:
    """What an incremental update replaced stays in the file, compressed, out of every reader's sight."""
    data = zlib.compress(f"BT ({SECRET}) Tj ET".encode("utf-16-be"))
    orphan = b"\n99 0 obj\n<</Length %d/Filter/FlateDecode>>\nstream\n%s\nendstream\nendobj\n" % (
        len(data),
        data,
    )
    assert checked(pdfs.fpdf + orphan, [SECRET]) == [
        CheckProblem(check.RAW, check.MASKED_IN_RAW.format(index=0))
    ]


def test_cp949_bytes_are_found(pdfs: Fixtures) -> None:
    def add_cp949(writer: PdfWriter) -> None:
        stream = DecodedStreamObject()
        stream.set_data(f"% {SECRET}".encode("cp949"))
        page = writer.pages[0]
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(stream)])

    assert check.RAW in wheres(checked(_changed(pdfs.fpdf, add_cp949), [SECRET]))


def test_stream_that_cannot_be_decoded_is_a_problem(pdfs: Fixtures) -> None:
    def add_unknown_filter(writer: PdfWriter) -> None:
        stream = DecodedStreamObject()
        stream.set_data(b"x")
        stream[NameObject("/Filter")] = NameObject("/NoSuchDecode")
        page = writer.pages[0]
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(stream)])

    problems = checked(_changed(pdfs.fpdf, add_unknown_filter), CLEAN_MASKS)
    assert CheckProblem(check.RAW, check.UNDECODABLE_STREAMS.format(count=1)) in problems
    assert check.TEXT_PYPDF in wheres(problems)  # nor can its text be read: never a pass


# --- unreadable input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage \x13" * 50, b"%PDF-1.7\n garbage that is not a PDF", b"PK\x03\x04 a zip"],
)
def test_garbage_is_unreadable(content: bytes) -> None:
    [problem] = checked(content, [SECRET])
    assert problem.where == check.UNREADABLE


def test_truncated_pdf_is_unreadable(pdfs: Fixtures) -> None:
    assert wheres(checked(pdfs.fpdf[: len(pdfs.fpdf) // 2], [SECRET])) == {check.UNREADABLE}


def test_encrypted_pdf_is_unreadable(pdfs: Fixtures) -> None:
    leaky = _changed(pdfs.fpdf, lambda w: w.encrypt(user_password="", owner_password="secret"))
    assert checked(leaky, [SECRET]) == [CheckProblem(check.UNREADABLE, check.ENCRYPTED)]
