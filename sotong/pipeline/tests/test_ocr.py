"""Scans: OCR with Tesseract when it is installed, ``needs_ocr`` when it is not.

Every scan is drawn here at test time: a Korean sentence rendered at 300 dpi, then placed alone on
a PDF page or saved as PNG, JPEG or a hand-built multi-page TIFF. Tests that read real pictures
need Tesseract with its Korean model and are skipped without it (CI installs it); the others use
a missing or a fake ``tesseract`` named through ``TESSERACT_BIN``.
"""

from __future__ import annotations

import os
import stat
import struct
import zlib
from pathlib import Path

import pymupdf
import pytest

from sotong.core.errors import Message
from sotong.pipeline.converters import ExtractionError, extract_text, image, ocr, pdf
from sotong.pipeline.converters import errors as messages

SENTENCE = "서울특별시 정보공개 정책과 공문서 2021년"
KEY_WORDS = ["서울특별시", "정보공개", "정책과", "공문서", "2021"]
TEXT_PAGE = "정보공개 청구서 제2025-1호 본문은 글자 층으로 되어 있습니다"
SCAN_DPI = 300

# CI sets SOTONG_REQUIRE_ALL_SUITES: there a missing Tesseract fails these tests instead of skipping them.
needs_tesseract = pytest.mark.skipif(
    ocr.find_tesseract(os.environ) is None and not os.environ.get("SOTONG_REQUIRE_ALL_SUITES"),
    reason=(
        "Tesseract와 한국어 모델이 없어 OCR 시험을 건너뜁니다(apt-get install tesseract-ocr "
        "tesseract-ocr-kor tesseract-ocr-eng) / Tesseract with the Korean model is not installed; "
        "OCR tests skipped (apt-get install tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng)"
    ),
)


# --- fixtures drawn at test time ------------------------------------------------------------


def render_sentence(text: str = SENTENCE) -> pymupdf.Pixmap:
    """A strip of paper with one printed line, scanned in grey at 300 dpi."""
    document = pymupdf.open()
    page = document.new_page(width=420, height=100)
    page.insert_text((24, 56), text, fontname="korea", fontsize=16)
    return page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY, alpha=False)


def add_scanned_page(document: pymupdf.Document, picture: pymupdf.Pixmap) -> None:
    page = document.new_page(width=420, height=100)
    page.insert_image(page.rect, pixmap=picture)


def make_scanned_pdf(path: Path, *, text_page: str | None = None) -> Path:
    """A PDF whose page is only a picture; with *text_page*, a text page comes first."""
    document = pymupdf.open()
    if text_page is not None:
        document.new_page(width=420, height=100).insert_text((24, 56), text_page, fontname="korea")
    add_scanned_page(document, render_sentence())
    document.save(path)
    return path


def make_png(path: Path) -> Path:
    picture = render_sentence()
    picture.set_dpi(SCAN_DPI, SCAN_DPI)
    path.write_bytes(picture.tobytes("png"))
    return path


def make_tiff(path: Path, pictures: list[pymupdf.Pixmap]) -> Path:
    """An uncompressed greyscale TIFF, one frame per picture (PyMuPDF writes no TIFF)."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    link = 4  # where the offset of the next frame's directory goes
    for picture in pictures:
        pixels = len(out)
        out += picture.samples
        resolution = len(out)
        out += struct.pack("<II", SCAN_DPI, 1)
        entries = [
            (256, 4, picture.width),
            (257, 4, picture.height),
            (258, 3, 8),  # bits per sample
            (259, 3, 1),  # no compression
            (262, 3, 1),  # black is zero
            (273, 4, pixels),
            (277, 3, 1),  # samples per pixel
            (278, 4, picture.height),  # one strip
            (279, 4, len(picture.samples)),
            (282, 5, resolution),
            (283, 5, resolution),
            (296, 3, 2),  # inches
        ]
        struct.pack_into("<I", out, link, len(out))
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += struct.pack("<HHII", tag, kind, 1, value)
        link = len(out)
        out += b"\x00\x00\x00\x00"
    path.write_bytes(bytes(out))
    return path


def zero_flate(size: int) -> bytes:
    """*size* zero bytes, deflated: a few kilobytes that unpack to as much as asked."""
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    packed = b"".join(packer.compress(chunk) for _ in range(size // len(chunk)))
    return packed + packer.compress(bytes(size % len(chunk))) + packer.flush()


def make_png_bomb(path: Path, side: int = 20_000) -> Path:
    """A black-and-white PNG of side x side pixels (400 million) in about 50 KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = 1 + (side + 7) // 8  # filter byte, then one bit a pixel
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    path.write_bytes(png + chunk(b"IDAT", zero_flate(row * side)) + chunk(b"IEND", b""))
    return path


