from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from hemed.markdown import GlossaryLink
from hemed.search_config import weighted_vector


class TermQuerySet(models.QuerySet):
    def for_linking(self):
        """Every term as the markdown renderer links it."""
        return [term.as_link() for term in self]


class Term(models.Model):
    term = models.CharField(max_length=120, unique=True)
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
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=weighted_vector(("term", "A"), ("also", "A"), ("definition", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = [Lower("term")]
        indexes = [GinIndex(fields=["search_vector"], name="term_search_idx")]

    def __str__(self):
        return self.term

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
