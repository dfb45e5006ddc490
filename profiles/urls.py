from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<uuid:profile_id>/", views.overview, name="overview"),
    path("<uuid:profile_id>/edit/<slug:section>/", views.edit_section, name="edit"),
    path("<uuid:profile_id>/download/", views.profile_download, name="download"),
    path("<uuid:profile_id>/upload/", views.profile_upload, name="upload"),
]
