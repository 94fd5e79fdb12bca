"""What the admin's front page shows each signed-in editor or reviewer."""

import datetime
from collections import Counter

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from faq.models import Question
from search.models import SearchLog

from .publishing import Status

# A month with more reviews due than this is flagged so they can be spread out.
BUSY_MONTH = 5
CONTENT = [Article, Question]


def _label(item):
    return getattr(item, "title", None) or getattr(item, "question")


def dashboard(user, today=None):
    today = today or timezone.localdate()
    waiting, drafts, due = [], [], []
    for model in CONTENT:
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.review_{opts.model_name}"):
            waiting += [
                (item, opts) for item in
                model.objects.filter(status=Status.IN_REVIEW).exclude(last_edited_by=user)
            ]
        if user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            drafts += [
                (item, opts) for item in
                model.objects.filter(status=Status.DRAFT, last_edited_by=user)
            ]
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            due += [
                (item, opts) for item in
                model.objects.published().review_due_soon(today).order_by("next_review_due")
            ]
    due.sort(key=lambda pair: pair[0].next_review_due)
    missing = []
    if user.has_perm("search.view_searchlog"):
        missing = list(
            SearchLog.objects.filter(date__gt=today - datetime.timedelta(days=30), results=0)
            .values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:10]
        )
    return {
        "waiting": [_entry(item, opts) for item, opts in waiting],
        "drafts": [_entry(item, opts) for item, opts in drafts],
        "due": [_entry(item, opts, today) for item, opts in due],
        "missing_searches": missing,
    }


def _entry(item, opts, today=None):
    entry = {
        "label": _label(item),
        "kind": opts.verbose_name,
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
        "next_review_due": item.next_review_due,
    }
    if today:
        entry["overdue"] = item.next_review_due < today
    return entry


def review_schedule(today=None):
    """Everything published, by next review date, and the months that are crowded."""
    today = today or timezone.localdate()
    items = []
    for model in CONTENT:
        for item in model.objects.published():
            items.append({**_entry(item, model._meta, today), "last_reviewed": item.last_reviewed})
    items.sort(key=lambda entry: (entry["next_review_due"], entry["label"]))
    months = Counter(entry["next_review_due"].replace(day=1) for entry in items)
    busy = sorted((month, count) for month, count in months.items() if count > BUSY_MONTH)
    return {"items": items, "busy_months": busy, "busy_limit": BUSY_MONTH}
