"""Extraction converters: one module per file format, chosen by what each declares it handles.

Callers need only ``extract_text`` and the types it returns or raises.
"""

from .errors import ExtractionError
from .registry import Extracted, extract_text

__all__ = ["Extracted", "ExtractionError", "extract_text"]
