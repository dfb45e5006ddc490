"""Project-wide request guards."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control


class RejectNullCharactersInQueryMiddleware:
    """An address holding a NUL character, in its path or its query string, gets a 400.

    PostgreSQL cannot store or compare text containing NUL, so such a value reaching a query
    (an admin list filter such as `?status__exact=%00`, a draw number `/draws/397%00/`) would
    fail as a 500. Forms already refuse NUL at the field (Django's
    ProhibitNullCharactersValidator); addresses have no field to report it on, and no real link
    carries one. The API answers it in its own JSON shape, naming the parameter.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = self._nul_at(request)
        if where is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = "must not contain a NUL character"
            return JsonResponse({"errors": {where: message}}, status=400)
        return HttpResponseBadRequest(
            "The address contains a NUL character, which no page accepts.",
            content_type="text/plain; charset=utf-8",
        )

    @staticmethod
    def _nul_at(request: HttpRequest) -> str | None:
        """The query parameter holding a NUL, "request" when the path or a parameter's name
        does, None when nothing does."""
        if "\x00" in request.path:
            return "request"
        for key, values in request.GET.lists():
            if "\x00" in key:
                return "request"
            if any("\x00" in value for value in values):
                return key
        return None


class NoStoreForSignedInUsersMiddleware:
    """Every page served to a signed-in person is `Cache-Control: private, no-store`.

    Such a page shows their data (at the least, their address in the header), so neither a
    shared cache nor the browser's disk may keep it. Pages whose address carries a secret
    (sign-up links) and the API's answers mark themselves the same way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
