"""The demo content in content/ loads, and loading it again changes nothing."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article, Reference
from faq.models import Question


def load():
    out = io.StringIO()
    call_command("load_content", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_content_loads_and_is_public(client):
    load()
    articles = Article.objects.published()
    assert articles.count() >= 3
    assert Question.objects.published().count() >= 12
    for article in articles:
        assert article.references.exists(), f"{article.slug} lists no references"
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.slug
    assert client.get("/faq/").status_code == 200


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load()
    before = {
        "articles": list(Article.objects.values_list("slug", "updated_at").order_by("slug")),
        "questions": list(Question.objects.values_list("slug", "updated_at").order_by("slug")),
        "references": list(Reference.objects.values_list("pk", "title").order_by("pk")),
    }
    output = load()
    after = {
        "articles": list(Article.objects.values_list("slug", "updated_at").order_by("slug")),
        "questions": list(Question.objects.values_list("slug", "updated_at").order_by("slug")),
        "references": list(Reference.objects.values_list("pk", "title").order_by("pk")),
    }
    assert after == before
    assert "0 created, 0 updated" in output


@pytest.mark.django_db
def test_loading_restores_edited_content():
    load()
    article = Article.objects.published().first()
    original_title = article.title
    Article.objects.filter(pk=article.pk).update(title="Changed in the admin")
    output = load()
    article.refresh_from_db()
    assert article.title == original_title
    assert "1 updated" in output
