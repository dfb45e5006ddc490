"""What every endpoint of the API shares (the error shape, the request bounds, the rate
limits, paging), and POST /api/v1/evaluate: the candidate JSON in, the same verdict as
`evaluate_candidate` out.

Every error, whatever refused the request, answers in one JSON shape: `{"errors": {where:
message}}`, where `where` is a field of the candidate or a query parameter (`on`, `draw`,
`page`...), `body` (the request body itself) or `request` (rate limit, method, credentials).
"""

from __future__ import annotations

from typing import Any

import orjson
from django.conf import settings
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView, exception_handler

from eligibility.candidate_json import CandidateFormatError
from eligibility.serializers import (
    CandidateSerializer,
    ErrorsSerializer,
    EvaluateQuerySerializer,
    VerdictSerializer,
)
from eligibility.verdicts import verdict_for_json

#: A candidate with twenty jobs, tests and credentials takes a few kilobytes.
MAX_BODY_BYTES = 64 * 1024
#: The candidate format nests four levels deep (candidate, spouse, work, a job).
MAX_JSON_DEPTH = 10

IMPROVEMENTS_FLAG = {"": False, "0": False, "false": False, "1": True, "true": True}


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = format_lazy(
        _("The body is larger than {limit} KiB."), limit=MAX_BODY_BYTES // 1024
    )


def json_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` levels deep (without recursion)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if not isinstance(item, dict | list):
            continue
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)
    return False


def bounded_json(content: bytes, what: str) -> Any:
    """`content` decoded, or ValueError saying why not (`what` names it: "body", "file"):
    not JSON, or nested deeper than MAX_JSON_DEPTH. orjson stops at its own recursion limit
    with an error where the standard library overflowed the stack."""
    try:
        data = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        raise ValueError(
            _("The %(what)s is not valid JSON: %(error)s") % {"what": what, "error": error}
        ) from None
    if json_depth_exceeds(data, MAX_JSON_DEPTH):
        raise ValueError(
            _("The JSON nests deeper than %(limit)s levels.") % {"limit": MAX_JSON_DEPTH}
        )
    return data


class BoundedJSONParser(BaseParser):
    """JSON within `bounded_json`'s limits; a 400 otherwise."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return bounded_json(stream.read(), "body")
        except ValueError as error:
            raise exceptions.ParseError(str(error)) from None


def errors_as_json(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answer to `exc` (status and headers, such as Retry-After), in the API's shape."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": dict(_flatten(exc.detail, ""))}
        return response
    body_problem = exceptions.ParseError | exceptions.UnsupportedMediaType | BodyTooLarge
    where = getattr(exc, "where", None) or ("body" if isinstance(exc, body_problem) else "request")
    response.data = {"errors": {where: str(getattr(exc, "detail", exc))}}
    return response


def _flatten(detail: Any, path: str) -> list[tuple[str, str]]:
    """A serializer's nested errors as (`field.path`, "message") pairs."""
    if isinstance(detail, dict):
        return [
            pair
            for key, value in detail.items()
            for pair in _flatten(value, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(detail, list) and all(isinstance(item, str) for item in detail):
        return [(path or "request", " ".join(str(item) for item in detail))]
    if isinstance(detail, list):
        return [pair for i, item in enumerate(detail) for pair in _flatten(item, f"{path}[{i}]")]
    return [(path or "request", str(detail))]


class PersonalThrottle(SimpleRateThrottle):
    """Requests of one person: per token (each token has its own allowance), or per account
    for the site's session. Anonymous requests are AnonymousThrottle's."""

    scope = "api-personal"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not request.user.is_authenticated:
            return None
        who = f"token-{request.auth.pk}" if request.auth is not None else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": who}


class AnonymousThrottle(SimpleRateThrottle):
    """Requests without credentials, per client address (config/client_ip.py's rule)."""

    scope = "api-anonymous"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


#: The error answers every endpoint may give, for the schema.
COMMON_ERRORS: dict[int, Any] = {
    400: ErrorsSerializer,
    413: ErrorsSerializer,
    429: ErrorsSerializer,
}


#: The path parameter of one draw, with an example the schema's readers can try.
DRAW_NUMBER = OpenApiParameter(
    "number",
    str,
    OpenApiParameter.PATH,
    description="The round's number, as IRCC numbers it (e.g. 397).",
    examples=[OpenApiExample("Round 397", value="397")],
)


class BoundedApi(APIView):
    """The API's rules for every endpoint: errors in one shape, bodies at most
    MAX_BODY_BYTES and JSON at most MAX_JSON_DEPTH deep, rate limits per token and per
    anonymous client."""

    parser_classes = [BoundedJSONParser]
    throttle_classes = [PersonalThrottle, AnonymousThrottle]

    def get_exception_handler(self) -> Any:
        return errors_as_json

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # The language first, so that every error below (the rate limit's too) is in it.
        translation.activate(answer_language(request))
        super().initial(request, *args, **kwargs)
        # Refused before a byte is read: Django reads no further than CONTENT_LENGTH.
        length = declared_length(request)
        if length is None:
            raise exceptions.ParseError(_("The Content-Length header is not a number."))
        if length > MAX_BODY_BYTES:
            raise BodyTooLarge()


def answer_language(request: Request) -> str:
    """The language of the answer's sentences and error messages: `?lang=fr`, else English
    whatever the browser asks for, so a program's answers do not change with its locale."""
    language = request.query_params.get("lang", "en")
    if language not in dict(settings.LANGUAGES):
        choices = ", ".join(code for code, _name in settings.LANGUAGES)
        raise exceptions.ValidationError(
            {"lang": _("must be one of %(choices)s") % {"choices": choices}}
        )
    return language


def declared_length(request: Any) -> int | None:
    """The body's length as its Content-Length header declares it (0 without one); None when
    the header is not a number."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class EvaluateView(BoundedApi):
    """Anyone may check an answer without an account; a rate limit keeps it fair. The answer
    describes the person who sent it: no cache keeps it."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "evaluate"

    @extend_schema(
        operation_id="evaluate",
        summary="Evaluate a candidate (no account)",
        request=CandidateSerializer,
        responses={200: VerdictSerializer, **COMMON_ERRORS},
        parameters=[EvaluateQuerySerializer],
        description="The candidate JSON format of the README; returns the verdict. No "
        "account needed.",
    )
    def post(self, request: Request) -> Response:
        params = request.query_params
        wanted = params.get("improvements", "")
        if wanted not in IMPROVEMENTS_FLAG:
            problem = _("must be 1 or 0 (or true/false), not %(value)r") % {"value": wanted}
            return Response(
                {"errors": {"improvements": problem}}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            verdict = verdict_for_json(
                request.data,
                on=params.get("on"),
                draw_number=params.get("draw"),
                with_improvements=IMPROVEMENTS_FLAG[wanted],
            )
        except CandidateFormatError as error:
            return Response({"errors": error.problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response(verdict)
