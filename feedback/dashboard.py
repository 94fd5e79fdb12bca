"""The editors' dashboard panel: what readers said about each page in the last 90 days."""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .models import Feedback, Kind

DAYS = 90
PAGES_SHOWN = 15
COMMENTS_SHOWN = 5


def feedback_by_page(since):
    """[{page, admin_url, helpful, not_helpful, problems, comments}], most feedback first."""
    rows = Feedback.objects.filter(date__gte=since).order_by("-date", "-id")
    counts = defaultdict(lambda: {Kind.HELPFUL: 0, Kind.NOT_HELPFUL: 0, Kind.PROBLEM: 0})
    for content_type, object_id, kind in rows.values_list("content_type", "object_id", "kind"):
        counts[content_type, object_id][kind] += 1
    busiest = sorted(counts, key=lambda key: -sum(counts[key].values()))[:PAGES_SHOWN]
    entries = []
    for content_type_id, object_id in busiest:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=object_id).first() if model else None
        comments = [
            {"kind": row.get_kind_display(), "date": row.date, "comment": row.comment}
            for row in rows.filter(content_type_id=content_type_id, object_id=object_id).exclude(comment="")[:COMMENTS_SHOWN]
        ]
        count = counts[content_type_id, object_id]
        entries.append({
            "page": str(page) if page else "(a page since deleted)",
            "url": page.get_absolute_url() if page else "",
            "all_url": reverse("admin:feedback_feedback_changelist")
            + f"?content_type__id__exact={content_type_id}&object_id={object_id}",
            "helpful": count[Kind.HELPFUL], "not_helpful": count[Kind.NOT_HELPFUL], "problems": count[Kind.PROBLEM],
            "comments": comments,
        })
    return entries


def feedback_panel(user, today):
    """Shown to everyone who may read feedback, even when there is none yet."""
    if not user.has_perm("feedback.view_feedback"):
        return None
    pages = feedback_by_page(today - datetime.timedelta(days=DAYS))
    return {"feedback_pages": pages, "feedback_days": DAYS}
