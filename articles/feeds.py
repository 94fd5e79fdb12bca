from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import Article


class LatestArticlesFeed(Feed):
    """New and updated articles, newest change first."""

    feed_type = Atom1Feed
    title = "hemed: new and updated articles"
    subtitle = "Plain-English articles about haemophilia B and gene therapy."
    link = reverse_lazy("articles:index")

    def items(self):
        return Article.objects.published().order_by("-updated_at")[:20]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Atom1Feed writes this as <summary type="html">, so a reader renders the
        # element's text as HTML. The summary is plain text: escape it, so markup
        # typed into it shows as text instead of running in the reader.
        return escape(article.summary)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.credited_reviewer[0] if article.clinically_reviewed else None
