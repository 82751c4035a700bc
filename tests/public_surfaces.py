"""Crawl every public surface from the home page, so a leak test cannot forget a page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from django.test import Client

_LINK = re.compile(r'(?:href|src)="([^"#]+)"')
SKIP_PREFIXES = ("/admin/", "/static/")


def crawl(client: Client, start: list[str], *, limit: int = 500) -> Iterator[tuple[str, bytes]]:
    """Yield (url, body) for every same-site page reachable from ``start``."""
    seen: set[str] = set()
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        yield url, body
        if "html" in response.get("Content-Type", ""):
            for link in _LINK.findall(body.decode("utf-8", "replace")):
                absolute = urljoin(url, link.replace("&amp;", "&"))
                parts = urlsplit(absolute)
                if not parts.netloc or parts.netloc == "testserver":
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
