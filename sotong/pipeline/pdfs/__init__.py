"""Public PDFs: producers that write only what may be published (text, redacted pages, scans)."""
