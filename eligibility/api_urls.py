"""The API's addresses under /api/v1/ (POST /api/v1/evaluate is in eligibility.urls), its
schema and the schema's two readers, Swagger UI and ReDoc, served by the site itself."""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from eligibility import api_personal, api_public

#: The <style> elements ReDoc's bundle (drf-spectacular-sidecar 2026.10.1, ReDoc 3.14) adds
#: before it can be given a nonce: an empty one, and its scrollbar's rules.
REDOC_STYLE_DIGESTS = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
]

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
        # ReDoc builds its styles as <style> elements: this page's policy allows those that
        # carry the response's nonce, which the page hands to ReDoc (static/js/redoc-init.js),
        # and the two that its bundle adds as it loads, by their digests.
        csp_update({"style-src": [NONCE, *REDOC_STYLE_DIGESTS]})(
            SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")
        ),
        name="api-redoc",
    ),
]
