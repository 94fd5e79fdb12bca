from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from editorial.models import Publishable, PublishableQuerySet
from hemed.markdown import GlossaryLink
from hemed.search_config import weighted_vector


class TermQuerySet(PublishableQuerySet):
    def for_linking(self):
        """Every term as the markdown renderer links it."""
        return [term.as_link() for term in self]


class Term(Publishable):
    """A glossary entry. Reviewed like a page: a new definition reaches readers once approved."""

    term = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    definition = models.TextField(
        max_length=400, help_text="One or two short sentences in plain English."
    )
    also = models.CharField(
        "also link these words",
        max_length=300,
        blank=True,
        help_text='Other words for the same thing, separated by commas, e.g. "factor 9, FIX".',
    )
    search_vector = models.GeneratedField(
        expression=weighted_vector(("term", "A"), ("also", "A"), ("definition", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    title_field, text_field = "term", "definition"
    content_fields = ["term", "definition", "also"]

    class Meta:
        ordering = [Lower("term")]
        indexes = [GinIndex(fields=["search_vector"], name="term_search_idx")]
        # A new version sits beside the live term until approved, so only live terms are unique.
        constraints = [
            models.UniqueConstraint(fields=["term"], condition=models.Q(revision_of__isnull=True),
                                    name="glossary_term_unique_live_term"),
        ]
        permissions = [("review_term", "Can approve, publish and archive glossary terms")]

    def get_absolute_url(self):
        return f"{reverse('glossary:index')}#term-{self.slug}"

    @property
    def letter(self):
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    @property
    def phrases(self):
        """The words that link to this term: the term, without any bracketed part, and `also`."""
        words = [self.term, self.term.split(" (")[0]]
        words += [word.strip() for word in self.also.split(",")]
        return tuple(dict.fromkeys(word for word in words if word))

    def as_link(self):
        return GlossaryLink(
            url=self.get_absolute_url(), definition=self.definition, phrases=self.phrases
        )
