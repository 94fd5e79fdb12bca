from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.views import home
from editorial import editor
from editorial.views import review_schedule

from . import views
from .sitemaps import SITEMAPS

admin.site.site_header = "hemed content editor"
admin.site.site_title = "hemed admin"
admin.site.index_title = "Articles and questions"

handler500 = views.server_error

urlpatterns = [
    path("", home, name="home"),
    path("", include("articles.urls")),
    path("faq/", include("faq.urls")),
    path("glossary/", include("glossary.urls")),
    path("search/", include("search.urls")),
    path("about/", include("pages.urls")),
    path("feedback/", include("feedback.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/reading/", editor.reading_panel, name="reading_panel"),
    path("admin/reviews/", admin.site.admin_view(review_schedule), name="review_schedule"),
    path("admin/", admin.site.urls),
    # The paths django-markdownx's editor script posts to (MARKDOWNX_*_URLS_PATH).
    path("markdownx/markdownify/", editor.preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload, name="markdownx_upload"),
]

if settings.SERVE_MEDIA:
    # Uploaded images, when no proxy serves them (nginx does in production).
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.media)]
