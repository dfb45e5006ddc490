"""The API's addresses under /api/v1/ (POST /api/v1/evaluate is in eligibility.urls), its
schema and the schema's two readers, Swagger UI and ReDoc, served by the site itself."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from eligibility import api_personal, api_public

urlpatterns = [
    path("draws/", api_public.DrawList.as_view(), name="api-draws"),
    path("draws/<str:number>/", api_public.DrawDetail.as_view(), name="api-draw"),
    path("categories/", api_public.CategoryList.as_view(), name="api-categories"),
    path("occupations/", api_public.OccupationList.as_view(), name="api-occupations"),
    path("me/profile", api_personal.MyProfile.as_view(), name="api-me-profile"),
    path("me/eligibility", api_personal.MyEligibility.as_view(), name="api-me-eligibility"),
    path("me/draws/", api_personal.MyDraws.as_view(), name="api-me-draws"),
    path("me/draws/<str:number>/", api_personal.MyDraw.as_view(), name="api-me-draw"),
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "schema/swagger-ui/",
        SpectacularSwaggerView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-swagger-ui",
    ),
    path(
        "schema/redoc/",
        SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html"),
        name="api-redoc",
    ),
]
