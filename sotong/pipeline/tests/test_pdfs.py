"""The public-PDF producers: what they draw can be read back, and nothing masked survives in any form.

Source PDFs are drawn here with PyMuPDF's own Korean font (fine for input; the producers never draw
with it). Outputs are read back with both PyMuPDF and pypdf, and their raw objects and streams are
searched after decompression, so a passage cannot hide in a layer one reader skips.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader

from sotong.core.errors import Message
from sotong.pipeline.pdfs import fonts, images, locate, source
from sotong.pipeline.pdfs.errors import (
    IMAGE_TOO_LARGE,
    IMAGE_UNREADABLE,
    PDF_CORRUPT,
    PDF_ENCRYPTED,
    PDF_TOO_MANY_PAGES,
    REDACTION_UNSAFE,
    PublicPdfError,
)
from sotong.pipeline.pdfs.images import image_pdf
from sotong.pipeline.pdfs.previews import pdf_previews
from sotong.pipeline.pdfs.redact import pdf_redact
from sotong.pipeline.pdfs.render import text_pdf
from sotong.pipeline.pdfs.result import PublicPdf

RRN = "900101-1234567"
NAME = "곽훤빈"  # none of its syllables appears anywhere else in the fixtures
KEPT = "공개 본문 내용입니다"
ALLOWED_INFO = {"/Title", "/Producer", "/CreationDate"}


# --- helpers -------------------------------------------------------------------------------------


def korean_pdf(*pages: list[str], rotation: int = 0) -> pymupdf.Document:
    """One PDF page per list of lines, drawn with PyMuPDF's built-in Korean font."""
    document = pymupdf.open()
    for lines in pages:
        page = document.new_page()
        for number, line in enumerate(lines):
            page.insert_text((72, 100 + number * 18), line, fontname="korea", fontsize=11)
        page.set_rotation(rotation)
    return document


def texts(content: bytes) -> tuple[str, str]:
    """The text of *content* as PyMuPDF and as pypdf read it."""
    with pymupdf.open(stream=content) as document:
        mupdf_text = "".join(page.get_text() for page in document)
    pypdf_text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return mupdf_text, pypdf_text


def raw_objects(content: bytes) -> bytes:
    """Every object and every decompressed stream in *content*, and the file itself."""
    parts = [content]
    with pymupdf.open(stream=content) as document:
        for xref in range(1, document.xref_length()):
            parts.append(document.xref_object(xref).encode("utf-8", "replace"))
            if document.xref_is_stream(xref):
                parts.append(document.xref_stream(xref) or b"")
    return b"\n".join(parts)


def assert_nowhere(content: bytes, *secrets: str) -> None:
    mupdf_text, pypdf_text = texts(content)
    raw = raw_objects(content)
    for secret in secrets:
        assert secret not in mupdf_text
        assert secret not in pypdf_text
        for encoding in ("utf-8", "utf-16-be"):
            assert secret.encode(encoding) not in raw
        assert secret.encode("utf-16-be").hex().upper().encode() not in raw.upper()


def to_unicode_map(content: bytes) -> set[str]:
    """Every character a ToUnicode map in *content* maps a glyph to."""
    mapped: set[str] = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        resources: Any = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            cmap = font.get_object().get("/ToUnicode")
            if cmap is None:
                continue
            data = cmap.get_object().get_data().decode("latin-1")
            for section in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
                for _, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
                    mapped.update(bytes.fromhex(target).decode("utf-16-be"))
            assert "beginbfrange" not in data, "ranges would need parsing too"
    return mapped


@contextmanager
def raises(message: Message) -> Iterator[pytest.ExceptionInfo[PublicPdfError]]:
    with pytest.raises(PublicPdfError) as caught:
        yield caught
    assert caught.value.code == message.code


def page_pixels(content: bytes, rect: pymupdf.Rect) -> bytes:
    """The grey pixels of *rect* (points) on the first page, rendered at 72 dpi."""
    with pymupdf.open(stream=content) as document:
        pixmap = document[0].get_pixmap(dpi=72, colorspace=pymupdf.csGRAY, alpha=False, clip=rect)
        return pixmap.samples


