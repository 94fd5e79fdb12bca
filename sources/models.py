"""The source registry: every source a page may cite, with a stable key (S12), a grade and
when someone last checked it. Reviewed like other content: a changed source reaches pages
once approved. Pages list references picked from it, or typed in (flagged to editors).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from editorial.models import Publishable, PublishableQuerySet

KEY = re.compile(r"^S\d+$")


class Grade(models.TextChoices):
    # As in the facts pack.
    A = "A", "A: regulator, NICE, NHS, product information or peer-reviewed"
    B = "B", "B: patient organisation, professional body, trade press or manufacturer"
    C = "C", "C: weaker (a copy, an aggregator, or no URL)"


class Source(Publishable):
    key = models.CharField(max_length=10, help_text="Its stable name, cited in the text as [S12].")
    title = models.CharField(max_length=400)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", max_length=600, blank=True)
    date = models.CharField(
        "publication date", max_length=60, blank=True, help_text='As the source gives it, e.g. "7 Jun 2024" or "2024".'
    )
    grade = models.CharField(max_length=1, choices=Grade.choices, default=Grade.C)
    last_checked = models.DateField(
        null=True, blank=True, help_text="When someone last opened the source and checked it still says what we cite."
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords()

    title_field, text_field = "title", "title"
    content_fields = ["key", "title", "publisher", "url", "date", "grade", "last_checked"]

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=models.Q(revision_of__isnull=True),
                                    name="sources_source_unique_live_key"),
        ]
        permissions = [("review_source", "Can approve, publish and archive sources")]

    def __str__(self):
        publisher = f" ({self.publisher})" if self.publisher else ""
        return f"{self.key} · {self.title}{publisher} · grade {self.grade}"

    def clean(self):
        super().clean()
        if not KEY.match(self.key or ""):
            raise ValidationError({"key": "A key is S and a number, such as S12."})


class ReferenceBase(models.Model):
    """One entry in a page's reference list: a source from the registry, or one typed in."""

    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        # Only approved sources can be cited; a new one is reviewed first.
        limit_choices_to={"revision_of__isnull": True, "status": "published"},
        help_text="Pick from the registry. Type a reference below only if the source is not in it.",
    )
    title = models.CharField(max_length=400, blank=True)
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
        return self.shown.title

    def clean(self):
        if self.source_id is None and not self.title.strip():
            raise ValidationError("Pick a source from the registry, or type the reference's title.")

    @property
    def shown(self):
        """What readers see: the registry's entry, or the typed-in one."""
        return self.source if self.source_id else self

    @property
    def typed_in(self):
        return self.source_id is None

    @property
    def key(self):
        return self.source.key if self.source_id else None

    @property
    def grade(self):
        return self.source.grade if self.source_id else None


class Entry:
    """One line of a page's reference list."""

    def __init__(self, key, shown, cited):
        self.key, self.shown, self.cited = key, shown, cited

    def __getattr__(self, name):
        return getattr(self.shown, name)


def reference_list(page):
    """A page's references as readers see them, numbered as its citations are: the sources the
    text cites, in order of first use, then the page's other references in their order."""
    rows = list(page.references.select_related("source"))
    cited = list(dict.fromkeys(getattr(page, "citations", None) or []))
    listed = {row.source.key: row for row in rows if row.source_id}
    registry = {source.key: source
                for source in Source.objects.published().filter(key__in=[k for k in cited if k not in listed])}
    entries = []
    for key in cited:
        shown = listed[key].shown if key in listed else registry.get(key)
        if shown is not None:
            entries.append(Entry(key, shown, cited=True))
    entries += [Entry(row.key, row.shown, cited=False) for row in rows if row.key not in cited or row.key is None]
    return entries
