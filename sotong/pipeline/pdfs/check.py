"""The leak checker every public PDF passes before it is published.

A redaction fails in the place nobody looked, so the checker looks everywhere a masked string can
survive, each time with a reader that does not share the renderer's assumptions:

* the text, through two independent extractors (Poppler's ``pdftotext`` and pypdf), because each
  misses what the other reads: pdftotext reads nothing of a non-embedded Adobe-Korea1 font, pypdf
  ignores ``/ActualText``;
* the bytes, raw and with every stream decompressed (also streams no cross-reference table names,
  such as the objects an incremental update replaced; not image samples, which are pixels), in the
  encodings Korean text is stored in;
* every string object, the document information and XMP metadata;
* things a public PDF we produce never has (annotations, attachments, forms, scripts), whose mere
  presence is a problem, since their content is not reliably extractable;
* the fonts: a ``/ToUnicode`` map or an embedded font's ``cmap`` that covers characters never drawn
  tells which syllables the removed text contained (a subset made before redaction keeps the masked
  name's glyphs). Only counts are reported, never the characters.

Anything that cannot be read is a problem, never a pass: the checker fails closed. No detail ever
quotes a masked string or a character of one; masked spans are named by their index in ``masked``.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import shutil
import subprocess
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import pypdf
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from sotong.pipeline.pdfs.fontmaps import font_program_characters, to_unicode_characters

TEXT_PDFTOTEXT = "text:pdftotext"
TEXT_PYPDF = "text:pypdf"
RAW = "raw"
METADATA = "metadata"
ANNOTATIONS = "annotations"
EMBEDDED_FILES = "embedded_files"
FORMS = "forms"
JAVASCRIPT = "javascript"
FONTS = "fonts"
UNREADABLE = "unreadable"

MASKED_IN_TEXT = "masked span #{index} found in the extracted text"
MASKED_IN_RAW = "masked span #{index} found in the file's bytes or a decompressed stream"
MASKED_IN_STRING = "masked span #{index} found in a string or name object"
MASKED_IN_METADATA = "masked span #{index} found in the document information or XMP metadata"
UNDECODABLE_STREAMS = "{count} undecodable objects or streams were not searched"
EXTRACTOR_FAILED = "text extraction failed ({reason}); the text could not be checked"
CHECK_FAILED = "check failed ({reason}); this part could not be checked"
PRESENT = "{count} found; a public PDF carries none: render it again without them"
MAPPED_NOT_DRAWN = (
    "{count} characters mapped in ToUnicode maps but never drawn ({masked} of them in masked spans); "
    "subset the font to the drawn glyphs"
)
PROGRAM_NOT_DRAWN = (
    "{count} characters in embedded font programs' cmap but never drawn ({masked} of them in masked "
    "spans); subset the font to the drawn glyphs"
)
NOT_A_PDF = "not a PDF: no %PDF- header"
ENCRYPTED = "encrypted: the contents cannot be checked; publish it unencrypted"
CANNOT_PARSE = "cannot be parsed ({reason})"

PDFTOTEXT_TIMEOUT_S = 60
MIN_MASK_LENGTH = 2  # one syllable occurs everywhere: matching it would fail every document
MASK_CHARACTER = "*"
_MAX_STREAM_BYTES = 256 * 1024 * 1024
# Characters no extractor reports even when drawn: controls, format marks, separators, surrogates.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})


@dataclass(frozen=True)
class CheckProblem:
    """One reason not to publish: *where* names the place, *detail* never quotes masked text."""

    where: str
    detail: str


def pdf_check(content: bytes, *, masked: Sequence[str]) -> list[CheckProblem]:
    """What stops *content* from being published; empty if nothing. ``#n`` in a detail is ``masked[n]``."""
    try:
        reader = _open(content)
        inventory = _inventory(reader)
    except _Unreadable as exc:
        return [CheckProblem(UNREADABLE, str(exc))]
    except Exception as exc:  # a parser meeting hostile bytes may raise anything: never a pass
        return [CheckProblem(UNREADABLE, CANNOT_PARSE.format(reason=type(exc).__name__))]
    needles = _needles(masked)
    problems, drawn = _text_problems(content, reader, needles)
    problems += _guarded(RAW, lambda: _raw_problems(content, inventory, needles))
    problems += _guarded(METADATA, lambda: _metadata_problems(reader, inventory, needles))
    problems += [
        CheckProblem(where, PRESENT.format(count=n)) for where, n in sorted(inventory.present.items())
    ]
    problems += _guarded(FONTS, lambda: _font_problems(inventory, drawn, _mask_characters(masked)))
    return problems