@pytest.fixture(scope="module")
def leaky_source() -> bytes:
    """A PDF with a registration number and a name to mask, and canaries where PDFs hide things."""
    document = korean_pdf(
        [f"주민등록번호 {RRN} 신청인 {NAME}", KEPT, "담당 부서 연락처 02-120"],
        [KEPT + " 둘째 쪽", f"다시 {NAME} 님"],
    )
    document.set_metadata({"author": "CANARYAUTHOR", "keywords": "CANARYKEYWORD", "title": "원래 제목"})
    document.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'>CANARYXMP</x:xmpmeta>")
    document.embfile_add("secret.txt", b"CANARYEMBED", filename="secret.txt")
    document[0].add_text_annot((400, 400), "CANARYNOTE")
    document.xref_set_key(document[0].xref, "PieceInfo", "<</Editor<</Private(CANARYPIECE)>>>>")
    return document.tobytes()


@pytest.fixture(scope="module")
def redacted(leaky_source: bytes) -> tuple[bytes, PublicPdf]:
    return leaky_source, pdf_redact(leaky_source, masked=[RRN, NAME], title="공개 제목")


# --- fonts ---------------------------------------------------------------------------------------


def test_the_quick_font_draws_korean_and_the_full_font_draws_rarer_hanja() -> None:
    quick = fonts._quick_font()
    assert quick is not None
    quick_path, covered = quick
    rare = next(
        chr(code)
        for code in range(0x4E00, 0xA000)
        if code in fonts._codepoints(fonts.korean_font_path()) and code not in covered
    )
    for text, expected in [("공개 文書 ㈜ ①", quick_path), (f"공개 {rare}", fonts.korean_font_path())]:
        pdf = FPDF()
        fonts.add_korean_font(pdf, text)
        assert pdf.fonts[fonts.FAMILY].ttffile == expected
    assert rare in texts(text_pdf(f"드문 한자 {rare}", title="t"))[0]


def test_the_font_can_be_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    configured = tmp_path / "font.ttf"
    configured.write_bytes(fonts.korean_font_path().read_bytes())
    monkeypatch.setenv(fonts.FONT_ENV, str(configured))
    fonts.korean_font_path.cache_clear()
    try:
        assert fonts.korean_font_path() == configured
    finally:
        monkeypatch.delenv(fonts.FONT_ENV)
        fonts.korean_font_path.cache_clear()


# --- text_pdf ------------------------------------------------------------------------------------


def test_text_pdf_reads_back_in_korean_with_page_numbers() -> None:
    content = text_pdf("첫 문단입니다.\n둘째 문단, English too.\f새 쪽", title="2024년 공개 문서")
    for text in texts(content):
        compact = "".join(text.split())
        assert "2024년공개문서" in compact
        assert "첫문단입니다.둘째문단,Englishtoo." in compact
        assert "새쪽" in compact
    with pymupdf.open(stream=content) as document:
        assert document.page_count == 2
        assert [page.get_text().split("\n")[-2] for page in document] == ["- 1 -", "- 2 -"]


def test_text_pdf_wraps_a_long_unbroken_run_across_lines_and_pages() -> None:
    run = "가나다라마바사아자차카타파하" * 300
    content = text_pdf(run, title="긴 글")
    with pymupdf.open(stream=content) as document:
        assert document.page_count >= 2
        for page in document:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", ()):
                    assert line["bbox"][2] <= page.rect.width - 50
        body = "".join("".join(page.get_text().split("\n")[:-2]) for page in document)
    assert body.replace("긴 글", "", 1) == run


def test_text_pdf_gives_the_same_bytes_for_the_same_input() -> None:
    assert text_pdf("같은 글", title="같은 제목") == text_pdf("같은 글", title="같은 제목")


def test_text_pdf_metadata_is_only_the_title_and_producer() -> None:
    content = text_pdf("본문", title="공개 제목")
    reader = PdfReader(io.BytesIO(content))
    assert set(reader.metadata or {}) <= ALLOWED_INFO
    assert reader.metadata.title == "공개 제목"
    assert reader.metadata["/Producer"] == "Sotong"
    root: Any = reader.trailer["/Root"]
    assert "/Metadata" not in root


