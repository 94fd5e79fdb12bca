from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from editorial.models import Publishable, PublishableQuerySet
from editorial.rendering import RendersMarkdown
from hemed.search_config import weighted_vector
from sources.models import ReferenceBase


class TopicQuerySet(models.QuerySet):
    def with_published(self):
        """Topics with at least one article the public can read now."""
        return self.filter(
            models.Exists(Article.objects.published().filter(topic=models.OuterRef("pk")))
        )


class Topic(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = TopicQuerySet.as_manager()

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


class Layout(models.TextChoices):
    PAGE = "page", "Web page"
    SHEET = "sheet", "Printable sheet (prints on one A4 page, dated, without the help box or sources)"


class Article(Publishable, RendersMarkdown):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    audience = models.CharField(
        max_length=20, choices=Audience.choices, default=Audience.PATIENTS,
        help_text="Who it is written for. Pages for families or clinicians say so above the title and in lists.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One short plain-text paragraph. Shown in lists and to search engines.",
    )
    body = MarkdownxField(
        help_text="Markdown. Use ## for section headings: they make the contents list. "
        "A “### Do” or “### Don't” heading over a bulleted list shows as a do-and-don't list. "
        "Cite a source from the registry as [S12]."
    )
    body_html = models.TextField(editable=False, blank=True)
    contents = models.JSONField(default=list, editable=False, blank=True)
    # The source keys the body cites, in order of first use: the reference list's order.
    citations = models.JSONField(default=list, editable=False, blank=True)
    layout = models.CharField(
        max_length=10, choices=Layout.choices, default=Layout.PAGE,
        help_text="A printable sheet, such as a list of questions to ask, keeps to one A4 page when printed.",
    )
    featured = models.BooleanField(
        default=False, help_text="Show on the home page as a place to start."
    )
    order = models.PositiveIntegerField(default=0, help_text="Order within its topic.")
    search_vector = models.GeneratedField(
        expression=weighted_vector(("title", "A"), ("summary", "B"), ("body", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector", "body_html", "contents", "citations"])

    # What a new version carries over and an approved one replaces.
    title_field, text_field = "title", "body"
    content_fields = ["title", "topic", "audience", "summary", "body", "layout", "featured", "order"]
    content_children = ["references"]
    markdown_field, html_field, contents_field, citations_field = "body", "body_html", "contents", "citations"

    class Meta:
        ordering = ["topic__order", "order", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="article_search_idx")]
        permissions = [("review_article", "Can approve, publish and archive articles")]

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @property
    def is_sheet(self):
        return self.layout == Layout.SHEET

    @property
    def audience_label(self):
        """Who the page is written for, when it is not the site's usual reader (patients)."""
        return "" if self.audience == Audience.PATIENTS else f"For {self.get_audience_display().lower()}"


class Reference(ReferenceBase):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")

    class Meta(ReferenceBase.Meta):
        pass
