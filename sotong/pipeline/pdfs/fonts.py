"""The Korean font public PDFs are typeset in, and a quicker-loading copy of it.

Text is drawn with fpdf2, never with PyMuPDF's ``insert_text``: fpdf2 embeds a subset of the font
and a ToUnicode map of only the glyphs it drew, while PyMuPDF's built-in CJK font keeps all 11,172
Hangul syllables in its map even after ``subset_fonts()``. A map holds no text, but a syllable that
appears in it and nowhere on the page was drawn once and removed: it would leak masked text.

fpdf2 parses the whole font for every document (about 0.55 s for the 3.5 MB Droid Sans Fallback,
most of it its 50,483 glyphs). A cut-down copy with the characters Korean documents use loads in
about half that; a text using anything else gets the full font, so nothing is drawn as a missing
glyph that the full font has. The copy is made once per machine (about 2 s) and kept in the
temporary directory.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

import pymupdf
from fontTools import subset, ttLib
from fpdf import FPDF

logger = logging.getLogger(__name__)

FONT_ENV = "SOTONG_PDF_FONT"
FAMILY = "korean"
# Bump when ``_quick_codepoints`` changes, so that old copies are not reused.
_QUICK_VERSION = b"quick-2"
_QUICK_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x1100, 0x11FF),  # Hangul jamo
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0xAC00, 0xD7A3),  # all 11,172 Hangul syllables
    (0xFF00, 0xFFEF),  # full-width forms
)


@lru_cache(maxsize=1)
def korean_font_path() -> Path:
    """``SOTONG_PDF_FONT`` (a TTF or OTF) if set, else PyMuPDF's Droid Sans Fallback (Apache-2.0)."""
    configured = os.environ.get(FONT_ENV)
    if configured:
        return Path(configured)
    buffer = pymupdf.Font("cjk").buffer
    path = _cache_dir() / f"{hashlib.sha256(buffer).hexdigest()[:16]}.ttf"
    if not path.is_file() or path.read_bytes() != buffer:
        _write_atomically(path, buffer)
    return path


def add_korean_font(pdf: FPDF, text: str) -> str:
    """Add the font to *pdf* for drawing *text* and return its family name.

    The quick copy is used unless *text* has a character only the full font can draw.
    """
    full = korean_font_path()
    quick = _quick_font()
    path = full
    if quick is not None:
        path, covered = quick
        missing = {ord(char) for char in text} - covered
        if missing and not missing.isdisjoint(_codepoints(full)):
            path = full
    pdf.add_font(FAMILY, fname=path)
    return FAMILY


@lru_cache(maxsize=1)
def _quick_font() -> tuple[Path, frozenset[int]] | None:
    full = korean_font_path()
    data = full.read_bytes()
    digest = hashlib.sha256(data + _QUICK_VERSION).hexdigest()[:16]
    path = _cache_dir() / f"{digest}-quick{full.suffix.lower() or '.ttf'}"
    if not path.is_file():
        try:
            _write_atomically(path, _cut_down(full))
        except Exception:  # fontTools raises many types; the full font still works, only slower
            logger.warning("could not make a quick copy of %s; using the full font", full, exc_info=True)
            return None
    return path, _codepoints(path)


def _cut_down(source: Path) -> bytes:
    # Glyph outlines are copied unchanged, so their bounds need no recomputing (3x quicker).
    font = ttLib.TTFont(source, recalcTimestamp=False, recalcBBoxes=False)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["kern", "vhea", "vmtx"]  # fpdf2 draws horizontally and does not kern
    options.name_IDs = ["*"]  # keep the font's names, its licence notice among them
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_quick_codepoints())
    subsetter.subset(font)
    target = io.BytesIO()
    font.save(target)
    return target.getvalue()


def _quick_codepoints() -> set[int]:
    """The ranges above and every character of KS X 1001, the set EUC-KR encodes: its 4,888 Hanja
    (the Hanja of Korean documents), symbols, Greek, Cyrillic, kana and box drawing."""
    codepoints = {code for first, last in _QUICK_RANGES for code in range(first, last + 1)}
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                codepoints.add(ord(bytes((lead, trail)).decode("euc_kr")))
            except UnicodeDecodeError:
                continue
    return codepoints


@lru_cache(maxsize=4)
def _codepoints(path: Path) -> frozenset[int]:
    font = ttLib.TTFont(path, lazy=True)
    return frozenset(font.getBestCmap() or ())


@lru_cache(maxsize=1)
def _cache_dir() -> Path:
    """A directory only this user can write, so that no one can plant a font for us to embed."""
    directory = Path(tempfile.gettempdir()) / "sotong-fonts"
    directory.mkdir(mode=0o700, exist_ok=True)
    status = directory.lstat()
    owned = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    if not stat.S_ISDIR(status.st_mode) or status.st_mode & 0o022 or not owned:
        return Path(tempfile.mkdtemp(prefix="sotong-fonts-"))
    return directory


def _write_atomically(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
        handle.write(data)
    Path(handle.name).replace(path)
