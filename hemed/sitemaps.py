from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from articles.models import Article, Topic
from faq.models import Category, Question
from pages.models import Page


def newest_published(model, parent_field):
    """For each parent row: when its most recently updated published `model` row changed."""
    newest = model.objects.published().filter(**{parent_field: OuterRef("pk")}).order_by("-updated_at")
    return Subquery(newest.values("updated_at")[:1])


class PagesSitemap(Sitemap):
    def items(self):
        return ["home", "articles:index", "faq:index", "glossary:index"]

    def location(self, name):
        return reverse(name)


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.with_published().annotate(lastmod=newest_published(Article, "topic")).order_by(
            "order", "name")

    def lastmod(self, topic):
        return topic.lastmod


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().select_related("topic")

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.annotate(lastmod=newest_published(Question, "category")).filter(
            lastmod__isnull=False).order_by("order", "name")

    def lastmod(self, category):
        return category.lastmod


class QuestionSitemap(Sitemap):
    def items(self):
        return Question.objects.published()

    def lastmod(self, question):
        return question.updated_at


class AboutSitemap(Sitemap):
    def items(self):
        return Page.objects.published()

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "topics": TopicSitemap,
    "articles": ArticleSitemap,
    "faq-categories": CategorySitemap,
    "questions": QuestionSitemap,
    "about": AboutSitemap,
}
