"""Example content says so on every page that shows it, and claims no review."""

import json
import re

import pytest
from django.utils.html import strip_tags

from articles.models import Article
from faq.models import Question

from .test_import import approve_correction, load

BANNER = "Example content: not yet reviewed by a clinician"
REVIEW_CLAIMS = ["Page last reviewed", "Reviewed by", "Answer last reviewed", "lastReviewed", "reviewedBy"]

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_showing_example_content_says_so_and_claims_no_review(client):
    load()
    article = Article.objects.published().first()
    question = Question.objects.published().first()
    urls = ["/", "/articles/", article.topic.get_absolute_url(), article.get_absolute_url(), "/faq/",
            question.get_absolute_url(), "/glossary/", "/search/?q=factor+IX"]
    for url in urls:
        html = page(client, url)
        assert BANNER in html, url
        for claim in REVIEW_CLAIMS:
            assert claim not in html, f"{url} says {claim!r}"
    home = strip_tags(page(client, "/"))
    assert not re.search(r"\bchecked\b", home, re.I), "the home page must not call example content checked"
    assert "Not yet reviewed by a clinician." in page(client, article.get_absolute_url())


def test_a_reviewers_approval_takes_the_banner_off_that_page(client, editor, reviewer):
    load()
    article = Article.objects.get(slug="newer-non-factor-medicines")
    article.related_questions.clear()  # so nothing else on its page is example content
    live = approve_correction(article, editor, reviewer, body="Reviewed text.\n")

    html = page(client, live.get_absolute_url())

    assert BANNER not in html
    assert "Page last reviewed" in html and "Reviewed by Rita Example" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    pages = data if isinstance(data, list) else [data]
    assert any(item.get("reviewedBy", {}).get("name") == "Rita Example" for item in pages)
    # Other pages keep theirs.
    other = Article.objects.published().exclude(pk=live.pk).first()
    assert BANNER in page(client, other.get_absolute_url())
