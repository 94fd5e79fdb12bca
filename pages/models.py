"""The pages about hemed itself: who we are, how we make our information, funding, contact,
privacy and accessibility. They are reviewed content like any article (drafts, four-eyes
approval, history, export to content/pages/), but they are not health information: they
have no topic, references or help box, and the footer links to each one by its slug.
"""

from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from editorial.models import Publishable, PublishableQuerySet
from editorial.rendering import RendersMarkdown

# The footer links to these (templates/includes/footer.html), so the site needs each one.
FOOTER_PAGES = [
    ("who-we-are", "About us"),
    ("how-we-make-our-information", "How we make our information"),
    ("funding", "Funding and conflicts of interest"),
    ("contact", "Contact us"),
    ("privacy", "Privacy notice"),
    ("accessibility", "Accessibility statement"),
]


class Page(Publishable, RendersMarkdown):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=300, help_text="One short plain-text paragraph, shown under the title.")
    body = MarkdownxField(help_text="Markdown. Use ## for section headings: they make the contents list.")
    body_html = models.TextField(editable=False, blank=True)
    contents = models.JSONField(default=list, editable=False, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "contents"])

    title_field, text_field = "title", "body"
    content_fields = ["title", "summary", "body", "order"]
    markdown_field, html_field, contents_field = "body", "body_html", "contents"

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "about page"
        permissions = [("review_page", "Can approve, publish and archive about pages")]

    def get_absolute_url(self):
        return reverse("pages:detail", args=[self.slug])
