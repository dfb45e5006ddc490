"""POST /api/v1/evaluate: the candidate JSON in, the same verdict as `evaluate_candidate` out."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from eligibility.candidate_json import CandidateFormatError
from eligibility.verdicts import verdict_for_json

IMPROVEMENTS_FLAG = {"": False, "0": False, "false": False, "1": True, "true": True}


class EvaluateView(APIView):
    """Anyone may check an answer without an account; a rate limit keeps it fair."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "evaluate"

    @extend_schema(
        request=dict,
        responses={200: dict, 400: dict},
        parameters=[
            OpenApiParameter("on", str, description="evaluate on this date (YYYY-MM-DD)"),
            OpenApiParameter("draw", str, description="also judge this published draw"),
            OpenApiParameter(
                "improvements",
                str,
                description="1: also list the single changes that would raise the CRS",
            ),
        ],
        description="The candidate JSON format of the README; returns the verdict.",
    )
    def post(self, request: Request) -> Response:
        params = request.query_params
        wanted = params.get("improvements", "")
        if wanted not in IMPROVEMENTS_FLAG:
            problem = f"must be 1 or 0 (or true/false), not {wanted!r}"
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
