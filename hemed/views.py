from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .dashboard import review_schedule as schedule_data


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        "Disallow: /faq/?q=",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@staff_member_required
def review_schedule(request):
    """Every published page by next review date, with crowded months flagged."""
    context = {**admin.site.each_context(request), "title": "Review schedule", **schedule_data()}
    return TemplateResponse(request, "admin/hemed/review_schedule.html", context)
