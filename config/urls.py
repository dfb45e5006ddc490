from django.contrib import admin
from django.urls import include, path

from draws import views as draw_views
from profiles import views as profile_views

urlpatterns = [
    path("", draw_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("language/", profile_views.language_set, name="set_language"),
    path("accounts/", include("profiles.auth_urls")),
    path("profiles/", include("profiles.urls")),
    path("", include("eligibility.urls")),
    path("", include("draws.urls")),
    path("api/v1/", include("eligibility.api_urls")),
]
