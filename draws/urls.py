from django.urls import path

from draws import views
from draws.feeds import DrawsAtomFeed, DrawsRssFeed

app_name = "draws"

urlpatterns = [
    path("draws/", views.draw_list, name="list"),
    path("draws/chart/", views.cutoff_chart, name="chart"),
    path("draws/feed/", DrawsRssFeed(), name="feed-rss"),
    path("draws/feed/atom/", DrawsAtomFeed(), name="feed-atom"),
    path("draws/<str:number>/", views.draw_detail, name="detail"),
]
