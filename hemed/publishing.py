"""Draft and published states shared by articles and FAQ questions."""

from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what the public may see."""
        return self.filter(status=Status.PUBLISHED)

    def publish(self):
        """Publish drafts one by one, so each gets its first-published date."""
        return self._set_status(self.exclude(status=Status.PUBLISHED), Status.PUBLISHED)

    def unpublish(self):
        """Take published items back to draft; they disappear from the site."""
        return self._set_status(self.filter(status=Status.PUBLISHED), Status.DRAFT)

    @staticmethod
    def _set_status(items, status):
        changed = 0
        for item in items:
            item.status = status
            item.save()
            changed += 1
        return changed


class Publishable(models.Model):
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When this was first published.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
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
