"""Crawl every public surface, and read every response the way a person or a program could.

Why crawl instead of listing pages: a leak test that names its pages misses the page added next
month. The crawl starts from the home page, the error pages and the API, follows every same-site
link (``href``, ``src``, form ``action``, redirects, and URLs inside JSON), and so reaches every new
public surface the moment something links to it. A surface nothing links to (an export, a feed)
must be added to the start list of the tests — every later public surface joins this crawl.

Why "readable texts" instead of a byte scan: public files are PDFs we make, whose text sits in
compressed streams drawn with subset CID fonts (glyph ids, not characters), so a canary in a page's
text never appears in the file's bytes and a byte scan proves nothing. ``readable_texts`` therefore
turns each response into everything that can be read out of it: the text of HTML (also unescaped)
and JSON (also with its ``\\uXXXX`` escapes decoded); for a PDF what pdftotext and pypdf extract,
every object's strings and every stream decompressed (also the compressed streams of earlier
revisions that no cross-reference points at any more, found by scanning the bytes for ``stream``),
hex strings decoded, the Info and XMP metadata, and the raw bytes; for a PNG its text chunks and
its bytes. A PNG's pixels are checked by the tests instead: every preview must be exactly the
rendering of the public PDF it belongs to (which has been read here), and Tesseract (``ocr_texts``)
reads them, since a flattened page is an image whose text no extractor sees.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus, urljoin, urlsplit

import pypdf
from django.test import Client
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, StreamObject

SKIP_PREFIXES = ("/admin/", "/static/")
SEARCH_PATHS = ("/search/", "/search/feed/", "/api/v1/search")  # they echo the query back
_LINK = re.compile(r"""(?:href|src|action)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SITEMAP_LOC = re.compile(r"<loc>([^<]*)</loc>")
_HOSTS = ("", "testserver")
REQUIRE_ALL_VAR = "SOTONG_REQUIRE_ALL_SUITES"


@dataclass(frozen=True)
class Fetched:
    """One response, read whole (a download streams: its body is joined once, here)."""

    method: str
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return sniff(self.body, self.content_type)

    def texts(self, url: str) -> list[str]:
        return readable_texts(url, self.body, self.content_type, headers=self.headers)


def fetch(client: Client, url: str, *, method: str = "GET", **kwargs: Any) -> Fetched:
    """Request ``url`` without following redirects; errors stay responses (a 500 would raise)."""
    response = getattr(client, method.lower())(url, **kwargs)
    streaming = getattr(response, "streaming", False)
    body = b"".join(response.streaming_content) if streaming else response.content
    if streaming:
        response.close()
    return Fetched(
        method=method.upper(),
        status=response.status_code,
        content_type=response.get("Content-Type", ""),
        body=body,
        headers=dict(response.items()),
    )


def search_path(url: str) -> bool:
    return urlsplit(url).path in SEARCH_PATHS