def test_text_pdf_maps_only_the_characters_it_draws() -> None:
    drawn = "공개 문서 본문"
    content = text_pdf(drawn, title="공개")
    mapped = to_unicode_map(content)
    assert "뷁" not in mapped
    # fpdf2 maps code 0 (the missing glyph) to U+0000, which is no text.
    assert mapped - {"\x00"} == set(drawn) | set("- 1 -")  # the body, the title and the page number


def test_text_pdf_survives_control_and_undrawable_characters() -> None:
    content = text_pdf("앞\x00\x07\ud800\u200b뒤\t탭 😀 끝", title="제목\x01")
    mupdf_text, _ = texts(content)
    assert "앞뒤 탭" in mupdf_text
    assert "끝" in mupdf_text
    assert PdfReader(io.BytesIO(content)).metadata.title == "제목"


# --- pdf_redact ----------------------------------------------------------------------------------


def test_redacted_pdf_holds_no_masked_text_in_any_layer(redacted: tuple[bytes, PublicPdf]) -> None:
    _, result = redacted
    assert result.method == "flattened"
    assert len(result.page_texts) == 2
    assert not any(RRN in text or NAME in text for text in result.page_texts)
    assert_nowhere(result.content, RRN, NAME, "CANARY")
    assert not set(NAME) & to_unicode_map(result.content)


def test_redacted_pdf_keeps_the_unmasked_text(redacted: tuple[bytes, PublicPdf]) -> None:
    _, result = redacted
    for text in texts(result.content):
        assert "".join(KEPT.split()) in "".join(text.split())
        assert "둘째쪽" in "".join(text.split())
    assert KEPT in result.page_texts[0]


def test_redacted_pdf_has_only_public_metadata_and_no_attachments_or_annotations(
    redacted: tuple[bytes, PublicPdf],
) -> None:
    _, result = redacted
    reader = PdfReader(io.BytesIO(result.content))
    assert set(reader.metadata or {}) <= ALLOWED_INFO
    assert reader.metadata.title == "공개 제목"
    with pymupdf.open(stream=result.content) as document:
        assert document.embfile_count() == 0
        assert not document.xref_xml_metadata()
        assert all(not list(page.annots()) for page in document)


def test_redacted_area_is_black_in_the_page_picture(redacted: tuple[bytes, PublicPdf]) -> None:
    source_pdf, result = redacted
    with pymupdf.open(stream=source_pdf) as document:
        (where,) = document[0].search_for(RRN)
    inner = pymupdf.Rect(where.x0 + 2, where.y0 + 2, where.x1 - 2, where.y1 - 2)
    pixels = page_pixels(result.content, inner)
    assert max(pixels) < 60


def test_a_passage_wrapped_over_two_lines_is_covered() -> None:
    document = korean_pdf(["담당자 김철", "수 연락처", KEPT])
    result = pdf_redact(document.tobytes(), masked=["김철수"], title="t")
    compact = "".join(result.page_texts[0].split())
    assert "김철" not in compact
    assert "수연락처" not in compact
    assert "연락처" in compact


def test_full_width_digits_are_found_as_the_passage() -> None:
    document = korean_pdf(["주민등록번호 ９００１０１-１２３４５６７ 입니다", KEPT])
    result = pdf_redact(document.tobytes(), masked=[RRN], title="t")
    assert "９００１０１" not in result.page_texts[0]
    assert "입니다" in result.page_texts[0]


def test_a_passage_that_does_not_occur_is_fine() -> None:
    document = korean_pdf([KEPT, "다른 내용도 충분히 있습니다"])
    result = pdf_redact(document.tobytes(), masked=["없는 사람"], title="t")
    assert result.method == "flattened"
    assert KEPT in result.page_texts[0]


def test_an_occurrence_left_after_redaction_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    document = korean_pdf([f"주민등록번호 {RRN} 입니다", KEPT])
    monkeypatch.setattr(pymupdf.Page, "apply_redactions", lambda self, **kwargs: True)
    with raises(REDACTION_UNSAFE) as caught:
        pdf_redact(document.tobytes(), masked=[RRN], title="t")
    assert caught.value.code == "redaction_unsafe"
    assert caught.value.field == "page 1"