def make_pdf_with_huge_image(path: Path, side: int = 20_000) -> Path:
    """A page whose only content is a side x side one-bit image, stored deflated."""
    document = pymupdf.open()
    page = document.new_page(width=420, height=420)
    page.insert_image(page.rect, pixmap=pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 8, 8)))
    (xref, *_) = page.get_images()[0]
    document.update_stream(xref, zero_flate(side * side // 8), compress=False)
    for key, value in [("Width", side), ("Height", side), ("BitsPerComponent", 1)]:
        document.xref_set_key(xref, key, str(value))
    document.xref_set_key(xref, "Filter", "/FlateDecode")
    document.xref_set_key(xref, "DecodeParms", "null")
    document.xref_set_key(xref, "SMask", "null")
    document.save(path)
    return path


def fake_tesseract(tmp_path: Path, *, ocr_exit: int = 0, languages: str = "kor eng") -> Path:
    """A stand-in ``tesseract`` that lists *languages* and writes its arguments as the "text"."""
    script = tmp_path / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --list-langs ]; then echo "List of languages (2):"; '
        f"for l in {languages}; do echo $l; done; exit 0; fi\n"
        f'cat > /dev/null; echo "$@"; exit {ocr_exit}\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def squashed(text: str) -> str:
    """OCR may split or join Korean words; compare without spaces."""
    return "".join(text.split())


def raises_code(message: Message, path: Path) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_text(path)
    assert caught.value.code == message.code
    return caught.value


# --- reading scans with Tesseract ------------------------------------------------------------


@needs_tesseract
def test_scanned_pdf_page_is_read_by_ocr(tmp_path: Path) -> None:
    extracted = extract_text(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert (extracted.converter, extracted.pages) == ("pdf+ocr", 1)
    assert all(word in squashed(extracted.text) for word in KEY_WORDS), extracted.text


@needs_tesseract
def test_mixed_pdf_keeps_the_text_layer_and_ocrs_only_the_scan(tmp_path: Path) -> None:
    extracted = extract_text(make_scanned_pdf(tmp_path / "mixed.pdf", text_page=TEXT_PAGE))
    assert (extracted.converter, extracted.pages) == ("pdf+ocr", 2)
    first, _, rest = extracted.text.partition("\n")
    assert first == TEXT_PAGE
    assert all(word in squashed(rest) for word in KEY_WORDS), extracted.text


@needs_tesseract
def test_png_scan_is_read_by_ocr(tmp_path: Path) -> None:
    extracted = extract_text(make_png(tmp_path / "scan.png"))
    assert (extracted.converter, extracted.pages) == ("image+ocr", 1)
    assert all(word in squashed(extracted.text) for word in KEY_WORDS), extracted.text


@needs_tesseract
def test_jpeg_without_extension_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(render_sentence().tobytes("jpg", jpg_quality=90))
    extracted = extract_text(path)
    assert extracted.converter == "image+ocr"
    assert all(word in squashed(extracted.text) for word in KEY_WORDS), extracted.text


@needs_tesseract
def test_every_frame_of_a_multi_page_tiff_is_read(tmp_path: Path) -> None:
    frames = [render_sentence(), render_sentence("행정정보 공개 목록 제2호")]
    extracted = extract_text(make_tiff(tmp_path / "scan.tif", frames))
    assert (extracted.converter, extracted.pages) == ("image+ocr", 2)
    assert "서울특별시" in squashed(extracted.text)
    assert "공개목록" in squashed(extracted.text)


# --- scans without Tesseract -----------------------------------------------------------------


def test_scanned_pdf_without_tesseract_needs_ocr(tmp_path: Path) -> None:
    path = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ExtractionError) as caught:
        pdf.convert(path, environ={"TESSERACT_BIN": str(tmp_path / "no-tesseract")})
    assert caught.value.code == messages.NEEDS_OCR.code
    assert "tesseract-ocr-kor" in caught.value.message_ko
    assert "no text layer" in caught.value.message_en


def test_mixed_pdf_without_tesseract_needs_ocr_rather_than_losing_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(tmp_path / "no-tesseract"))
    raises_code(messages.NEEDS_OCR, make_scanned_pdf(tmp_path / "mixed.pdf", text_page=TEXT_PAGE))


