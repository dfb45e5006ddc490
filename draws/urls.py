from django.urls import path

from draws import views

app_name = "draws"

urlpatterns = [
    path("draws/", views.draw_list, name="list"),
    path("draws/chart/", views.cutoff_chart, name="chart"),
    path("draws/<str:number>/", views.draw_detail, name="detail"),
]
