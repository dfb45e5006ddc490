"""Signed, expiring links sent by email: one to make an account for an address, one to
confirm the address of an existing account. Both last PASSWORD_RESET_TIMEOUT (three days by
default), like Django's password-reset links, and are signed with SECRET_KEY."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

SIGN_UP = "profiles.sign-up"
CONFIRM_ADDRESS = "profiles.confirm-address"


def sign_up_token(email: str) -> str:
    return signing.dumps(email, salt=SIGN_UP)


def email_of_sign_up_token(token: str) -> str | None:
    """The address the sign-up link was sent to; None when forged or expired."""
    value = _read(token, SIGN_UP)
    return value if isinstance(value, str) else None


def confirm_address_token(*, user_id: int, email: str) -> str:
    return signing.dumps([user_id, email], salt=CONFIRM_ADDRESS)


def confirms_address(token: str, *, user_id: int, email: str) -> bool:
    """Whether the link was sent to this account at this address (not an earlier one)."""
    return _read(token, CONFIRM_ADDRESS) == [user_id, email]


def _read(token: str, salt: str) -> object:
    try:
        return signing.loads(token, salt=salt, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:  # includes SignatureExpired
        return None
