"""Page pictures of a public PDF, for the portal's preview and the workbench's side-by-side view."""

from __future__ import annotations

from .source import opened_pdf


def pdf_previews(content: bytes, *, dpi: int = 96, max_pages: int = 200) -> list[bytes]:
    """PNG bytes of the first *max_pages* pages of *content*, without transparency."""
    with opened_pdf(content) as document:
        return [
            page.get_pixmap(dpi=dpi, alpha=False).tobytes("png")
            for page in document.pages(0, min(max_pages, document.page_count))
        ]
