"""What every public-PDF producer returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicPdf:
    """A PDF that may be published, with the text of each of its pages for the search index.

    ``method`` says how it was made, for the audit trail: "copied" (a scrubbed copy, nothing
    masked), "flattened" (redacted, then rebuilt from page images) or "image" (a scan re-encoded).
    """

    content: bytes
    page_texts: tuple[str, ...]
    method: str
