"""A peer under the test's control: a real HTTP server on loopback, in a thread, that answers the
changes feed from a list of items or misbehaves as told. A peer's misbehaviour is outside our
control, so a small fake is the honest way to test it."""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sotong.core.public_ids import public_id_for_source


@dataclass
class Answer:
    status: int = 200
    content_type: str = "application/json"
    body: bytes = b""
    delay: float = 0.0  # before the status line
    drip: float | None = None  # send the body a byte at a time, this far apart, forever


@dataclass
class FakePeer:
    """Serves ``items`` as a Sotong feed (cursor = how many items were sent so far), unless
    ``answer`` is set: then every request gets what it returns."""

    base_url: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)
    answer: Callable[[str, int], Answer] | None = None
    requests: list[str] = field(default_factory=list)  # the `since` of each request

    def feed(self, since: str, limit: int) -> Answer:
        start = int(since or 0)
        page = self.items[start : start + limit]
        body = {
            "items": page,
            "next": str(start + len(page)) if page else since,
            "more": start + limit < len(self.items),
        }
        return Answer(body=json.dumps(body).encode())

    def respond(self, path: str) -> Answer:
        query = parse_qs(urlsplit(path).query)
        since, limit = query.get("since", [""])[0], int(query.get("limit", ["100"])[0])
        self.requests.append(since)
        return (self.answer or self.feed)(since, limit)

    def item(self, n: int, organization: str = "마포구", **fields: Any) -> dict[str, Any]:
        """What a Sotong instance with the id prefix ``mapo`` answers for one record."""
        public_id = fields.pop("id", None) or public_id_for_source(
            instance="mapo", organization=organization, source_id=str(n)
        )
        page = f"{self.base_url}/records/{public_id}/"
        item = {
            "id": public_id, "title": f"마포구 문서 {n}", "registration_number": f"주택과-{n}",
            "organization": organization, "department": "주택과", "department_path": "주택과",
            "info_type": "결재문서", "grade": "공개", "listing": "graded", "grounds": [], "reason": "",
            "opens_on": None, "no_opening_reason": "", "date": "2021-02-10", "retention_period": "5년",
            "task_card": "공동주택 관리", "original_url": "", "licence": "",
            "approval_line": [{"role": "결재", "position": "주택과장", "name": "박지호"}],
            "files": [{"name": "본문.pdf", "role": "body", "size": 1234, "sha256": "ab" * 32, "url": f"{page}files/0/"}],
            "text": f"층간소음 민원 처리 결과 {n}", "url": page, "origin": "", "origin_url": "",
        }  # fmt: skip
        return {**item, **fields}


def _handler(fake: FakePeer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer = fake.respond(self.path)
            time.sleep(answer.delay)
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            if answer.drip is None:
                self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            try:
                if answer.drip is None:
                    self.wfile.write(answer.body)
                    return
                while True:  # until the harvester hangs up
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(answer.drip)
            except OSError:
                pass

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    return Handler


@contextmanager
def fake_peer() -> Iterator[FakePeer]:
    fake = FakePeer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def not_http_server() -> Iterator[str]:
    """Something listening that does not speak HTTP."""

    class Garbage(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            self.request.sendall(b"\x00\x01 hello, not HTTP\r\n\r\n")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Garbage)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
