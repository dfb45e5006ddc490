"""Read an importer's input from a file path or an http(s) URL."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path

#: Reference data shipped in the repository (draws/data/README.md gives its provenance).
DATA_DIR = Path(__file__).resolve().parent / "data"
NOC_CSV = DATA_DIR / "noc_2021.csv"
NOC_COMMON_TITLES_CSV = DATA_DIR / "noc_2021_common_titles.csv"
IRCC_FEED_SNAPSHOT = DATA_DIR / "ee_rounds_123_en.json"
CATEGORIES_JSON = DATA_DIR / "categories.json"

#: No file an importer reads comes near this (IRCC's feed is under 1 MB in 2026); a larger
#: answer is not the file we asked for.
DEFAULT_MAX_BYTES = 20_000_000
_READ_SIZE = 64 * 1024
_USER_AGENT = "ee-tracker/1.0 (Express Entry eligibility tracker)"


class SourceError(Exception):
    """The input could not be read; the message says why. `http_status` when a server answered."""

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


@dataclass(frozen=True)
class Download:
    """What a server answered: 200 with the body, or 304 (not modified) with none."""

    http_status: int
    body: bytes
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.http_status == 304


def download(
    url: str,
    *,
    timeout: float,
    max_bytes: int = DEFAULT_MAX_BYTES,
    etag: str = "",
    last_modified: str = "",
) -> Download:
    """GET `url`, conditionally when a validator of an earlier answer is given.

    `timeout` bounds the whole download, not only each socket operation, so a server that
    drips bytes cannot hold a worker; a body over `max_bytes` is refused before it is read
    whole. Any failure is a SourceError naming the URL.
    """
    if not url.startswith(("http://", "https://")):  # urllib would also open file: URLs
        raise SourceError(f"Could not download {url}: only http(s) addresses are read")
    headers = {"User-Agent": _USER_AGENT, "Accept": "application/json"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http(s), checked above)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (checked above)
            body = _read_bounded(response, url, max_bytes=max_bytes, deadline=deadline)
            return Download(
                http_status=response.status,
                body=body,
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:  # urllib reports "not modified" as an error; it is the answer
            return Download(304, b"", error.headers.get("ETag", etag), last_modified)
        raise SourceError(
            f"Could not download {url}: HTTP {error.code} {error.reason}", http_status=error.code
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise SourceError(f"Could not download {url}: {reason}") from None


def _read_bounded(response: HTTPResponse, url: str, *, max_bytes: int, deadline: float) -> bytes:
    status = response.status
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise SourceError(
            f"Could not download {url}: {int(length):,} bytes announced, more than the "
            f"limit of {max_bytes:,}",
            http_status=status,
        )
    parts: list[bytes] = []
    size = 0
    # read1: at most one system call each, so the deadline is checked however slowly bytes come.
    while part := response.read1(_READ_SIZE):
        size += len(part)
        if size > max_bytes:
            raise SourceError(
                f"Could not download {url}: more than the limit of {max_bytes:,} bytes",
                http_status=status,
            )
        if time.monotonic() > deadline:
            raise SourceError(f"Could not download {url}: timed out", http_status=status)
        parts.append(part)
    return b"".join(parts)


def read_source(location: str, *, timeout: float = 30) -> bytes:
    if location.startswith(("http://", "https://")):
        return download(location, timeout=timeout).body
    path = Path(location)
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"Could not read {path}: {error.strerror or error}") from None
