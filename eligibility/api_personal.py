"""The personal API, /api/v1/me/...: the profile of the person a token (or the site's
session) belongs to, and their answers. Only ever their own: the profile is found through
`profile_get_for_user`, like every personal page. Answers are private and never stored by a
cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from draws.selectors import categories_active_on, draw_get_published
from eligibility import selectors
from eligibility.adapters import category_rule, draw_rule
from eligibility.api import COMMON_ERRORS, DRAW_NUMBER, BoundedApi, Pages
from eligibility.candidate_json import CandidateFormatError, outcome_json, verdict_json
from eligibility.profile_io import candidate_for_profile, profile_as_json, profile_replace
from eligibility.reason_text import SITE_WORDS
from eligibility.results.reader import DrawRow, draw_rows
from eligibility.results.services import results_recompute_for_profile
from eligibility.rules import draw_outcome
from eligibility.rules.model import Candidate
from eligibility.serializers import (
    CandidateSerializer,
    DrawOutcomeSerializer,
    ErrorsSerializer,
    StoredDrawVerdictSerializer,
    VerdictSerializer,
)
from profiles.authentication import AccessTokenAuthentication
from profiles.models import CandidateProfile
from profiles.selectors import missing_section_slugs, profile_get_for_user, profile_id_for_user
from profiles.services import profile_get_or_create

PERSONAL_ERRORS: dict[int, Any] = {
    **COMMON_ERRORS,
    401: OpenApiResponse(
        ErrorsSerializer, description="No token, or a token revoked, expired or unknown."
    ),
    403: OpenApiResponse(
        ErrorsSerializer, description="The site's session without its CSRF token (PUT)."
    ),
    404: OpenApiResponse(ErrorsSerializer, description="No profile yet (or no such draw)."),
}
EVALUATION_ERRORS: dict[int, Any] = {
    **PERSONAL_ERRORS,
    409: OpenApiResponse(
        ErrorsSerializer,
        description="The profile lacks a section the engine needs, or could not be evaluated.",
    ),
}


class ProfileConflict(exceptions.APIException):
    """The profile cannot be answered for as it is: reported under `profile`."""

    status_code = status.HTTP_409_CONFLICT
    where = "profile"


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class PersonalApi(BoundedApi):
    authentication_classes = [AccessTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def own_profile(self) -> CandidateProfile:
        """The requester's profile with its entries; a 404 when they have none."""
        user = self.request.user
        profile_id = profile_id_for_user(user=user)  # type: ignore[arg-type]  # IsAuthenticated
        if profile_id is None:
            raise exceptions.NotFound(
                _("You have no profile yet: PUT /api/v1/me/profile makes it.")
            )
        return profile_get_for_user(user=user, profile_id=profile_id)  # type: ignore[arg-type]  # IsAuthenticated

    def evaluable(self, profile: CandidateProfile) -> Candidate | Exception:
        """The profile as the engine's candidate (or the error its data raised); a 409
        naming the sections to fill in when the engine cannot answer without guessing."""
        if missing := missing_section_slugs(profile):
            raise ProfileConflict(
                _("Fill in these sections first: %(sections)s.") % {"sections": ", ".join(missing)}
            )
        return selectors.candidate_or_error(profile)


def _engine_answer(candidate: Candidate | Exception, answer: Callable[[Candidate], Any]) -> Any:
    """`answer(candidate)`; what the engine raised on this person's data is a 409 that says
    so (as their page does), never a 500."""
    try:
        if isinstance(candidate, Exception):
            raise candidate
        return answer(candidate)
    except Exception as error:
        raise ProfileConflict(
            _("Your profile could not be evaluated: %(error)s")
            % {"error": f"{type(error).__name__}: {error}"}
        ) from None


class MyProfile(PersonalApi):
    @extend_schema(
        operation_id="me_profile_retrieve",
        summary="Your profile",
        responses={200: CandidateSerializer, **PERSONAL_ERRORS},
        description="Your profile in the candidate JSON format (as `evaluate_candidate` "
        "reads it). A 404 until the profile has a birth date.",
    )
    def get(self, request: Request) -> Response:
        data = profile_as_json(self.own_profile())
        if data is None:
            raise exceptions.NotFound(_("Your profile has no birth date yet: it is empty."))
        return Response(data)

    @extend_schema(
        operation_id="me_profile_update",
        summary="Replace your profile",
        request=CandidateSerializer,
        responses={200: CandidateSerializer, **PERSONAL_ERRORS},
        description="Replace your whole profile (your draw alerts stay as they are). Every "
        "field is checked first; on any problem nothing changes and each bad field is named. "
        "Your answers are then recomputed against every published draw.",
    )
    def put(self, request: Request) -> Response:
        try:
            candidate = candidate_for_profile(request.data)
        except CandidateFormatError as error:
            return Response({"errors": error.problems}, status=status.HTTP_400_BAD_REQUEST)
        profile_replace(profile=profile_get_or_create(user=request.user), candidate=candidate)  # type: ignore[arg-type]  # IsAuthenticated
        return Response(profile_as_json(self.own_profile()))


class MyEligibility(PersonalApi):
    @extend_schema(
        operation_id="me_eligibility",
        summary="Today's verdict for you",
        responses={200: VerdictSerializer, **EVALUATION_ERRORS},
        description="Today's verdict for your profile: CRS with every factor, FSW, CEC and "
        "FST, and every category version in force, each with its reasons.",
    )
    def get(self, request: Request) -> Response:
        candidate = self.evaluable(self.own_profile())
        today = timezone.localdate()
        categories = [category_rule(category) for category in categories_active_on(today)]
        return Response(
            _engine_answer(
                candidate, lambda c: verdict_json(c, today, categories, words=SITE_WORDS)
            )
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="me_draws_list",
        summary="Your answer in every draw",
        responses={200: StoredDrawVerdictSerializer(many=True), **EVALUATION_ERRORS},
        description="Your answer in every published draw, newest first: from stored results "
        "where they are fresh (computed by this engine after your profile, the draw and its "
        "category last changed), computed now otherwise (`stored` is false and a re-evaluation "
        "is queued).",
    )
)
class MyDraws(PersonalApi, generics.ListAPIView):
    serializer_class = StoredDrawVerdictSerializer
    pagination_class = Pages

    def get_queryset(self) -> list[DrawRow]:  # type: ignore[override]  # rows, not a QuerySet: paged all the same
        profile = self.own_profile()
        # Two queries for any number of draws (the reader), after the profile's.
        rows = draw_rows(profile, self.evaluable(profile))
        if rows.stale:
            results_recompute_for_profile(profile_id=profile.pk)
        return rows.rows


class MyDraw(PersonalApi):
    @extend_schema(
        operation_id="me_draws_retrieve",
        summary="Your answer in one draw, with every reason",
        parameters=[DRAW_NUMBER],
        responses={200: DrawOutcomeSerializer, **EVALUATION_ERRORS},
        description="Your answer in one published draw with every reason, from the engine on "
        "the draw's date (the `draw` of POST /api/v1/evaluate?draw=).",
    )
    def get(self, request: Request, number: str) -> Response:
        profile = self.own_profile()
        draw = draw_get_published(number=number)
        if draw is None:
            raise exceptions.NotFound(_("No published draw has that number."))
        candidate = self.evaluable(profile)
        rule = draw_rule(draw)
        return Response(
            _engine_answer(
                candidate, lambda c: outcome_json(draw_outcome(c, rule), rule, SITE_WORDS)
            )
        )
