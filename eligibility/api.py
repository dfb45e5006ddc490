"""POST /api/v1/evaluate: the candidate JSON in, the same verdict as `evaluate_candidate` out.

Every error, whatever refused the request, answers in one JSON shape: `{"errors": {where:
message}}`, where `where` is a field of the candidate, `on`, `draw`, `body` (the request body
itself) or `request` (rate limit, method).
"""

from __future__ import annotations

from typing import Any

import orjson
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView, exception_handler

from eligibility.candidate_json import CandidateFormatError
from eligibility.verdicts import verdict_for_json

#: A candidate with twenty jobs, tests and credentials takes a few kilobytes.
MAX_BODY_BYTES = 64 * 1024
#: The candidate format nests four levels deep (candidate, spouse, work, a job).
MAX_JSON_DEPTH = 10


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = f"The body is larger than {MAX_BODY_BYTES // 1024} KiB."


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


class BoundedJSONParser(BaseParser):
    """JSON, refused with a 400 when nested deeper than MAX_JSON_DEPTH. orjson stops at its
    own recursion limit with an error where the standard library overflowed the stack."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            data = orjson.loads(stream.read())
        except orjson.JSONDecodeError as error:
            raise exceptions.ParseError(f"The body is not valid JSON: {error}") from None
        if json_depth_exceeds(data, MAX_JSON_DEPTH):
            raise exceptions.ParseError(f"The JSON nests deeper than {MAX_JSON_DEPTH} levels.")
        return data


def errors_as_json(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answer to `exc` (status and headers, such as Retry-After), in the API's shape."""
    response = exception_handler(exc, context)
    if response is not None:
        body_problem = exceptions.ParseError | exceptions.UnsupportedMediaType | BodyTooLarge
        where = "body" if isinstance(exc, body_problem) else "request"
        response.data = {"errors": {where: str(getattr(exc, "detail", exc))}}
    return response


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class EvaluateView(APIView):
    """Anyone may check an answer without an account; a rate limit keeps it fair. The answer
    describes the person who sent it: no cache keeps it."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [BoundedJSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "evaluate"

    def get_exception_handler(self) -> Any:
        return errors_as_json

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # the rate limit first
        # Refused before a byte is read: Django reads no further than CONTENT_LENGTH.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise exceptions.ParseError("The Content-Length header is not a number.") from None
        if length > MAX_BODY_BYTES:
            raise BodyTooLarge()

    @extend_schema(
        request=dict,
        responses={200: dict, 400: dict, 413: dict, 429: dict},
        parameters=[
            OpenApiParameter("on", str, description="evaluate on this date (YYYY-MM-DD)"),
            OpenApiParameter("draw", str, description="also judge this published draw"),
        ],
        description="The candidate JSON format of the README; returns the verdict.",
    )
    def post(self, request: Request) -> Response:
        params = request.query_params
        try:
            verdict = verdict_for_json(
                request.data, on=params.get("on"), draw_number=params.get("draw")
            )
        except CandidateFormatError as error:
            return Response({"errors": error.problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response(verdict)