def test_an_occurrence_without_a_usable_box_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    document = korean_pdf([f"주민등록번호 {RRN} 입니다", KEPT])
    located = locate._chars

    def boxless(page: pymupdf.Page) -> Iterator[locate.Char]:
        for text, _, line in located(page):
            yield text, pymupdf.Rect(), line

    monkeypatch.setattr(locate, "_chars", boxless)
    with raises(REDACTION_UNSAFE):
        pdf_redact(document.tobytes(), masked=[RRN], title="t")


def scanned_pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    picture = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 280))
    picture.clear_with(200)
    page.insert_image(page.rect, pixmap=picture)
    return document.tobytes()


def test_a_scanned_page_cannot_be_redacted_by_text_search() -> None:
    with raises(REDACTION_UNSAFE):
        pdf_redact(scanned_pdf(), masked=[RRN], title="t")
    assert pdf_redact(scanned_pdf(), masked=[], title="t").method == "copied"


@pytest.mark.parametrize("masked", [["다른"], []])
def test_redactions_the_sender_left_unapplied_are_applied(masked: list[str]) -> None:
    document = korean_pdf([f"{KEPT} 비밀스러운 문장", "그리고 다른 줄"])
    page = document[0]
    page.add_redact_annot(page.search_for("비밀스러운")[0])
    result = pdf_redact(document.tobytes(), masked=masked, title="t")
    assert "비밀스러운" not in result.page_texts[0]
    assert "문장" in result.page_texts[0]
    assert_nowhere(result.content, "비밀스러운")


def test_a_page_with_unreadable_characters_cannot_be_searched() -> None:
    """Text whose font has no character map reads as U+FFFD: a masked passage could hide in it."""
    document = pymupdf.open(stream=text_pdf(f"주민등록번호 {RRN} 본문 내용이 충분히 있습니다", title="제목"))
    for xref in range(1, document.xref_length()):
        if document.xref_get_key(xref, "ToUnicode")[0] != "null":
            document.xref_set_key(xref, "ToUnicode", "null")
    with raises(REDACTION_UNSAFE) as caught:
        pdf_redact(document.tobytes(), masked=[RRN], title="t")
    assert caught.value.field == "page 1"
    assert pdf_redact(document.tobytes(), masked=[], title="t").method == "copied"


def test_form_values_and_annotation_text_are_searched_and_redacted() -> None:
    document = korean_pdf([KEPT, "양식이 있는 쪽입니다"])
    page = document[0]
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.mupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "rrn"
    widget.field_value = RRN
    widget.rect = pymupdf.Rect(72, 200, 300, 220)
    page.add_widget(widget)
    page.add_freetext_annot(pymupdf.Rect(72, 300, 400, 330), f"메모 {NAME}", fontsize=11)
    result = pdf_redact(document.tobytes(), masked=[RRN, NAME], title="t")
    assert_nowhere(result.content, RRN, NAME)
    assert "메모" in result.page_texts[0]


def test_a_rotated_page_is_redacted_and_keeps_its_text_in_place() -> None:
    document = korean_pdf([f"주민등록번호 {RRN} 입니다", KEPT], rotation=90)
    result = pdf_redact(document.tobytes(), masked=[RRN], title="t")
    assert_nowhere(result.content, RRN)
    with pymupdf.open(stream=result.content) as output:
        page = output[0]
        assert (page.rect.width, page.rect.height) == (pytest.approx(842), pytest.approx(595))
        (hit,) = page.search_for("주민등록번호")
        assert hit.x0 > page.rect.width / 2  # drawn top to bottom near the right edge, as shown


def test_flatten_without_masks_rebuilds_the_pages() -> None:
    document = korean_pdf([KEPT])
    result = pdf_redact(document.tobytes(), masked=[" "], title="t", flatten=True)
    assert result.method == "flattened"
    assert KEPT in texts(result.content)[0]


def test_a_copy_with_nothing_masked_is_scrubbed(leaky_source: bytes) -> None:
    result = pdf_redact(leaky_source, masked=[], title="공개 제목")
    assert result.method == "copied"
    assert_nowhere(result.content, "CANARY")
    assert RRN in result.page_texts[0]
    assert RRN in texts(result.content)[0]
    reader = PdfReader(io.BytesIO(result.content))
    assert set(reader.metadata or {}) <= ALLOWED_INFO
    assert reader.metadata.title == "공개 제목"
    with pymupdf.open(stream=result.content) as document:
        assert document.embfile_count() == 0
        assert all(not list(page.annots()) for page in document)


