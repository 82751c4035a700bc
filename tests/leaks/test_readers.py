"""The readers themselves: shown the originals, they must see every canary planted in them.

The leak tests pass when the readers find no secret in what the portal serves; that means something
only if the same readers find the secrets where they are. So the original PDFs (Info, XMP, a note, an
embedded file, text drawn with a CJK font), an earlier revision left in a file by an incremental
save, and a PNG's text chunk are read here, and every canary in them must come out. No database, no
pipeline: this runs in a second.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pymupdf
import pytest
from django.http import HttpResponse

from tests.leaks.corpus import METADATA, PII_IN_PDF, PUBLIC, write_folder
from tests.leaks.surfaces import crawl, links, readable_texts, sniff


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("originals")
    write_folder(folder)
    return folder


@pytest.mark.parametrize(("file", "which"), [("reply.pdf", "redacted PDF"), ("clean.pdf", "clean PDF")])
def test_every_canary_of_an_original_pdf_is_readable(originals: Path, file: str, which: str) -> None:
    content = (originals / file).read_bytes()
    assert sniff(content) == "pdf"
    texts = "\n".join(readable_texts(file, content, "application/pdf"))
    planted = {name: canary for name, canary in METADATA.items() if name.endswith(f"of the {which}")}
    assert len(planted) == 8
    assert [name for name, canary in planted.items() if canary not in texts] == []
    control = PUBLIC[
        "public text of the redacted PDF" if file == "reply.pdf" else "public text of the clean PDF"
    ]
    assert control in texts  # drawn with the CJK font: found through extraction, not in the bytes
    assert control.encode() not in content  # which is why a byte scan proves nothing
    if file == "reply.pdf":
        assert PII_IN_PDF.rrn in texts and PII_IN_PDF.address in texts


def test_an_earlier_revision_left_by_an_incremental_save_is_read(originals: Path, tmp_path: Path) -> None:
    path = tmp_path / "revised.pdf"
    path.write_bytes((originals / "clean.pdf").read_bytes())
    document = pymupdf.open(path)
    document.set_metadata({"author": "someone else"})
    document.del_xml_metadata()
    document.saveIncr()
    document.close()
    content = path.read_bytes()
    texts = "\n".join(readable_texts("revised.pdf", content, ""))
    assert "someone else" in texts
    # The first revision's author and XMP are no longer referenced, but still in the file's bytes.
    assert METADATA["author of the clean PDF"] in texts and METADATA["xmp of the clean PDF"] in texts


def test_a_png_text_chunk_is_read() -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"CNRYPNGCOMMENT"))
        + chunk(b"iTXt", b"Author\0\0\0\0\0CNRYPNGAUTHOR")
        + chunk(b"IDAT", zlib.compress(b"\0\0"))
        + chunk(b"IEND", b"")
    )
    texts = "\n".join(readable_texts("x.png", png, "image/png"))
    assert "CNRYPNGCOMMENT" in texts and "CNRYPNGAUTHOR" in texts


def test_html_json_and_links_are_read() -> None:
    page = b'<!doctype html><a href="/records/a/?x=1&amp;y=2">CNRY&#65;</a><img src="/p.png"><a href="https://elsewhere.example/">'
    texts = "\n".join(readable_texts("/", page, "text/html"))
    assert "CNRYA" in texts
    api = b'{"text": "\\uc548\\ub155", "url": "http://testserver/records/b/"}'
    assert "안녕" in "\n".join(readable_texts("/api", api, "application/json"))

    class FakeClient:
        def get(self, url: str) -> HttpResponse:
            if url == "/":
                return HttpResponse(page, content_type="text/html")
            if url == "/api":
                return HttpResponse(api, content_type="application/json")
            return HttpResponse(b"", status=404)

    visited = [url for url, _ in crawl(FakeClient(), ["/", "/api"])]  # type: ignore[arg-type]
    assert visited == ["/", "/api", "/records/a/?x=1&y=2", "/p.png", "/records/b/"]
    assert links("/", next(f for u, f in crawl(FakeClient(), ["/"]) if u == "/")) == [  # type: ignore[arg-type]
        "/records/a/?x=1&y=2",
        "/p.png",
    ]
