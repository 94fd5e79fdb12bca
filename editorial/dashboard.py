"""What the admin's front page shows each signed-in editor or reviewer.

It lists every installed kind of reviewed content (Publishable models); other apps add
panels of their own with `register_panel` (search adds "searches that found nothing").
"""

from collections import Counter

from django.urls import reverse
from django.utils import timezone

from .models import Status, publishable_models
from .roles import can_edit, can_review

# A month with more reviews due than this is flagged so they can be spread out.
BUSY_MONTH = 5

_panels = []


def register_panel(template, context):
    """Add a panel: `context(user, today)` returns the template's context, or None to hide it."""
    if (template, context) not in _panels:
        _panels.append((template, context))


def dashboard(user, today=None):
    today = today or timezone.localdate()
    waiting, in_review, sent_back, drafts, due = [], [], [], [], []
    for model in publishable_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        mine = model.objects.filter(contributor_ids__contains=[user.pk])
        if can_review(user, model):
            waiting += [
                item for item in model.objects.filter(status=Status.IN_REVIEW)
                if user.pk not in item.contributor_ids
            ]
        if can_edit(user, model):
            in_review += list(mine.filter(status=Status.IN_REVIEW))
            sent_back += list(mine.filter(status=Status.DRAFT).exclude(review_comment=""))
            drafts += list(mine.filter(status=Status.DRAFT, review_comment=""))
        due += list(model.objects.published().review_due_soon(today))
    due.sort(key=lambda item: item.next_review_due)
    panels = []
    for template, context in _panels:
        data = context(user, today)
        if data is not None:
            panels.append({"template": template, **data})
    return {
        "waiting": [_entry(item) for item in waiting],
        "in_review": [_entry(item) for item in in_review],
        "sent_back": [{**_entry(item), "comment": item.review_comment} for item in sent_back],
        "drafts": [_entry(item) for item in drafts],
        "due": [_entry(item, today) for item in due],
        "panels": panels,
    }


def _entry(item, today=None):
    opts = item._meta
    entry = {
        "label": str(item),
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
    for model in publishable_models():
        for item in model.objects.published().filter(next_review_due__isnull=False):
            items.append({**_entry(item, today), "last_reviewed": item.last_reviewed})
    items.sort(key=lambda entry: (entry["next_review_due"], entry["label"]))
    months = Counter(entry["next_review_due"].replace(day=1) for entry in items)
    busy = sorted((month, count) for month, count in months.items() if count > BUSY_MONTH)
    return {"items": items, "busy_months": busy, "busy_limit": BUSY_MONTH}
