"""Personal-information detectors: plain functions over text, no Django (like the converters).

``detect(text, public=...)`` returns the findings; ``mask_text`` blanks spans without moving
offsets. Each kind lives in its own small module; ``engine`` runs them and settles overlaps.
"""

from __future__ import annotations

from .engine import detect, mask_text
from .findings import AUTO_MASK_KINDS, KINDS, Finding
from .public import PublicContacts

__all__ = ["AUTO_MASK_KINDS", "KINDS", "Finding", "PublicContacts", "detect", "mask_text"]
