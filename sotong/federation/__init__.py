"""Federation: a city portal harvests district and institution instances of Sotong.

Private (never imported by public code). Each peer's changes feed (``GET /api/v1/changes``) is read
page by page; every item is validated strictly, scanned once more for personal information, and
written into the publication layer with its peer's stable public id and its origin. Files are not
copied: a harvested record links to its peer. See docs/federation.md and decision 0008.
"""
