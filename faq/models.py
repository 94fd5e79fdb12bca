from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
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

    def get_absolute_url(self):
        return reverse("faq:category", args=[self.slug])


MAX_ALSO_ASKED = 5
MAX_ALSO_ASKED_LENGTH = 150


class Question(Publishable, RendersMarkdown):
    question = models.CharField(max_length=300)
    # Text, one per line, rather than an array: the generated search vector can index it as it
    # is (array_to_string is not immutable), and history and review diffs show it as text.
    also_asked = models.TextField(
        "also asked as", blank=True, default="",
        help_text=f"Other ways families ask this question, one per line (at most {MAX_ALSO_ASKED}, "
        f"each up to {MAX_ALSO_ASKED_LENGTH} characters). Search finds the question by them as if "
        "they were its title; they are not shown on the public page.",
    )
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
        expression=weighted_vector(("question", "A"), ("also_asked", "A"), ("answer", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector", "answer_html", "citations"])

    title_field, text_field = "question", "answer"
    content_fields = ["question", "also_asked", "category", "answer", "order"]
    content_m2m = ["related_articles"]
    content_children = ["references"]
    markdown_field, html_field, citations_field = "answer", "answer_html", "citations"

    class Meta:
        ordering = ["category__order", "order", "question"]
        indexes = [GinIndex(fields=["search_vector"], name="question_search_idx")]
        permissions = [("review_question", "Can approve, publish and archive questions")]

    def get_absolute_url(self):
        return reverse("faq:question", args=[self.slug])

    @property
    def also_asked_list(self):
        return [line.strip() for line in self.also_asked.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        asked = self.also_asked_list
        self.also_asked = "\n".join(asked)
        problems = []
        if len(asked) > MAX_ALSO_ASKED:
            problems.append(f"Give at most {MAX_ALSO_ASKED} other ways of asking (there are {len(asked)}): "
                            "keep the ones families use most.")
        for line in asked:
            if len(line) > MAX_ALSO_ASKED_LENGTH:
                problems.append(f'"{line[:40]}…" is {len(line)} characters long: keep each one to '
                                f"{MAX_ALSO_ASKED_LENGTH} characters or fewer.")
        folded = [" ".join(line.lower().split()) for line in asked]
        if len(set(folded)) < len(folded):
            problems.append("The same wording is listed twice.")
        if " ".join(self.question.lower().split()) in folded:
            problems.append("That is the question itself: list only other ways of asking it.")
        if problems:
            raise ValidationError({"also_asked": problems})


class QuestionReference(ReferenceBase):
    """Answers that give a figure cite where it comes from."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="references")

    class Meta(ReferenceBase.Meta):
        pass
