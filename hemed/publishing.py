"""The review workflow's states, shared by articles and FAQ questions."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import patch_cache_control


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


# Content is reviewed at least every three years (PIF TICK, NHS practice).
MAX_REVIEW_INTERVAL = datetime.timedelta(days=3 * 366)
REVIEW_DUE_SOON = datetime.timedelta(days=60)


def three_years_after(day):
    try:
        return day.replace(year=day.year + 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 3, day=28)


def default_next_review():
    return three_years_after(timezone.localdate())


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what the public may see: approved, live, and not scheduled for later."""
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now()),
            status=Status.PUBLISHED,
            revision_of__isnull=True,
        )

    def review_overdue(self, today=None):
        """Items whose next review date has passed."""
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def review_due_soon(self, today=None):
        """Items due for review within 60 days, or overdue."""
        return self.filter(next_review_due__lte=(today or timezone.localdate()) + REVIEW_DUE_SOON)


class Publishable(models.Model):
    """Workflow state: draft, in review, published (perhaps from a set time), archived.

    A published item is never edited in place: changes go into a new version
    (`revision_of` points at the live item) that replaces it once approved.
    """

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True, editable=False
    )
    publish_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="Scheduled publication: the public sees it from this time.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When this was first published.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    review_comment = models.TextField(
        blank=True, default="", editable=False, help_text="The reviewer's note when sending this back."
    )
    change_note = models.TextField(
        "what changed at the last review", blank=True, default="", editable=False,
        help_text="Shown to the public under the page.",
    )
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.CASCADE,
        related_name="revisions",
    )
    reviewer_name = models.CharField("clinical reviewer", max_length=120, blank=True, default="")
    reviewer_role = models.CharField(
        "reviewer's role", max_length=160, blank=True, default="",
        help_text="For example: Haemophilia nurse specialist",
    )
    # Set when a reviewer approves; until then they hold a new draft's defaults.
    last_reviewed = models.DateField(default=timezone.localdate)
    next_review_due = models.DateField(default=default_next_review)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        """Live on the public site now."""
        return (
            self.status == Status.PUBLISHED
            and self.revision_of_id is None
            and (self.publish_at is None or self.publish_at <= timezone.now())
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and not self.is_published and self.revision_of_id is None

    @property
    def review_overdue(self):
        return self.next_review_due < timezone.localdate()

    def clean(self):
        if self.last_reviewed and self.next_review_due:
            if self.next_review_due <= self.last_reviewed:
                raise ValidationError(
                    {"next_review_due": "The next review must come after the last review."}
                )
            if self.next_review_due - self.last_reviewed > MAX_REVIEW_INTERVAL:
                raise ValidationError(
                    {"next_review_due": "Reviews are due at least every 3 years."}
                )

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None and self.revision_of_id is None:
            self.published_at = self.publish_at or timezone.now()
        super().save(*args, **kwargs)


def visible_to(user, item):
    """Published items are public; drafts only to staff who may view them in the admin."""
    if item.is_published:
        return True
    opts = item._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def keep_private(response):
    """A draft preview must never be cached or indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


class ReferenceBase(models.Model):
    """A source that a page's facts come from, shown in a numbered list."""

    title = models.CharField(max_length=400)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", max_length=600, blank=True)
    date = models.CharField(
        max_length=40, blank=True, help_text='As the source gives it, e.g. "7 Jun 2024" or "2024".'
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return self.title