def test_a_file_with_a_hidden_layer_is_flattened_not_copied() -> None:
    """MuPDF neither shows nor extracts a layer that is off, so its text was never checked."""
    document = korean_pdf([KEPT])
    layer = document.add_ocg("숨은 층", on=False)
    document[0].insert_text((72, 300), "CANARYLAYER", oc=layer)
    result = pdf_redact(document.tobytes(), masked=[], title="t")
    assert result.method == "flattened"
    assert_nowhere(result.content, "CANARYLAYER")
    assert KEPT in result.page_texts[0]


def test_locked_broken_and_overlong_pdfs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    locked = korean_pdf([KEPT]).tobytes(
        encryption=pymupdf.mupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o"
    )
    with raises(PDF_ENCRYPTED):
        pdf_redact(locked, masked=[RRN], title="t")
    with raises(PDF_CORRUPT):
        pdf_redact(b"%PDF-1.7 this is not a PDF at all", masked=[], title="t")
    monkeypatch.setattr(source, "MAX_PAGES", 1)
    with raises(PDF_TOO_MANY_PAGES):
        pdf_redact(korean_pdf([KEPT], [KEPT]).tobytes(), masked=[], title="t")


# --- image_pdf -----------------------------------------------------------------------------------


def jpeg_with_canaries() -> bytes:
    picture = Image.new("RGB", (300, 200), (240, 240, 240))
    exif = Image.Exif()
    exif[0x010E] = "CANARYEXIF"  # ImageDescription
    exif[0x013B] = "CANARYARTIST"  # Artist
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, comment=b"CANARYCOMMENT", dpi=(300, 300))
    return out.getvalue()


def test_image_pdf_drops_exif_and_comments_and_lays_the_text_over_it() -> None:
    source_jpeg = jpeg_with_canaries()
    assert b"CANARYEXIF" in source_jpeg
    result = image_pdf(source_jpeg, text="스캔한 공개 문서의 글자", title="스캔")
    assert result.method == "image"
    assert_nowhere(result.content, "CANARY")
    assert "스캔한 공개 문서의 글자" in texts(result.content)[0]
    with pymupdf.open(stream=result.content) as document:
        assert document[0].rect.width == pytest.approx(300 * 72 / 300)


def test_image_pdf_pages_follow_tiff_frames_and_form_feeds() -> None:
    frames = [Image.new("L", (400, 200), shade) for shade in (255, 200)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    result = image_pdf(out.getvalue(), text="첫 쪽 글자\f둘째 쪽 글자", title="t")
    assert result.page_texts == ("첫 쪽 글자", "둘째 쪽 글자")
    with pymupdf.open(stream=result.content) as document:
        assert document.page_count == 2
        assert document[0].rect.width == pytest.approx(400 * 72 / images.DEFAULT_DPI)
        assert "둘째 쪽 글자" in document[1].get_text()


def png_bomb(side: int = 11_000) -> bytes:
    """A one-bit PNG of side x side pixels (121 million) in a few kilobytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = 1 + (side + 7) // 8
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    pixels = zlib.compress(bytes(row * side), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_image_pdf_refuses_a_pixel_bomb_and_non_images() -> None:
    with raises(IMAGE_TOO_LARGE):
        image_pdf(png_bomb(), text="", title="t")
    with raises(IMAGE_UNREADABLE):
        image_pdf(b"GIF89a not supported", text="", title="t")


# --- previews ------------------------------------------------------------------------------------


def test_previews_are_one_png_per_page_up_to_the_limit() -> None:
    content = korean_pdf([KEPT], [KEPT], [KEPT]).tobytes()
    previews = pdf_previews(content, dpi=30)
    assert len(previews) == 3
    assert all(preview.startswith(b"\x89PNG\r\n\x1a\n") for preview in previews)
    assert len(pdf_previews(content, dpi=30, max_pages=2)) == 2
