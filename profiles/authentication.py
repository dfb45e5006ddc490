"""Personal access tokens for the API: `Authorization: Bearer eet_...`."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from profiles import selectors, services


class AccessTokenAuthentication(TokenAuthentication):
    """DRF's header parsing (`Bearer <token>`); the token is looked up by its digest. An
    unknown, revoked or expired token is a 401 that does not say which of the three."""

    keyword = "Bearer"

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        now = timezone.now()
        token = selectors.access_token_get(token=key, now=now)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid or expired token.")
        services.access_token_mark_used(token=token, now=now)
        return token.user, token


class AccessTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes these tokens: HTTP bearer."""

    target_class = AccessTokenAuthentication
    name = "accessToken"
    priority = 1  # before drf-spectacular's own description of DRF's TokenAuthentication

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token (eet_...), made on the account page.",
        }
