from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from editorial.models import Publishable, PublishableQuerySet

from .text import normalise


class SynonymGroup(Publishable):
    """Words and phrases that mean the same to a family searching the site.

    Reviewed like content, since a group changes what search finds: until a change is
    approved, search keeps using the last approved words.
    """

    words = models.TextField(
        help_text="Comma-separated words or phrases that mean the same thing, e.g. "
        '"haemophilia, hemophilia". A search for any of them also finds the others.'
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why these belong together.")
    history = HistoricalRecords()

    objects = PublishableQuerySet.as_manager()

    title_field, text_field = "words", "words"
    content_fields = ["words", "note"]

    class Meta:
        ordering = ["words"]
        verbose_name = "synonym group"
        permissions = [("review_synonymgroup", "Can approve, publish and archive synonym groups")]

    @property
    def variants(self):
        return [normalise(word) for word in self.words.split(",") if normalise(word)]

    def clean(self):
        if len(self.variants) < 2:
            raise ValidationError({"words": "List at least two words or phrases, separated by commas."})


class SearchLog(models.Model):
    """One search: what was asked (with personal details taken out) and how many results
    it found. Nothing about who asked: `visitor` is a keyed hash of the client's address
    whose key changes every day, so a client counts once per query per day and two days'
    rows cannot be linked (see search/log.py)."""

    query = models.CharField(max_length=200)
    results = models.PositiveIntegerField()
    date = models.DateField(db_index=True)
    visitor = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["query", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["date", "query", "visitor"], name="one_search_log_per_visitor_per_day"),
        ]

    def __str__(self):
        return f"{self.query} ({self.results})"


class Pin(models.Model):
    """Editors choose the top result for a query."""

    query = models.CharField(max_length=200, help_text="The search, as people type it.")
    question = models.ForeignKey("faq.Question", null=True, blank=True, on_delete=models.CASCADE)
    article = models.ForeignKey("articles.Article", null=True, blank=True, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["query", "order"]

    def __str__(self):
        return f"{self.query} → {self.question or self.article}"

    def clean(self):
        self.query = normalise(self.query)
        if not self.query:
            raise ValidationError({"query": "Enter the search this pin is for."})
        if bool(self.question_id) == bool(self.article_id):
            raise ValidationError("Pin either one question or one article.")


class Word(models.Model):
    """A word from published content, for "Did you mean ...?" suggestions."""

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        indexes = [GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="search_word_trgm")]

    def __str__(self):
        return self.word


class BroaderTerm(Publishable):
    """A broad word and the narrower words it covers, e.g. "gene therapy" and "Hemgenix".

    One direction only: a search for the broad term also finds pages that name only a
    narrower one, but a search for a narrower term does not bring in everything broad.
    Reviewed like synonym groups, since it changes what search finds.
    """

    broad = models.CharField(
        max_length=100,
        help_text='The broad word or phrase families search for, e.g. "gene therapy".',
    )
    narrower = models.TextField(
        help_text='Comma-separated narrower words or phrases it covers, e.g. "Hemgenix, etranacogene '
        'dezaparvovec". A search for the broad term also finds pages that only say a narrower one; '
        "not the reverse: a search for a narrower term finds only that.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why these are narrower: where the site or "
                            "its sources say so.")
    history = HistoricalRecords()

    objects = PublishableQuerySet.as_manager()

    title_field, text_field = "broad", "narrower"
    content_fields = ["broad", "narrower", "note"]

    class Meta:
        ordering = ["broad"]
        verbose_name = "broader term"
        permissions = [("review_broaderterm", "Can approve, publish and archive broader terms")]

    @property
    def broad_term(self):
        return normalise(self.broad)

    @property
    def narrower_terms(self):
        return [normalise(word) for word in self.narrower.split(",") if normalise(word)]

    def clean(self):
        super().clean()
        self.broad = " ".join((self.broad or "").split())
        errors = {}
        if not self.broad_term:
            errors["broad"] = "Enter the broad word or phrase."
        terms = self.narrower_terms
        if not terms:
            errors["narrower"] = "List at least one narrower word or phrase, separated by commas."
        elif self.broad_term and self.broad_term in terms:
            errors["narrower"] = f'"{self.broad}" is the broad term: list only narrower words here.'
        elif len(set(terms)) < len(terms):
            errors["narrower"] = "A narrower word is listed twice."
        if "broad" not in errors and self._other_with_same_broad().exists():
            errors["broad"] = (f'There is already a broader term for "{self.broad}": add the narrower words '
                               "to that one.")
        if errors:
            raise ValidationError(errors)

    def _other_with_same_broad(self):
        """Other live rows for the same broad term (a new version of this one does not count)."""
        others = BroaderTerm.objects.filter(revision_of__isnull=True, broad__iexact=self.broad)
        for pk in (self.pk, self.revision_of_id):
            if pk:
                others = others.exclude(pk=pk)
        return others
