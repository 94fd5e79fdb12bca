"""What staff see beyond the public site: previews of unpublished pages and the review schedule."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from .dashboard import review_schedule as schedule_data


def visible_to(user, item):
    """Published items are public; other versions only to staff who may view them in the admin."""
    if item.is_published:
        return True
    opts = item._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def keep_private(response):
    """A draft preview must never be cached or indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@staff_member_required
def review_schedule(request):
    """Every published page by next review date, with crowded months flagged."""
    context = {**admin.site.each_context(request), "title": "Review schedule", **schedule_data()}
    return TemplateResponse(request, "admin/editorial/review_schedule.html", context)
