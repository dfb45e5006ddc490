"""Personal access tokens for the API: how they look and how they are kept.

A token is `eet_` and 43 random URL-safe characters (256 bits). Only its SHA-256 digest is
stored: a token this random cannot be guessed from its digest, so no slow hash is needed, and
a digest finds its row through a unique index.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "eet_"  # noqa: S105 (a marker that says what a token is, not a secret)
#: Characters of the token shown in the list of tokens, to tell them apart.
SHOWN_CHARACTERS = 8
#: Tokens one person may hold at once.
MAX_TOKENS_PER_USER = 20


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
