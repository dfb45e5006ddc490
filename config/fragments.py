"""Rendered page fragments kept in the shared cache, under a key that changes whenever what
they show could change: a cached fragment is never stale, only recomputed less often."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

#: A key changes with the data, so this only bounds how long an unused fragment takes room.
FRAGMENT_SECONDS = 3600


def cached_fragment(key_parts: Iterable[object], render: Callable[[], str]) -> SafeString:
    """The fragment under `key_parts`, rendered by `render` (a template of ours, escaped as
    every template is) when the cache has none."""
    digest = hashlib.sha256("\0".join(str(part) for part in key_parts).encode()).hexdigest()
    key = f"fragment:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # our own template's output, escaped when it was rendered
