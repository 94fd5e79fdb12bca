from django.urls import path

from . import views
from .feeds import LatestArticlesFeed

app_name = "articles"

urlpatterns = [
    path("articles/", views.article_list, name="index"),
    path("articles/feed/", LatestArticlesFeed(), name="feed"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