def links(url: str, fetched: Fetched) -> list[str]:
    """Same-site URLs a response points at: HTML links, a redirect's target, URLs in JSON."""
    found: list[str] = []
    location = fetched.headers.get("Location")
    if location and 300 <= fetched.status < 400:
        found.append(location)
    if fetched.kind in ("html", "xml"):
        body = fetched.body.decode("utf-8", "replace")
        found += [html.unescape(a or b) for a, b in _LINK.findall(body)]
        found += [html.unescape(loc) for loc in _SITEMAP_LOC.findall(body)]
    elif fetched.kind == "json":
        found += [
            s for s in _json_strings(json.loads(fetched.body)) if s.startswith(("/", "http://", "https://"))
        ]
    result = []
    for link in found:
        absolute = urljoin(url, link.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in _HOSTS or "{" in parts.path:
            continue
        result.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return result


def crawl(
    client: Client, start: Iterable[str], *, limit: int = 800, search_limit: int = 60
) -> Iterator[tuple[str, Fetched]]:
    """Yield (url, response) for every same-site URL reachable from ``start`` (breadth first).

    Every start URL is fetched. Search pages found by following links (facet and pager links,
    which multiply: every filter combines with every other) are capped at ``search_limit``; the
    search pages the tests ask for are in ``start``.
    """
    seen: set[str] = set()
    queue: list[tuple[str, bool]] = [(url, True) for url in start]
    found_searches = 0
    while queue and len(seen) < limit:
        url, seeded = queue.pop(0)
        if url in seen or url.startswith(SKIP_PREFIXES):
            continue
        if not seeded and search_path(url):
            if found_searches >= search_limit:
                continue
            found_searches += 1
        seen.add(url)
        fetched = fetch(client, url)
        yield url, fetched
        queue += [(link, False) for link in links(url, fetched) if link not in seen]


# --- reading -------------------------------------------------------------------------------------


def sniff(body: bytes, content_type: str = "") -> str:
    """What a body is, by its signature first (a PDF served as text is still a PDF)."""
    if body.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if "json" in content_type or (body.lstrip()[:1] in (b"{", b"[") and _is_json(body)):
        return "json"
    if "html" in content_type or body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        return "html"
    if "xml" in content_type or body.lstrip()[:5] == b"<?xml":  # feeds, sitemaps
        return "xml"
    if content_type.startswith("text/") or not content_type:
        return "text"
    return "binary"


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def readable_texts(
    url: str, body: bytes, content_type: str, *, headers: Mapping[str, str] | None = None
) -> list[str]:
    """Every text a person or a program could read from a response (or a stored file)."""
    texts = [f"{name}: {value}" for name, value in (headers or {}).items()]
    kind = sniff(body, content_type)
    if kind == "pdf":
        texts += pdf_texts(body)
    elif kind == "png":
        texts += png_texts(body)
    elif kind == "binary":
        texts.append(body.decode("latin-1"))
    else:
        decoded = body.decode("utf-8", "replace")
        texts += [decoded, html.unescape(decoded), unquote_plus(html.unescape(decoded))]
        if kind == "json":
            texts.append(json.dumps(json.loads(body), ensure_ascii=False))
    return texts


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def pdftotext_available() -> bool:
    """pdftotext (poppler) reads a PDF as most readers do; CI (``SOTONG_REQUIRE_ALL_SUITES``) must have it."""
    if shutil.which("pdftotext"):
        return True
    if os.environ.get(REQUIRE_ALL_VAR):
        raise AssertionError(
            "pdftotext가 없습니다(poppler-utils 설치 필요) / pdftotext is missing: install poppler-utils"
        )
    return False


def pdftotext_run(body: bytes) -> tuple[str, str] | None:
    """pdftotext's (text, complaints) for a PDF, or None where it is not installed (allowed outside CI)."""
    if not pdftotext_available():
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(body)
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False, timeout=60
        )
    return done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def pdftotext(body: bytes) -> str | None:
    """pdftotext's text of a PDF, or None where it is not installed."""
    run = pdftotext_run(body)
    return None if run is None else run[0]


def pdftotext_blind(complaints: str) -> bool:
    """pdftotext cannot read a non-embedded CJK font without poppler-data's language pack (it says
    so, and extracts nothing): pypdf is then the only text reader of that file."""
    return "Missing language pack" in complaints


def pypdf_text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_texts(body: bytes) -> list[str]:
    texts = [pypdf_text(body)]
    extracted = pdftotext(body)
    if extracted is not None:
        texts.append(extracted)
    reader = pypdf.PdfReader(io.BytesIO(body))
    if reader.metadata:
        texts.append("\n".join(f"{key}: {value}" for key, value in reader.metadata.items()))
    root = reader.root_object
    metadata = root.get("/Metadata")
    if metadata is not None:
        texts += _decodings(metadata.get_object().get_data())
    for obj in _all_objects(reader):
        texts += _object_texts(obj)
    texts += _raw_stream_texts(body)
    texts.append(body.decode("latin-1"))
    return texts


def _all_objects(reader: pypdf.PdfReader) -> Iterator[Any]:
    """Every object the cross-reference tables list, in object streams too."""
    numbers: set[tuple[int, int]] = set()
    for generation, table in reader.xref.items():
        numbers.update((number, generation) for number in table)
    numbers.update((number, 0) for number in reader.xref_objStm)
    for number, generation in sorted(numbers):
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # a broken object is still scanned as raw bytes below
            continue
        if obj is not None:
            yield obj


