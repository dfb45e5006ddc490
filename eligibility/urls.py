from django.urls import path

from eligibility import views
from eligibility.api import EvaluateView

app_name = "eligibility"

urlpatterns = [
    path("me/", views.mine, name="mine"),
    path("profiles/<uuid:profile_id>/eligibility/", views.page, name="page"),
    path("profiles/<uuid:profile_id>/draws/<str:number>/", views.draw_result, name="draw"),
    path("profiles/<uuid:profile_id>/what-if/", views.whatif, name="whatif"),
    path("api/v1/evaluate", EvaluateView.as_view(), name="api-evaluate"),
]
