"""A real HTTP server on 127.0.0.1 for the sync tests: it serves whatever answer the test sets,
honours conditional GETs with an ETag like canada.ca does, and records the requests it got."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from draws.sources import IRCC_FEED_SNAPSHOT


@dataclass
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before answering


@dataclass
class FeedServer:
    answer: Answer
    requests: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def serve(self, body: bytes, **options: Any) -> None:
        self.answer = Answer(body, **options)


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(dict(self.headers.items()))
            answer = server.answer
            time.sleep(answer.delay)
            etag = f'"{hashlib.sha256(answer.body).hexdigest()[:16]}"'
            if answer.status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            if answer.status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output clean

    return Handler


@contextmanager
def feed_server(body: bytes) -> Iterator[FeedServer]:
    """Serve `body` at http://127.0.0.1:<free port>/ee_rounds_123_en.json until the block ends."""
    state = FeedServer(Answer(body))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/ee_rounds_123_en.json"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def snapshot_rounds() -> list[dict[str, str]]:
    return list(json.loads(IRCC_FEED_SNAPSHOT.read_bytes())["rounds"])


def feed_bytes(rounds: list[dict[str, str]]) -> bytes:
    return json.dumps({"classes": "wb-tables", "rounds": rounds}).encode()


def new_round(number: str, name: str, **fields: str) -> dict[str, str]:
    """A round as IRCC would publish it, modelled on round 421 (physicians, 2026-06-24)."""
    model = next(r for r in snapshot_rounds() if r["drawNumber"] == "421")
    return {**model, "drawNumber": number, "drawName": name, **fields}


# Round 440 as third-party copies of the feed report it (the shipped snapshot ends at 437).
PHYSICIANS_440 = {
    "drawDate": "2026-09-03",
    "drawDateFull": "September 3, 2026",
    "drawSize": "229",
    "drawCRS": "198",
    "drawDateTime": "September 3, 2026 at 14:10:05 UTC",
    "drawCutOff": "August 20, 2026 at 10:00:00 UTC",
}