def _object_texts(obj: Any) -> list[str]:
    texts: list[str] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            continue  # listed on its own by ``_all_objects``
        if isinstance(item, StreamObject):
            if item.get("/Subtype") != "/Image":  # pixels are not text; previews are checked whole
                try:
                    texts += _decodings(item.get_data())
                except Exception:  # undecodable: the raw scan still reads its bytes
                    texts += _decodings(item._data)
            stack += list(item.values())
        elif isinstance(item, DictionaryObject):
            stack += list(item.keys()) + list(item.values())
        elif isinstance(item, ArrayObject):
            stack += list(item)
        elif isinstance(item, ByteStringObject):
            texts += _decodings(bytes(item))
        elif isinstance(item, str):  # TextStringObject, NameObject
            texts.append(str(item))
    return texts


_STREAM = re.compile(rb"stream\r?\n")
_HEX = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")
MAX_STREAM = 8 * 1024 * 1024


def _raw_stream_texts(body: bytes) -> list[str]:
    """Inflate every ``stream`` in the bytes, listed or not: an incremental update or a careless
    rewrite can leave an old revision's compressed objects in the file, unreachable but there."""
    texts = []
    for match in _STREAM.finditer(body):
        if b"/Image" in body[max(0, match.start() - 400) : match.start()]:
            continue
        try:
            inflated = zlib.decompressobj().decompress(body[match.end() :], MAX_STREAM)
        except zlib.error:
            continue
        if inflated:
            texts += _decodings(inflated)
    return texts


def _decodings(data: bytes) -> list[str]:
    """Bytes as text every way they could be meant: latin-1; UTF-16-BE when they look like it
    (a BOM, or many zero high bytes); and the ``<hex>`` strings in them decoded the same ways."""
    texts = [data.decode("latin-1")]
    if _looks_utf16(data):
        texts.append(data.decode("utf-16-be", "ignore"))
    for hex_string in _HEX.findall(data[:MAX_STREAM]):
        digits = re.sub(rb"\s", b"", hex_string)
        if len(digits) % 2:
            digits += b"0"
        raw = bytes.fromhex(digits.decode())
        texts.append(raw.decode("latin-1"))
        if len(raw) % 2 == 0:
            texts.append(raw.decode("utf-16-be", "ignore"))
    return texts


def _looks_utf16(data: bytes) -> bool:
    if data.startswith(b"\xfe\xff"):
        return True
    sample = data[:4096]
    return len(sample) >= 4 and sample[0::2].count(0) >= len(sample) // 4


def png_texts(body: bytes) -> list[str]:
    """A PNG's text chunks (tEXt, zTXt, iTXt, eXIf) and its bytes; pixels are checked by rendering."""
    texts = [body.decode("latin-1")]
    position = 8
    while position + 8 <= len(body):
        (length,) = struct.unpack(">I", body[position : position + 4])
        kind = body[position + 4 : position + 8]
        data = body[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"tEXt":
            texts.append(data.decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = data.partition(b"\0")
            texts.append(key.decode("latin-1") + ": " + zlib.decompress(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = data.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _language, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            text = zlib.decompress(text) if compressed else text
            texts.append(key.decode("latin-1") + ": " + text.decode("utf-8", "replace"))
        elif kind == b"eXIf":
            texts += _decodings(data)
    return texts


def tesseract_available() -> bool:
    """Tesseract reads the previews' pixels; CI (``SOTONG_REQUIRE_ALL_SUITES``) must have it."""
    if shutil.which("tesseract"):
        return True
    if os.environ.get(REQUIRE_ALL_VAR):
        raise AssertionError("tesseract가 없습니다 / tesseract is missing: install tesseract-ocr")
    return False


def ocr_texts(images: list[bytes]) -> list[str] | None:
    """What Tesseract reads in each PNG (English model: the canaries are ASCII), one process per
    core; None where Tesseract is not installed (allowed outside CI)."""
    if not tesseract_available():
        return None
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(image: bytes) -> str:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "eng"],
            input=image, capture_output=True, check=False, timeout=120, env=environment,
        )  # fmt: skip
        return done.stdout.decode("utf-8", "replace")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(read, images))


def store_texts(root: Path) -> dict[str, list[str]]:
    """Every file under ``root`` (the public store), read by what it is, keyed by its path."""
    return {
        str(path.relative_to(root)): readable_texts(str(path), path.read_bytes(), "")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
