"""The engine's fingerprint, stored with every result: a digest of the source of the rules and
of the adapter that feeds them, so that any change to a rule makes older results stale without
anyone remembering to bump a version."""

from __future__ import annotations

import hashlib
from pathlib import Path

ELIGIBILITY_DIR = Path(__file__).resolve().parents[1]
#: What decides a stored answer besides the data: the engine and how profiles become candidates.
ENGINE_SOURCES = (ELIGIBILITY_DIR / "rules", ELIGIBILITY_DIR / "adapters.py")
FINGERPRINT_LENGTH = 20  # EligibilityResult.engine_version holds 20 characters


def engine_fingerprint(sources: tuple[Path, ...] = ENGINE_SOURCES) -> str:
    """A digest of every Python file of `sources` (folders are read without recursion), by
    name and content. The compiled engine is built from these files and refuses to load when
    older than one of them, so the source stands for the build."""
    digest = hashlib.sha256()
    for source in sources:
        files = sorted(source.glob("*.py")) if source.is_dir() else [source]
        for path in files:
            digest.update(f"{path.relative_to(source.parent)}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


ENGINE_FINGERPRINT = engine_fingerprint()
