"""What readers tell us about a page. Only the page, the day, the answer and the words they
chose to write: no IP address, no user agent, no time of day, nothing that links two notes."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

MAX_COMMENT = 500


class Kind(models.TextChoices):
    HELPFUL = "helpful", "Helpful"
    NOT_HELPFUL = "not-helpful", "Not helpful"
    PROBLEM = "problem", "Problem reported"


class Feedback(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    comment = models.TextField(blank=True, max_length=MAX_COMMENT)
    date = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date:%d %b %Y}"