def test_image_without_tesseract_needs_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(tmp_path / "no-tesseract"))
    raises_code(messages.NEEDS_OCR, make_png(tmp_path / "scan.png"))


def test_tesseract_without_the_korean_model_needs_ocr(tmp_path: Path) -> None:
    environ = {"TESSERACT_BIN": str(fake_tesseract(tmp_path, languages="eng osd"))}
    with pytest.raises(ExtractionError) as caught:
        image.convert(make_png(tmp_path / "scan.png"), environ=environ)
    assert caught.value.code == messages.NEEDS_OCR.code


def test_empty_tessdata_folder_needs_ocr(tmp_path: Path) -> None:
    (tmp_path / "tessdata").mkdir()
    with pytest.raises(ExtractionError) as caught:
        pdf.convert(
            make_scanned_pdf(tmp_path / "scan.pdf"), environ={"TESSDATA_PREFIX": str(tmp_path / "tessdata")}
        )
    assert caught.value.code == messages.NEEDS_OCR.code


def test_text_pdf_never_needs_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(tmp_path / "no-tesseract"))
    path = tmp_path / "text.pdf"
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), TEXT_PAGE, fontname="korea")
    document.save(path)
    assert extract_text(path).converter == "pdf"


def test_blank_page_with_a_small_logo_is_not_a_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(tmp_path / "no-tesseract"))
    path = tmp_path / "cover.pdf"
    document = pymupdf.open()
    logo = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 40))
    document.new_page().insert_image(pymupdf.Rect(72, 72, 144, 144), pixmap=logo)
    document.save(path)
    extracted = extract_text(path)
    assert (extracted.converter, extracted.text) == ("pdf", "")


# --- how Tesseract is run, with a stand-in -----------------------------------------------------


def test_pdf_scan_is_ocred_in_korean_and_english_one_column_at_300_dpi(tmp_path: Path) -> None:
    environ = {"TESSERACT_BIN": str(fake_tesseract(tmp_path))}
    converted = pdf.convert(make_scanned_pdf(tmp_path / "scan.pdf"), environ=environ)
    assert converted.ocr
    arguments = converted.text.split()
    assert arguments[:2] == ["stdin", "stdout"]
    assert " ".join(arguments[2:]) == "-l kor+eng --psm 4 --dpi 300"


def test_tessdata_prefix_is_passed_to_tesseract(tmp_path: Path) -> None:
    environ = {"TESSERACT_BIN": str(fake_tesseract(tmp_path)), "TESSDATA_PREFIX": "/models"}
    converted = image.convert(make_png(tmp_path / "scan.png"), environ=environ)
    assert "--tessdata-dir /models" in converted.text


def test_tesseract_failing_is_ocr_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(fake_tesseract(tmp_path, ocr_exit=1)))
    raises_code(messages.OCR_FAILED, make_scanned_pdf(tmp_path / "scan.pdf"))


# --- hostile and broken images ---------------------------------------------------------------


def test_png_decompression_bomb_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(fake_tesseract(tmp_path)))
    path = make_png_bomb(tmp_path / "bomb.png")
    assert path.stat().st_size < 200_000
    error = raises_code(messages.IMAGE_TOO_LARGE, path)
    assert "100" in error.message_ko


def test_huge_image_on_a_pdf_page_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESSERACT_BIN", str(fake_tesseract(tmp_path)))
    raises_code(messages.IMAGE_TOO_LARGE, make_pdf_with_huge_image(tmp_path / "bomb.pdf"))


def test_file_named_png_that_is_not_an_image_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_text("사진이 아닙니다", encoding="utf-8")
    raises_code(messages.CORRUPT_FILE, path)