def find_pdftotext() -> str | None:
    """``PDFTOTEXT_BIN`` names the program, otherwise ``PATH`` is searched; a wrong name means none."""
    named = os.environ.get("PDFTOTEXT_BIN")
    return shutil.which(named) if named else shutil.which("pdftotext")


class _Unreadable(Exception):
    pass


def _guarded(where: str, check: Callable[[], list[CheckProblem]]) -> list[CheckProblem]:
    """A check that crashes reports it, so one odd object cannot turn the whole result into a pass."""
    try:
        return check()
    except Exception as exc:  # fail closed, see above
        return [CheckProblem(where, CHECK_FAILED.format(reason=type(exc).__name__))]


def _open(content: bytes) -> pypdf.PdfReader:
    if b"%PDF-" not in content[:1024]:
        raise _Unreadable(NOT_A_PDF)
    reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
    if reader.is_encrypted:
        raise _Unreadable(ENCRYPTED)
    return reader


# --- masked strings ---------------------------------------------------------------------------


def _compact(text: str) -> str:
    """NFC without whitespace: a name broken over two lines, or spaced out, is still the name."""
    return "".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class _Needle:
    index: int
    compact: str
    forms: tuple[str, ...]  # as written (NFC) and compact: raw bytes keep the original spacing


def _needles(masked: Sequence[str]) -> list[_Needle]:
    needles = []
    for index, text in enumerate(masked):
        compact = _compact(text)
        if len(compact) < MIN_MASK_LENGTH or not compact.strip(MASK_CHARACTER):
            continue
        spaced = unicodedata.normalize("NFC", text).strip()
        needles.append(_Needle(index, compact, tuple(dict.fromkeys((spaced, compact)))))
    return needles


def _mask_characters(masked: Sequence[str]) -> set[str]:
    """Every character of every masked string, short ones too: a font may still betray one syllable."""
    return {character for text in masked for character in _compact(text)} - {MASK_CHARACTER}


def _found(needles: Sequence[_Needle], text: str) -> list[int]:
    compact = _compact(text)
    return [needle.index for needle in needles if needle.compact in compact]


# --- text ----------------------------------------------------------------------------------------


def _text_problems(
    content: bytes, reader: pypdf.PdfReader, needles: Sequence[_Needle]
) -> tuple[list[CheckProblem], str]:
    """Problems in the text each extractor sees, and all the text drawn (for the font check)."""
    extractors: list[tuple[str, Callable[[], str]]] = [(TEXT_PYPDF, lambda: _pypdf_text(reader))]
    binary = find_pdftotext()
    if binary is not None:
        extractors.insert(0, (TEXT_PDFTOTEXT, lambda: _pdftotext(binary, content)))
    problems: list[CheckProblem] = []
    drawn: list[str] = []
    for where, extract in extractors:
        try:
            text = extract()
        except Exception as exc:  # fail closed: unextractable text is unchecked text
            reason = str(exc) if isinstance(exc, _ExtractorFailed) else type(exc).__name__
            problems.append(CheckProblem(where, EXTRACTOR_FAILED.format(reason=reason)))
            continue
        drawn.append(text)
        problems += [CheckProblem(where, MASKED_IN_TEXT.format(index=i)) for i in _found(needles, text)]
    return problems, "\n".join(drawn)


class _ExtractorFailed(Exception):
    pass


