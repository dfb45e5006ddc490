"""Read an importer's input from a file path or an http(s) URL."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path


class SourceError(Exception):
    pass


def read_source(location: str, *, timeout: float = 30) -> bytes:
    if location.startswith(("http://", "https://")):
        request = urllib.request.Request(location, headers={"User-Agent": "ee-tracker/1.0"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return bytes(response.read())
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SourceError(f"Could not download {location}: {error}") from None
    path = Path(location)
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"Could not read {path}: {error.strerror or error}") from None
