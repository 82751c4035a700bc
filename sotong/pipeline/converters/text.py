"""Plain text files, which Korean public bodies still often save as CP949 (EUC-KR)."""

from __future__ import annotations

import codecs
from pathlib import Path

from .base import Converted, Converter, Handles
from .errors import UNKNOWN_ENCODING, ExtractionError

# A byte-order mark names the encoding outright; without one, UTF-8 is strict enough that a
# CP949 file almost never decodes as UTF-8 by accident, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GUESSES = ("utf-8", "cp949")


def decode(data: bytes) -> str:
    """Decode *data* by its BOM, else as UTF-8, else as CP949 (a superset of EUC-KR)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding)
    for encoding in _GUESSES:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(UNKNOWN_ENCODING)


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExtractionError(UNKNOWN_ENCODING) from exc


def convert(path: Path) -> Converted:
    return Converted(text=decode(path.read_bytes()))


CONVERTER = Converter(
    name="txt",
    handles=Handles(
        extensions=frozenset({"txt", "text"}),
        mime_types=frozenset({"text/plain"}),
        # Text has no signature, so anything whose content identifies it wins over the name.
        score=1,
    ),
    convert=convert,
)
