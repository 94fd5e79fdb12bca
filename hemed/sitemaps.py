from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from articles.models import Article, Topic
from faq.models import Question
from hemed.publishing import Status


class PagesSitemap(Sitemap):
    def items(self):
        return ["home", "articles:index", "faq:index", "glossary:index"]

    def location(self, name):
        return reverse(name)


class TopicSitemap(Sitemap):
    def items(self):
        return (
            Topic.objects.annotate(
                lastmod=Max("articles__updated_at", filter=Q(articles__status=Status.PUBLISHED))
            )
            .filter(lastmod__isnull=False)
            .order_by("order", "name")
        )

    def lastmod(self, topic):
        return topic.lastmod


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().select_related("topic")

    def lastmod(self, article):
        return article.updated_at


class QuestionSitemap(Sitemap):
    def items(self):
        return Question.objects.published()

    def lastmod(self, question):
        return question.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "topics": TopicSitemap,
    "articles": ArticleSitemap,
    "questions": QuestionSitemap,
}
