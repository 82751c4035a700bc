"""Choose a converter for a file and run it, so that callers never see a library's exception.

Each converter declares what it handles (``base.Handles``); a file earns a converter's score
when its extension or declared MIME type matches, or when its content carries the converter's
signature, and the signature doubles it. Content therefore outranks the name: a ``.hwp`` that
is really a ZIP with HWPX parts goes to the HWPX converter, whatever it is called. A signature
that is declared but absent leaves only the name's score, so the named converter still runs
and reports the file as damaged instead of as unsupported.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import olefile

from . import docx, hwp, hwpx, image, pdf, text, xlsx
from .base import Converted, Converter, Handles
from .errors import (
    CORRUPT_FILE,
    EMPTY_FILE,
    FILE_TOO_LARGE,
    FILE_UNREADABLE,
    UNSUPPORTED_FORMAT,
    ExtractionError,
)
from .normalise import normalise_text

MAX_FILE_BYTES = 100 * 1024 * 1024
# On a tie the earlier converter wins.
CONVERTERS: tuple[Converter, ...] = (
    pdf.CONVERTER,
    hwp.CONVERTER,
    hwpx.CONVERTER,
    docx.CONVERTER,
    xlsx.CONVERTER,
    image.CONVERTER,
    text.CONVERTER,
)
_HEAD_BYTES = 8


@dataclass(frozen=True)
class Extracted:
    """A file's text, which converter produced it, and its page count where the format has one.

    ``converter`` is the converter's name with ``+ocr`` when any of the text came from OCR
    (``pdf+ocr``, ``image+ocr``): such text is less certain than a text layer's.
    """

    text: str
    converter: str
    pages: int | None


@dataclass(frozen=True)
class Probe:
    """What is known about a file before converting it."""

    extension: str
    mime_type: str
    head: bytes
    members: frozenset[str]


def extract_text(path: Path, *, filename: str | None = None, mime_type: str | None = None) -> Extracted:
    """Extract normalised text from *path*; raise ``ExtractionError`` for anything unreadable.

    *filename* is the name the file was uploaded under (the stored path may have none);
    *mime_type* is what the uploader's browser declared.
    """
    _check_size(path)
    probe = probe_file(path, filename=filename or path.name, mime_type=mime_type)
    converter = select_converter(probe)
    converted = _run(converter, path)
    name = f"{converter.name}+ocr" if converted.ocr else converter.name
    return Extracted(text=normalise_text(converted.text), converter=name, pages=converted.pages)


def probe_file(path: Path, *, filename: str, mime_type: str | None) -> Probe:
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError as exc:
        raise ExtractionError(FILE_UNREADABLE, path=path.name) from exc
    return Probe(
        extension=Path(filename).suffix.lower().lstrip("."),
        mime_type=(mime_type or "").split(";")[0].strip().lower(),
        head=head,
        members=_container_members(path),
    )


def select_converter(probe: Probe) -> Converter:
    scored = [(score(converter.handles, probe), converter) for converter in CONVERTERS]
    best_score, best = max(scored, key=lambda pair: pair[0])  # max keeps the first of a tie
    if best_score == 0:
        raise ExtractionError(UNSUPPORTED_FORMAT, ext=f".{probe.extension}" if probe.extension else "?")
    return best


def score(handles: Handles, probe: Probe) -> int:
    named = probe.extension in handles.extensions or probe.mime_type in handles.mime_types
    if _has_signature(handles, probe):
        return handles.score * 2
    return handles.score if named else 0


def _has_signature(handles: Handles, probe: Probe) -> bool:
    # ``startswith(())`` is False, so a converter without magic (plain text) is never "signed".
    return probe.head.startswith(handles.magic) and handles.members <= probe.members


def _container_members(path: Path) -> frozenset[str]:
    """Entry names of a ZIP or OLE container (central directory only; nothing is unpacked)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as package:
                return frozenset(package.namelist())
        if olefile.isOleFile(str(path)):
            with olefile.OleFileIO(str(path)) as ole:
                return frozenset("/".join(entry) for entry in ole.listdir())
    # A broken container just shows no members: the converter its name picks then reports the
    # damage in words, which is the point of probing without failing.
    except Exception:
        return frozenset()
    return frozenset()


def _check_size(path: Path) -> None:
    """Refuse before reading: an empty upload or one too big to hold in memory."""
    if not path.is_file():
        raise ExtractionError(FILE_UNREADABLE, path=path.name)
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(EMPTY_FILE)
    if size > MAX_FILE_BYTES:
        raise ExtractionError(FILE_TOO_LARGE, limit_mb=MAX_FILE_BYTES // (1024 * 1024))


def _run(converter: Converter, path: Path) -> Converted:
    """Turn every failure inside a converter into the typed error (STYLE 8)."""
    try:
        return converter.convert(path)
    except ExtractionError:
        raise
    except Exception as exc:  # libraries raise anything from KeyError to zlib.error on bad input
        raise ExtractionError(CORRUPT_FILE, format=converter.name.upper()) from exc
