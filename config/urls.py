from django.contrib import admin
from django.urls import include, path

from draws import views as draw_views

# No sidebar of every model beside each admin page: at 1280 px it leaves the lists too narrow
# for their columns (the index page and the breadcrumbs lead to the same places).
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", draw_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("profiles.auth_urls")),
    path("profiles/", include("profiles.urls")),
    path("", include("eligibility.urls")),
    path("", include("draws.urls")),
    path("api/v1/", include("eligibility.api_urls")),
]
