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


class Category(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Question(Publishable, RendersMarkdown):
    question = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    answer = MarkdownxField(help_text="Markdown. Keep it short and plain.")
    answer_html = models.TextField(editable=False, blank=True)
    citations = models.JSONField(default=list, editable=False, blank=True)
    order = models.PositiveIntegerField(default=0, help_text="Order within its category.")
    related_articles = models.ManyToManyField(
        "articles.Article", blank=True, related_name="related_questions"
    )

    search_vector = models.GeneratedField(
        expression=weighted_vector(("question", "A"), ("answer", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector", "answer_html", "citations"])

    title_field, text_field = "question", "answer"
    content_fields = ["question", "category", "answer", "order"]
    content_m2m = ["related_articles"]
    content_children = ["references"]
    markdown_field, html_field, citations_field = "answer", "answer_html", "citations"

    class Meta:
        ordering = ["category__order", "order", "question"]
        indexes = [GinIndex(fields=["search_vector"], name="question_search_idx")]
        permissions = [("review_question", "Can approve, publish and archive questions")]

    def get_absolute_url(self):
        return reverse("faq:question", args=[self.slug])


class QuestionReference(ReferenceBase):
    """Answers that give a figure cite where it comes from."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="references")

    class Meta(ReferenceBase.Meta):
        pass
