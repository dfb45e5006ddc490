"""The client's IP address, one rule for every limit that counts per client."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_ip(request: HttpRequest) -> str:
    """The address of the connection; with NUM_PROXIES trusted proxies in front of the site,
    the address the outermost of them saw in X-Forwarded-For.

    This is Django REST framework's rule (its NUM_PROXIES setting is ours), so the API's rate
    limit and login throttling (django-axes) count a client under the same address.
    """
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]  # a Django request: get_ident reads only its META
