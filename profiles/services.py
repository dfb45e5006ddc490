"""Writes for users and candidate profiles."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from profiles import selectors, tokens
from profiles.access_tokens import SHOWN_CHARACTERS, new_token, token_digest
from profiles.models import AccessToken, CandidateProfile, User

#: Emails one address may be sent from the sign-up and confirmation forms in an hour: enough
#: for a person who lost one, too few to flood a stranger's mailbox through the site.
EMAILS_PER_ADDRESS_PER_HOUR = 3


@transaction.atomic
def user_sign_up(*, email: str, password: str, language: str = settings.LANGUAGE_CODE) -> User:
    """Make the account of an address whose owner followed the sign-up link, confirmed, with
    its empty profile: "Create my account" is the explicit action that makes both. `language`:
    the one the person was reading the site in."""
    user = User.objects.create_user(
        email=email, password=password, email_verified_at=timezone.now(), language=language
    )
    CandidateProfile.objects.create(user=user)
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Save the language of `user`'s pages and emails (one of settings.LANGUAGES)."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def sign_up_requested(*, email: str) -> None:
    """Email the address a link to choose a password or, when it has an account already, a
    note that someone tried to sign up with it. The form answers the same either way, so it
    tells nobody which addresses have accounts."""
    language = selectors.user_language(email=email)
    if language is not None:  # the account owner's language, not the visitor's
        _send(email, "registration/sign_up_taken", {"login_url": _url("login")}, language)
    else:
        link = _url("signup_confirm", tokens.sign_up_token(email))
        _send(email, "registration/sign_up_link", {"link": link})


def address_confirmation_send(*, user: User) -> None:
    """Email the account's address a link that confirms it (accounts older than sign-up
    links, or whose address staff changed)."""
    token = tokens.confirm_address_token(user_id=user.pk, email=user.email)
    link = _url("address_confirm", token)
    _send(user.email, "registration/confirm_address", {"link": link}, user.language)


def user_confirm_address(*, user: User) -> None:
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account; the profile, its entries, its results and its sessions go with it
    (CASCADE)."""
    user.delete()


def profile_get_or_create(*, user: User) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_section_save(*, profile: CandidateProfile, form: Any, formsets: Iterable[Any]) -> None:
    """Save one section (a form and/or formsets, already valid) as one transaction, and mark
    the profile as changed so stored results older than this are known to be stale."""
    if form is not None:
        form.save()
    for formset in formsets:
        formset.save()
    profile.save(update_fields=["updated_at"])


def access_token_create(
    *, user: User, name: str, expires_at: datetime | None
) -> tuple[AccessToken, str]:
    """Make a token for `user`; returns the row and the token, which is shown once and kept
    nowhere (the row holds its digest)."""
    token = new_token()
    row = AccessToken.objects.create(
        user=user,
        name=name,
        digest=token_digest(token),
        prefix=token[:SHOWN_CHARACTERS],
        expires_at=expires_at,
    )
    return row, token


def access_token_revoke(*, user: User, public_id: uuid.UUID) -> bool:
    """Delete `user`'s token with this id; False when they have none such (someone else's
    token is left alone)."""
    deleted, _ = AccessToken.objects.filter(user=user, public_id=public_id).delete()
    return deleted > 0


def access_token_mark_used(*, token: AccessToken, now: datetime) -> None:
    """Record when a token was last used, at most once a minute (a write per request would
    cost more than the request)."""
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _send(email: str, template: str, context: dict[str, Any], language: str | None = None) -> None:
    """Send `template`_subject.txt / _email.txt to the address, unless it was sent
    EMAILS_PER_ADDRESS_PER_HOUR emails already (counted in the shared cache). In `language`
    (an account's), else in the active one (the visitor's, for an address with no account)."""
    key = "account-emails:" + hashlib.sha256(email.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        sent_before = cache.incr(key) - 1
    except ValueError:  # the hour ended between the two calls
        sent_before = 0
        cache.set(key, 1, timeout=3600)
    if sent_before >= EMAILS_PER_ADDRESS_PER_HOUR:
        return
    context = {**context, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        message = render_to_string(f"{template}_email.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[email])
