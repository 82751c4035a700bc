"""One text shape for every converter, so that search and redaction see the same text.

Converters differ in line endings, Unicode forms (a Hangul syllable may arrive as decomposed
jamo) and stray control characters from the source format; this removes those differences.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls and DEL, except tab (table cells) and newline; \r is turned into \n first.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Trailing spaces carry no meaning but make a line look non-blank; tabs are kept (empty cells).
_TRAILING_SPACES = re.compile(r"[^\S\t\n]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no NULs or other controls, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROLS.sub("", text)
    text = _TRAILING_SPACES.sub("", text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")
