"""The public, read-only API: draws, category versions, occupations. No account needed; a
token, when sent, is checked and counts the requests under its own allowance."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from config.fragments import cached
from draws import selectors
from draws.models import Category, Draw, Occupation
from eligibility.api import COMMON_ERRORS, DRAW_NUMBER, BoundedApi, Pages
from eligibility.serializers import (
    DRAW_ORDERINGS,
    CategoryQuerySerializer,
    CategorySerializer,
    DrawDetailSerializer,
    DrawQuerySerializer,
    DrawSerializer,
    ErrorsSerializer,
    OccupationQuerySerializer,
    OccupationSerializer,
)
from profiles.authentication import AccessTokenAuthentication

PUBLIC_ERRORS = {
    **COMMON_ERRORS,
    401: OpenApiResponse(ErrorsSerializer, description="A token was sent and is not valid."),
    404: OpenApiResponse(ErrorsSerializer, description="No such page (or draw)."),
}


class PublicApi(BoundedApi):
    authentication_classes = [AccessTokenAuthentication]
    permission_classes = [AllowAny]


def _query(serializer_class: type, request: Request) -> dict[str, Any]:
    """The validated query string; a 400 naming each bad parameter otherwise."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    get=extend_schema(
        operation_id="draws_list",
        summary="List the published draws",
        parameters=[DrawQuerySerializer],
        responses={200: DrawSerializer(many=True), **PUBLIC_ERRORS},
        description="Published rounds of invitations, newest first unless `ordering` says "
        "otherwise. Drafts are never shown.",
    )
)
class DrawList(PublicApi, generics.ListAPIView):
    serializer_class = DrawSerializer
    pagination_class = Pages

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """From the cache while the draws and the query are the same (one query: the data
        version); the links to other pages name the host the client used. A query with
        parameters the list does not read is answered but not kept (rate limits bound the
        rest)."""
        known = {*DrawQuerySerializer().fields, "page", "page_size"}
        query = request.GET
        plain = set(query) <= known and all(len(query.getlist(name)) == 1 for name in query)
        data = cached(
            (
                ("api draws", selectors.data_version(), request.get_host(), query.urlencode())
                if plain
                else None
            ),
            lambda: super(DrawList, self).list(request, *args, **kwargs).data,
        )
        return Response(data)

    def get_queryset(self) -> QuerySet[Draw]:
        # Two queries whatever the page size: the count, and one page with the categories.
        query = _query(DrawQuerySerializer, self.request)
        draws = selectors.draws_filtered(
            round_type=query.get("round_type", ""), family=query.get("category", "")
        )
        if "since" in query:
            draws = draws.filter(held_on__gte=query["since"])
        if "until" in query:
            draws = draws.filter(held_on__lte=query["until"])
        return draws.order_by(*DRAW_ORDERINGS[query["ordering"]])


@extend_schema_view(
    get=extend_schema(
        operation_id="draws_retrieve",
        summary="One draw",
        parameters=[DRAW_NUMBER],
        responses={200: DrawDetailSerializer, **PUBLIC_ERRORS},
        description="One published draw: its facts, tie-break and the pool's distribution.",
    )
)
class DrawDetail(PublicApi, generics.RetrieveAPIView):
    serializer_class = DrawDetailSerializer
    lookup_field = "number"

    def get_queryset(self) -> QuerySet[Draw]:
        return selectors.published_draws()


@extend_schema_view(
    get=extend_schema(
        operation_id="categories_list",
        summary="List the category versions",
        parameters=[CategoryQuerySerializer],
        responses={200: CategorySerializer(many=True), **PUBLIC_ERRORS},
        description="Every category version with its rule (occupations, months, continuity, "
        "window, language, education, military conditions) and the IRCC round names it maps.",
    )
)
class CategoryList(PublicApi, generics.ListAPIView):
    serializer_class = CategorySerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[Category]:
        # Three queries whatever the page size: the count, a page, its round names.
        query = _query(CategoryQuerySerializer, self.request)
        categories = Category.objects.prefetch_related("draw_names").order_by(
            "-valid_from", "name", "pk"
        )
        if "family" in query:
            categories = categories.filter(family=query["family"])
        if "active_on" in query:
            day = query["active_on"]
            categories = categories.filter(valid_from__lte=day).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=day)
            )
        return categories


@extend_schema_view(
    get=extend_schema(
        operation_id="occupations_list",
        summary="Search the occupations (NOC 2021)",
        parameters=[OccupationQuerySerializer],
        responses={200: OccupationSerializer(many=True), **PUBLIC_ERRORS},
        description="NOC 2021 unit groups, by code. `q` searches as the profile forms do: "
        "digits match the start of the code, words must all appear in the title or in one of "
        'its everyday titles ("family doctor", "RN").',
    )
)
class OccupationList(PublicApi, generics.ListAPIView):
    serializer_class = OccupationSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[Occupation]:
        # Two queries whatever the page size: the count and one page.
        query = _query(OccupationQuerySerializer, self.request)
        return selectors.occupations_matching(query.get("q", ""))
