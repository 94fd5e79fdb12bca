import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from glossary.models import Term
from hemed.markdown import render
from hemed.search_config import weighted_vector
from hemed.publishing import Publishable, PublishableQuerySet, ReferenceBase

# Content is reviewed at least every three years (PIF TICK, NHS practice).
MAX_REVIEW_INTERVAL = datetime.timedelta(days=3 * 366)


class Topic(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", args=[self.slug])


class Audience(models.TextChoices):
    PATIENTS = "patients", "Patients"
    FAMILIES = "families", "Families and carers"
    CLINICIANS = "clinicians", "Clinicians"


class ArticleQuerySet(PublishableQuerySet):
    def review_overdue(self, today=None):
        """Articles whose next review date has passed."""
        return self.filter(next_review_due__lt=today or timezone.localdate())


class Article(Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    audience = models.CharField(
        max_length=20, choices=Audience.choices, default=Audience.PATIENTS
    )
    summary = models.CharField(
        max_length=300,
        help_text="One short plain-text paragraph. Shown in lists and to search engines.",
    )
    body = MarkdownxField(
        help_text="Markdown. Use ## for section headings: they make the contents list."
    )
    body_html = models.TextField(editable=False, blank=True)
    contents = models.JSONField(default=list, editable=False, blank=True)
    featured = models.BooleanField(
        default=False, help_text="Show on the home page as a place to start."
    )
    order = models.PositiveIntegerField(default=0, help_text="Order within its topic.")
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_name = models.CharField("clinical reviewer", max_length=120)
    reviewer_role = models.CharField(
        "reviewer's role", max_length=160, help_text="For example: Haemophilia nurse specialist"
    )
    last_reviewed = models.DateField()
    next_review_due = models.DateField()
    search_vector = models.GeneratedField(
        expression=weighted_vector(("title", "A"), ("summary", "B"), ("body", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "order", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="article_search_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

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

    @property
    def review_overdue(self):
        return self.next_review_due < timezone.localdate()

    def render_body(self, glossary=None):
        rendered = render(self.body, Term.objects.for_linking() if glossary is None else glossary)
        self.body_html, self.contents = rendered.html, rendered.contents

    def save(self, *args, **kwargs):
        self.render_body()
        super().save(*args, **kwargs)

    def rerender(self, glossary):
        """Refresh the stored HTML (say, after a glossary change) without touching `updated_at`."""
        before = (self.body_html, self.contents)
        self.render_body(glossary)
        if (self.body_html, self.contents) != before:
            Article.objects.filter(pk=self.pk).update(body_html=self.body_html, contents=self.contents)


class Reference(ReferenceBase):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")

    class Meta(ReferenceBase.Meta):
        pass