def _pypdf_text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _pdftotext(binary: str, content: bytes) -> str:
    """Poppler reads the document from stdin: no temporary file to leave behind."""
    try:
        done = subprocess.run(  # noqa: S603 - our own argument list, no shell
            [binary, "-enc", "UTF-8", "-", "-"],
            input=content,
            capture_output=True,
            timeout=PDFTOTEXT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise _ExtractorFailed(f"pdftotext timed out after {PDFTOTEXT_TIMEOUT_S} s") from exc
    except OSError as exc:
        raise _ExtractorFailed("pdftotext could not be run") from exc
    if done.returncode != 0:
        raise _ExtractorFailed(f"pdftotext exited with status {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


# --- what the file holds ---------------------------------------------------------------------


@dataclass
class _Inventory:
    """Everything the checks search, gathered in one pass over every object of the file."""

    streams: dict[int, bytes] = field(default_factory=dict)  # decoded, by object number
    undecodable: int = 0
    strings: list[str] = field(default_factory=list)
    # Object numbers of the streams a key points at: a ToUnicode CMap need not say what it is.
    referenced: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    present: Counter[str] = field(default_factory=Counter)  # what a public PDF must not have


def _inventory(reader: pypdf.PdfReader) -> _Inventory:
    inventory = _Inventory()
    catalog = reader.root_object
    annotations = sum(len(page.get("/Annots") or ()) for page in reader.pages)
    if annotations:
        inventory.present[ANNOTATIONS] = annotations
    names = catalog.get("/Names") or {}
    inventory.present[EMBEDDED_FILES] += "/EmbeddedFiles" in names
    inventory.present[JAVASCRIPT] += "/JavaScript" in names
    inventory.present[FORMS] += "/AcroForm" in catalog
    # An explicit destination (fpdf2 writes [page /FitH null]) only sets the view; an action may run.
    inventory.present[JAVASCRIPT] += isinstance(catalog.get("/OpenAction"), DictionaryObject)
    for number, generation in _object_numbers(reader):
        try:
            item = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # the byte scan still sees what this object held
            inventory.undecodable += 1
            continue
        if isinstance(item, StreamObject):
            _add_stream(inventory, number, item)
        for node in _direct_nodes(item):
            _classify(inventory, node)
    inventory.present = +inventory.present  # drop the zero counts
    return inventory


def _object_numbers(reader: pypdf.PdfReader) -> Iterator[tuple[int, int]]:
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield number, generation
    for number in reader.xref_objStm:
        yield number, 0


def _add_stream(inventory: _Inventory, number: int, stream: StreamObject) -> None:
    if stream.get("/Subtype") == "/Image":
        return  # see _IMAGE_DICTIONARY
    try:
        data = stream.get_data()
    except Exception:  # counted and reported: an unsearched stream is never silently fine
        inventory.undecodable += 1
        return
    inventory.streams[number] = data
    if stream.get("/Type") == "/Metadata":
        inventory.referenced["/Metadata"].add(number)


def _direct_nodes(item: PdfObject | None) -> Iterator[PdfObject]:
    """*item* and what it holds directly; indirect objects are visited on their own."""
    stack = [item]
    while stack:
        node = stack.pop()
        if node is None or isinstance(node, IndirectObject):
            continue
        yield node
        if isinstance(node, DictionaryObject):
            stack.extend(node.keys())
            stack.extend(node.raw_get(key) for key in node)
        elif isinstance(node, ArrayObject):
            stack.extend(list.__iter__(node))  # unresolved: references stay references


def _classify(inventory: _Inventory, node: PdfObject) -> None:
    if isinstance(node, str | bytes):
        inventory.strings += _decodings(node)
        return
    if not isinstance(node, DictionaryObject):
        return
    kind = node.raw_get("/Type") if "/Type" in node else None
    inventory.present[JAVASCRIPT] += "/JS" in node or "/AA" in node or node.get("/S") == "/JavaScript"
    inventory.present[EMBEDDED_FILES] += "/EF" in node or "/AF" in node or kind == "/EmbeddedFile"
    inventory.present[FORMS] += "/FT" in node
    for key in _REFERENCED_STREAMS:
        reference = node.raw_get(key) if key in node else None
        if isinstance(reference, IndirectObject):
            inventory.referenced[key].add(reference.idnum)


_REFERENCED_STREAMS = ("/ToUnicode", "/FontFile2", "/FontFile3", "/Metadata")


def _decodings(node: str | bytes) -> list[str]:
    """A string object as text, in every encoding its bytes may have been meant in."""
    texts = [str(node)] if isinstance(node, str) else []
    if not isinstance(node, TextStringObject | ByteStringObject):
        return texts  # a name: pypdf has already decoded its #xx escapes
    raw = node.original_bytes
    encodings = ("utf-16",) if raw[:2] in (b"\xfe\xff", b"\xff\xfe") else ("utf-8", "cp949")
    for encoding in encodings:
        try:
            texts.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return texts


def _xmp_text(data: bytes) -> str:
    """XMP may be UTF-16 and may spell characters as XML references (``&#xD64D;``)."""
    encoding = "utf-16" if data[:2] in (b"\xfe\xff", b"\xff\xfe") else "utf-8"
    return html.unescape(data.decode(encoding, errors="replace"))


# --- raw bytes, string objects, metadata ----------------------------------------------------------


def _raw_problems(content: bytes, inventory: _Inventory, needles: Sequence[_Needle]) -> list[CheckProblem]:
    blobs = dict.fromkeys([content, *inventory.streams.values(), *_scanned_streams(content)])
    patterns = {needle.index: _byte_patterns(needle) for needle in needles}
    in_bytes = [i for i, forms in patterns.items() if any(form in blob for blob in blobs for form in forms)]
    in_strings = _found(needles, "\x00".join(_compact(text) for text in inventory.strings))
    problems = [CheckProblem(RAW, MASKED_IN_RAW.format(index=i)) for i in in_bytes]
    problems += [CheckProblem(RAW, MASKED_IN_STRING.format(index=i)) for i in in_strings]
    if inventory.undecodable:
        problems.append(CheckProblem(RAW, UNDECODABLE_STREAMS.format(count=inventory.undecodable)))
    return problems


def _byte_patterns(needle: _Needle) -> set[bytes]:
    """UTF-8, both UTF-16s, UTF-16BE in hex as PDF hex strings hold it (``<FEFF…>``), and CP949."""
    patterns = set()
    for form in needle.forms:
        big = form.encode("utf-16-be")
        patterns |= {
            form.encode(),
            big,
            form.encode("utf-16-le"),
            big.hex().encode(),
            big.hex().upper().encode(),
        }
        with contextlib.suppress(UnicodeEncodeError):  # emoji and rare Hanja have no CP949 code
            patterns.add(form.encode("cp949"))
    return patterns


_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
# Image samples are pixels, not text: no extractor reads them, and searching the pixels of flattened
# pages took nine tenths of the time (0.9 s for three 150 dpi pages and 50 masked strings). The
# file's own bytes, images included, are still searched as they are.
_IMAGE_DICTIONARY = re.compile(rb"/Subtype\s*/Image\b")


def _scanned_streams(content: bytes) -> Iterator[bytes]:
    """Flate streams found by scanning the bytes: also those of replaced or unreferenced objects."""
    for start in _STREAM_START.finditer(content):
        end = content.find(b"endstream", start.end())
        if end < 0:
            return
        dictionary = content[max(0, start.start() - 4096) : start.start()]
        if _IMAGE_DICTIONARY.search(dictionary[dictionary.rfind(b"obj") :]):
            continue
        try:
            yield zlib.decompressobj().decompress(content[start.end() : end], _MAX_STREAM_BYTES)
        except zlib.error:
            continue  # not Flate (an image, a font in another filter): pypdf decoded it if it is named


def _metadata_problems(
    reader: pypdf.PdfReader, inventory: _Inventory, needles: Sequence[_Needle]
) -> list[CheckProblem]:
    texts = _info_texts(reader)
    xmp = inventory.referenced["/Metadata"]
    texts += [_xmp_text(data) for number, data in inventory.streams.items() if number in xmp]
    found = _found(needles, "\x00".join(_compact(text) for text in texts))
    return [CheckProblem(METADATA, MASKED_IN_METADATA.format(index=i)) for i in found]


def _info_texts(reader: pypdf.PdfReader) -> list[str]:
    reference = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
    info = reference.get_object() if reference is not None else None
    if not isinstance(info, DictionaryObject):
        return []
    # A value may sit in its own object; the walk below would skip the reference.
    nodes = [node for key in info for node in _direct_nodes(info.raw_get(key).get_object())]
    return [text for node in nodes if isinstance(node, str | bytes) for text in _decodings(node)]


# --- fonts ---------------------------------------------------------------------------------------


def _font_problems(inventory: _Inventory, drawn_text: str, masked: set[str]) -> list[CheckProblem]:
    drawn = set(_compact(drawn_text))
    problems = []
    mapped: set[str] = set()
    programs: set[str] = set()
    for number, data in inventory.streams.items():
        if number in inventory.referenced["/ToUnicode"]:
            mapped |= to_unicode_characters(data)
        if number in inventory.referenced["/FontFile2"] | inventory.referenced["/FontFile3"]:
            programs |= font_program_characters(data)
    for characters, template in ((mapped, MAPPED_NOT_DRAWN), (programs, PROGRAM_NOT_DRAWN)):
        undrawn = {c for c in characters if _visible(c) and not _is_drawn(c, drawn)}
        if undrawn:
            problems.append(
                CheckProblem(FONTS, template.format(count=len(undrawn), masked=len(undrawn & masked)))
            )
    return problems


def _visible(character: str) -> bool:
    return character != "\ufffd" and unicodedata.category(character) not in _INVISIBLE_CATEGORIES


def _is_drawn(character: str, drawn: set[str]) -> bool:
    """Extractors may expand a ligature or a compatibility form (``ﬁ`` → ``fi``)."""
    if character in drawn:
        return True
    expanded = unicodedata.normalize("NFKC", character)
    return bool(expanded.strip()) and all(c in drawn or c.isspace() for c in expanded)
