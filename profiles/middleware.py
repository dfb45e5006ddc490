"""The signed-in person's own language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class AccountLanguageMiddleware:
    """A signed-in person sees the site in the language saved on their account.

    LocaleMiddleware has already chosen a language from the cookie or the browser; the account
    wins, so the same person gets the same language on every device, as their emails do. The
    switcher saves the choice on the account (profiles.views.language_set), so the two never
    disagree for long. LocaleMiddleware's response half then labels the answer with this
    language (Content-Language).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language
            if translation.check_for_language(language) and language != request.LANGUAGE_CODE:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
