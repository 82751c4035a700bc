"""Reading one page of a peer's changes feed over HTTP, bounded in time and size.

A peer is outside our control: it may refuse the connection, answer slowly or never, drip bytes
forever, answer HTML, or more than fits in memory. Every way of failing becomes a ``FederationError``
with the peer's address; nothing here writes anything.
"""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from sotong.federation.errors import (
    PEER_HTTP_STATUS,
    PEER_NOT_HTTP,
    PEER_NOT_JSON,
    PEER_TIMEOUT,
    PEER_TOO_LARGE,
    PEER_UNREACHABLE,
    FederationError,
)

MAX_PAGE_BYTES = 64 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
USER_AGENT = "sotong-harvester/1"


@dataclass(frozen=True)
class Limits:
    """How long one peer may take: to connect, between two reads, and in all for one run."""

    connect_seconds: float = 3.0
    read_seconds: float = 10.0
    total_seconds: float = 120.0
    max_page_bytes: int = MAX_PAGE_BYTES


def changes_url(base_url: str, *, since: str, limit: int) -> str:
    return f"{base_url.rstrip('/')}/api/v1/changes?{urlencode({'since': since, 'limit': limit})}"


def _connection(url: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    return kind(parts.hostname or "", parts.port, timeout=timeout)


def _remaining(deadline: float, url: str, limits: Limits) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FederationError(PEER_TIMEOUT, url=url, seconds=f"{limits.total_seconds:g}")
    return left


def _read_body(
    response: http.client.HTTPResponse, sock: Any, *, url: str, deadline: float, limits: Limits
) -> bytes:
    """The body, a chunk at a time: each read may wait ``read_seconds`` at most, all of them
    together no later than the run's deadline (a peer dripping a byte at a time is cut off)."""
    chunks: list[bytes] = []
    size = 0
    while not response.isclosed():  # closed, with its socket, once the whole body has been read
        sock.settimeout(min(limits.read_seconds, _remaining(deadline, url, limits)))
        chunk = response.read1(CHUNK_BYTES)  # one read from the socket: a drip cannot hold it
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_page_bytes:
            raise FederationError(PEER_TOO_LARGE, url=url, max_mb=limits.max_page_bytes // (1024 * 1024))
        chunks.append(chunk)
    return b"".join(chunks)


def _fetch(url: str, *, deadline: float, limits: Limits) -> bytes:
    connection = _connection(url, min(limits.connect_seconds, _remaining(deadline, url, limits)))
    try:
        try:
            connection.connect()
        except TimeoutError as error:
            raise FederationError(PEER_TIMEOUT, url=url, seconds=f"{limits.connect_seconds:g}") from error
        sock = connection.sock  # the connection forgets it once an HTTP/1.0 answer has begun
        sock.settimeout(min(limits.read_seconds, _remaining(deadline, url, limits)))
        parts = urlsplit(url)
        connection.request(
            "GET",
            f"{parts.path}?{parts.query}",
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )
        response = connection.getresponse()
        if response.status != 200:
            raise FederationError(PEER_HTTP_STATUS, url=url, status=response.status)
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise FederationError(PEER_NOT_JSON, url=url, reason=f"Content-Type {content_type or '-'}")
        return _read_body(response, sock, url=url, deadline=deadline, limits=limits)
    finally:
        connection.close()


def page_fetch(url: str, *, deadline: float, limits: Limits) -> Any:
    """The decoded JSON at ``url``; raises ``FederationError`` for every way a peer can fail."""
    try:
        body = _fetch(url, deadline=deadline, limits=limits)
    except TimeoutError as error:  # socket.timeout is TimeoutError since Python 3.10
        raise FederationError(PEER_TIMEOUT, url=url, seconds=f"{limits.read_seconds:g}") from error
    except http.client.RemoteDisconnected as error:  # closed without answering: as good as down
        raise FederationError(PEER_UNREACHABLE, url=url, reason="RemoteDisconnected") from error
    except http.client.HTTPException as error:  # a status line or headers that are not HTTP
        raise FederationError(PEER_NOT_HTTP, url=url, reason=type(error).__name__) from error
    except OSError as error:  # refused, reset, no route, unknown host, TLS
        raise FederationError(
            PEER_UNREACHABLE, url=url, reason=error.strerror or type(error).__name__
        ) from error
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise FederationError(PEER_NOT_JSON, url=url, reason="invalid JSON") from error
