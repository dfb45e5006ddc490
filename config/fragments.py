"""Rendered page fragments and API answers kept in the shared cache, under a key that changes
whenever what they show could change: a cached answer is never stale, only recomputed less
often."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django import forms
from django.core.cache import cache
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: A key changes with the data, so this only bounds how long an unused answer takes room.
CACHED_SECONDS = 3600
#: Pages of a list past this one are served but not cached: nobody pages that far.
CACHED_PAGES = 40

T = TypeVar("T")


def cached(key_parts: Iterable[object] | None, compute: Callable[[], T]) -> T:
    """The value under `key_parts`, computed by `compute` when the cache has none; computed
    and not kept when `key_parts` is None (an address not worth a place in the cache).

    The active language is part of every key: the same page or answer in French and in English
    are two entries, so nobody is served the other language's copy."""
    if key_parts is None:
        return compute()
    parts = [get_language(), *key_parts]
    digest = hashlib.sha256("\0".join(str(part) for part in parts).encode()).hexdigest()
    key = f"cached:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHED_SECONDS)
    return value


def cached_fragment(key_parts: Iterable[object] | None, render: Callable[[], str]) -> SafeString:
    """The fragment under `key_parts`, rendered by `render` (a template of ours, escaped as
    every template is) when the cache has none."""
    return mark_safe(cached(key_parts, render))  # our own template's output, escaped


def page_number(asked: str) -> int | None:
    """A page number as typed in an address (ASCII digits, as the pager reads them), or None."""
    return int(asked) if asked.isascii() and asked.isdigit() and len(asked) <= 9 else None


def cacheable_query(query: QueryDict, form: forms.Form) -> str | None:
    """The query string a page is cached under: its filter form's fields and the page number.
    None (serve the page, do not cache it) unless every parameter is a field of the valid form
    written as the page's own links write it (a choice, a checkbox's "on") or a page number up
    to `CACHED_PAGES`: anyone can vary an address, and the cache must hold at most one entry
    per page a person can choose."""
    page = page_number(query.get("page", "1"))
    if page is None or page > CACHED_PAGES:
        return None
    if not set(query) <= {*form.fields, "page"} or not form.is_valid():
        return None
    parts = [f"page={page}"]
    for name, field in form.fields.items():
        values = query.getlist(name)
        if not values:
            continue
        canonical = "on" if isinstance(field, forms.BooleanField) else str(form.cleaned_data[name])
        if values != [canonical]:
            return None
        parts.append(f"{name}={canonical}")
    return "&".join(parts)
