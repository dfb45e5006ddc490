from django.contrib import admin
from django.urls import include, path

from draws import views as draw_views

urlpatterns = [
    path("", draw_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("profiles.auth_urls")),
    path("profile/", include("profiles.urls")),
    path("me/", include("eligibility.urls")),
    path("", include("draws.urls")),
]
