"""Rendered page fragments and API answers kept in the shared cache, under a key that changes
whenever what they show could change: a cached answer is never stale, only recomputed less
often."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

#: A key changes with the data, so this only bounds how long an unused answer takes room.
CACHED_SECONDS = 3600

T = TypeVar("T")


def cached(key_parts: Iterable[object], compute: Callable[[], T]) -> T:
    """The value under `key_parts`, computed by `compute` when the cache has none."""
    digest = hashlib.sha256("\0".join(str(part) for part in key_parts).encode()).hexdigest()
    key = f"cached:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHED_SECONDS)
    return value


def cached_fragment(key_parts: Iterable[object], render: Callable[[], str]) -> SafeString:
    """The fragment under `key_parts`, rendered by `render` (a template of ours, escaped as
    every template is) when the cache has none."""
    return mark_safe(cached(key_parts, render))  # our own template's output, escaped
