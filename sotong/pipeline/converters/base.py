"""What a converter is: a declaration of what it handles (STYLE 7) and a function.

Declaring formats as data lets the registry rank converters for a file without asking each
converter's code, and lets a test read the declarations directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Handles:
    """The file names, MIME types and content signatures a converter accepts.

    ``magic`` are byte prefixes of the file; ``members`` are entry names that must all be present
    inside the container (ZIP members or OLE streams). ZIP is shared by DOCX, XLSX and HWPX, so the
    prefix alone cannot tell them apart; the members can.
    """

    extensions: frozenset[str]
    mime_types: frozenset[str]
    score: int
    magic: tuple[bytes, ...] = ()
    members: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Converted:
    """A converter's raw output, before the registry normalises the text.

    ``ocr`` says some of the text was read from pictures rather than a text layer: it may hold
    misread characters, so later stages can trust it less and a person can check it.
    """

    text: str
    pages: int | None = None
    ocr: bool = False


@dataclass(frozen=True)
class Converter:
    """A named converter; ``name`` is recorded with the text so a run says which one produced it."""

    name: str
    handles: Handles
    convert: Callable[[Path], Converted]
